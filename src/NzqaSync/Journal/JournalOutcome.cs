namespace NzqaSync.Journal;

/// <summary>
/// The outcomes a journal line records for an operation, and what the reader makes of them. Kept as strings in one
/// place (not an enum) because they are the journal's JSON and SyncLogEntry.Outcome's text as users filter it
/// (Where-Object Outcome -eq 'Failed', Export-Csv, ConvertTo-Json) and every older journal line must still read.
/// </summary>
public static class JournalOutcome
{
    /// <summary>Written before a send; still the latest line only while the send is under way.</summary>
    public const string Pending = nameof(Pending);
    public const string Synced = nameof(Synced);
    public const string Failed = nameof(Failed);
    /// <summary>Sent, answer lost: written when a batch's answer was lost, and the reader's name for a Pending line whose run is over.</summary>
    public const string InDoubt = nameof(InDoubt);
    /// <summary>The Detail of a line that settled an in-doubt send from what the service showed later.</summary>
    public const string Settled = nameof(Settled);
    /// <summary>Details of a Synced line: what the service did.</summary>
    public const string Created = nameof(Created), Updated = nameof(Updated);
}
