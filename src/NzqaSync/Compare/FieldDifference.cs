namespace NzqaSync.Compare;

/// <summary>One field whose local value differs from NZQA's.</summary>
public sealed class FieldDifference(string field, string local, string nzqa)
{
    public string Field { get; } = field;
    public string Local { get; } = local;
    public string Nzqa { get; } = nzqa;

    /// <summary>As DifferenceSummary writes it: "Result: M (NZQA A)", "(none)" for an empty side.</summary>
    public override string ToString() => DifferenceText.Field(Field, Local, "NZQA", Nzqa);
}
