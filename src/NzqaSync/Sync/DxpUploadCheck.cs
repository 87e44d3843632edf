using NzqaSync.Domain.Dxp;

namespace NzqaSync.Sync;

/// <summary>
/// What is checked before a DXP record is uploaded: normalised (localId and eftsByMonth derived only when missing),
/// validated for the return's year (warnings are sent, errors are not), then checked against the learners and
/// course register when they were given and the record has no error of its own.
/// </summary>
public static class DxpUploadCheck
{
    public static (IReadOnlyList<DxpFieldProblem> Warnings, IReadOnlyList<DxpFieldProblem> Errors) Check(IDxpRecord record, int returnYear, SdrCrossCheck cross)
    {
        DxpRecordNormaliser.Normalise(record);
        var problems = DxpRecordValidator.Validate(record, returnYear);
        var errors = problems.Where(p => p.Severity == DxpProblemSeverity.Error).ToList();
        if (errors.Count == 0 && cross != null) errors.AddRange(cross.Check(record));
        return (problems.Where(p => p.Severity == DxpProblemSeverity.Warning).ToList(), errors);
    }

    /// <summary>The problem's message, led by its field unless the message already starts with it.</summary>
    public static string Named(DxpFieldProblem p) =>
        p.Message.StartsWith(p.Field, StringComparison.Ordinal) ? p.Message : $"{p.Field}: {p.Message}";
}
