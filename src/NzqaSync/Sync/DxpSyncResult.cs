using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>What Sync-DxpRecord did to one record.</summary>
public enum DxpSyncAction { None, Upload, Delete }

/// <summary>Synced (DXP accepted the upload or the delete), Rejected (DXP answered with errors), Failed (the request failed), Skipped (Match or Invalid).</summary>
public enum DxpSyncOutcome { Synced, Rejected, Failed, Skipped }

/// <summary>One record's sync with DXP (Sync-DxpRecord).</summary>
public sealed class DxpSyncResult
{
    public string Dataset { get; set; }
    public string Kind { get; set; }
    public string LocalId { get; set; }
    public string StudentIdentificationCode { get; set; }
    /// <summary>The diff's status: New, Different, DxpOnly, Match or Invalid.</summary>
    public DxpDiffStatus Status { get; set; }
    public DxpSyncAction Action { get; set; }
    public DxpSyncOutcome Outcome { get; set; }
    /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
    public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
    private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
    public string ReturnId { get; set; }
    public string RunId { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>The diff this result came from.</summary>
    public DxpRecordDiff Diff { get; set; }

    /// <summary>Why a Synced delete needed nothing sent (DXP no longer held the record); otherwise null.</summary>
    public string Note { get; set; }

    public string ErrorSummary => string.Join("; ", Errors);

    /// <summary>Accepted → Synced, Rejected → Rejected, the rest Failed.</summary>
    public static DxpSyncOutcome OutcomeOf(DxpUploadOutcome upload) =>
        upload == DxpUploadOutcome.Accepted ? DxpSyncOutcome.Synced : upload == DxpUploadOutcome.Rejected ? DxpSyncOutcome.Rejected : DxpSyncOutcome.Failed;

    /// <summary>Removed → Synced, Rejected → Rejected, Failed → Failed.</summary>
    public static DxpSyncOutcome OutcomeOf(DxpRemoveOutcome delete) =>
        delete == DxpRemoveOutcome.Removed ? DxpSyncOutcome.Synced : delete == DxpRemoveOutcome.Rejected ? DxpSyncOutcome.Rejected : DxpSyncOutcome.Failed;

    public static DxpSyncResult For(DxpRecordDiff diff, string returnId, string runId, DxpSyncAction action, DxpSyncOutcome outcome, IReadOnlyList<string> errors) => new DxpSyncResult
    {
        Dataset = diff.Dataset,
        Kind = diff.Kind,
        LocalId = diff.LocalId,
        StudentIdentificationCode = diff.StudentIdentificationCode,
        Status = diff.Status,
        Action = action,
        Outcome = outcome,
        Errors = errors ?? Array.Empty<string>(),
        ReturnId = returnId,
        RunId = runId,
        Timestamp = DateTimeOffset.Now,
        Diff = diff,
    };

    public override string ToString() => $"{Outcome} {Action} {Kind} {LocalId}";
}
