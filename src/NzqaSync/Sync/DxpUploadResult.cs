using NzqaSync.Domain.Dxp;

namespace NzqaSync.Sync;

/// <summary>What happened to one record sent to DXP.</summary>
public enum DxpUploadOutcome
{
    /// <summary>DXP stored it (replacing any earlier record with the same localId).</summary>
    Accepted,
    /// <summary>DXP answered with errors for it: not stored (an earlier record with its localId is kept).</summary>
    Rejected,
    /// <summary>The module's own checks found an error: it was not sent.</summary>
    Invalid,
    /// <summary>The request failed (or its answer was lost): see Errors.</summary>
    Failed,
}

/// <summary>One record's upload: Dataset, LocalId, the student, the outcome and TEC's own words (or the local rule's).</summary>
public sealed class DxpUploadResult
{
    /// <summary>The route segment: course-enrolments or qualification-completions.</summary>
    public string Dataset { get; set; }
    /// <summary>CourseEnrolment or QualificationCompletion (the journal's kind).</summary>
    public string Kind { get; set; }
    public string LocalId { get; set; }
    public string StudentIdentificationCode { get; set; }
    public DxpUploadOutcome Outcome { get; set; }
    /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
    public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
    private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
    public string ReturnId { get; set; }
    public string RunId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>The record as it was sent (normalised).</summary>
    public IDxpRecord Record { get; set; }

    public string ErrorSummary => string.Join("; ", Errors);

    /// <summary>One record's result in a run (the run's id, the return it was for).</summary>
    public static DxpUploadResult For(IDxpRecord record, DxpUploadOutcome outcome, IReadOnlyList<string> errors, string returnId, string runId) => new DxpUploadResult
    {
        Dataset = record.Dataset,
        Kind = DxpDatasets.KindOf(record.Dataset),
        LocalId = record.LocalId,
        StudentIdentificationCode = DxpDatasets.StudentOf(record),
        Outcome = outcome,
        Errors = errors,
        ReturnId = returnId,
        RunId = runId,
        Timestamp = DateTimeOffset.Now,
        Record = record,
    };

    public override string ToString() => $"{Outcome} {Kind} {LocalId}";
}

/// <summary>One record's delete (Remove-DxpRecord).</summary>
public enum DxpRemoveOutcome { Removed, Rejected, Failed }

public sealed class DxpRemoveResult
{
    public string Dataset { get; set; }
    public string Kind { get; set; }
    public string LocalId { get; set; }
    public DxpRemoveOutcome Outcome { get; set; }
    /// <summary>Why a Removed record needed no delete (DXP no longer held it); otherwise null.</summary>
    public string Note { get; set; }
    /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
    public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
    private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
    public string ReturnId { get; set; }
    public string RunId { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    public string ErrorSummary => string.Join("; ", Errors);

    public override string ToString() => $"{Outcome} {Kind} {LocalId}";
}
