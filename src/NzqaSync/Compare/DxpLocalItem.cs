using NzqaSync.Domain.Dxp;

namespace NzqaSync.Compare;

/// <summary>A local record to compare: read, then normalised; the problems found reading it; where it came from.</summary>
public sealed class DxpLocalItem(IDxpRecord record, IReadOnlyList<DxpFieldProblem> problems, object source)
{
    public IDxpRecord Record { get; } = record;
    public IReadOnlyList<DxpFieldProblem> Problems { get; } = problems ?? Array.Empty<DxpFieldProblem>();
    public object Source { get; } = source;

    /// <summary>
    /// A record as read (with the problems reading found), normalised, then checked by its own rules when it read
    /// cleanly: errors make it Invalid, <paramref name="warnings"/> are the rest (the compare writes them as warnings).
    /// </summary>
    public static DxpLocalItem Checked(IDxpRecord record, IReadOnlyList<DxpFieldProblem> readProblems, object source, out IReadOnlyList<DxpFieldProblem> warnings)
    {
        var problems = readProblems.ToList();
        DxpRecordNormaliser.Normalise(record);
        warnings = Array.Empty<DxpFieldProblem>();
        if (problems.Count == 0)
        {
            var own = DxpRecordValidator.Validate(record);
            warnings = own.Where(p => p.Severity == DxpProblemSeverity.Warning).ToList();
            problems.AddRange(own.Where(p => p.Severity == DxpProblemSeverity.Error));
        }
        return new DxpLocalItem(record, problems, source);
    }

    /// <summary>
    /// With the rules across collections (<paramref name="cross"/>: the learners and course register) applied to each
    /// item that has no problem of its own; as given when there is no register to check against.
    /// </summary>
    public static IReadOnlyList<DxpLocalItem> CrossChecked(IReadOnlyList<DxpLocalItem> items, SdrCrossCheck cross) =>
        cross == null ? items : items.Select(l => l.Problems.Count > 0 ? l : l.With(cross.Check(l.Record))).ToList();

    private DxpLocalItem With(IReadOnlyList<DxpFieldProblem> problems) => problems.Count == 0 ? this : new DxpLocalItem(Record, problems, Source);
}
