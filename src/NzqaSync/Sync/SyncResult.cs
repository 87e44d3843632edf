using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>What was done to one record: Create, Update, RecordLeaving, Withdraw, None.</summary>
public enum SyncAction { None, Create, Update, RecordLeaving, Withdraw, SubmitResult }

/// <summary>The end of one record's sync.</summary>
public enum SyncOutcome { Synced, Failed, Skipped }

/// <summary>One record's sync result: the action, the outcome and the service's own error text.</summary>
public sealed class SyncResult
{
    public string Kind { get; set; }
    public string Key { get; set; }
    public string Nsn { get; set; }
    public string Name { get; set; }
    public SyncAction Action { get; set; }
    public SyncOutcome Outcome { get; set; }
    public SyncStatus? SyncStatus { get; set; }
    /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
    public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
    private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
    /// <summary>Why nothing was sent when that is as it should be (e.g. NZQA's result kept); not an error.</summary>
    public string Note { get; set; }
    public string RunId { get; set; }
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The diff this result came from.</summary>
    public RecordDiff Diff { get; set; }

    public string ErrorSummary => string.Join("; ", Errors);

    /// <summary>A record not sent this time, with the reasons (its problems, a hold, no approval...).</summary>
    public static SyncResult Skipped(RecordDiff diff, IEnumerable<string> reasons, string note = null) => new SyncResult
    {
        Note = note,
        Kind = diff.Kind, Key = diff.Key, Nsn = diff.Nsn, Name = diff.Name, Action = SyncAction.None,
        Outcome = SyncOutcome.Skipped, SyncStatus = diff.SyncStatus, Timestamp = DateTimeOffset.Now, Diff = diff,
        Errors = new List<string>(reasons),
    };

    public override string ToString() => $"{Outcome} {Action} {Kind} {Key}";
}
