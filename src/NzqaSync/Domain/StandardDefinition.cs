namespace NzqaSync.Domain;

/// <summary>A standard in NZQA's catalogue.</summary>
public sealed class StandardDefinition
{
    public string Number { get; set; }
    public int Version { get; set; }
    /// <summary>A (achievement), U (unit) or S (scholarship).</summary>
    public string Type { get; set; }
    public string Title { get; set; }
    public int? Level { get; set; }
    public int? Credits { get; set; }
    /// <summary>Internal or External.</summary>
    public string Assessment { get; set; }
    /// <summary>Unit standards only: whether Merit and Excellence may be awarded.</summary>
    public bool AllowsMerit { get; set; }
}
