using NzqaSync.Api;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// One journalled run, the bookkeeping NZQA sync, DXP send and DXP remove share: the run's first line before
/// anything is sent, write-ahead lines (Pending before a batch, its outcome after), the run's last line with the
/// outcome counts however it ends, retention after it, and the settlement of earlier runs' in-doubt entries.
/// Plain C#: the cmdlets start and end a run and write what it says on the pipeline thread.
/// </summary>
public sealed class SyncRun
{

    private SyncRun(SyncJournal journal, string runId, string api, string kind, int total, JournalApproval approval)
    {
        Journal = journal;
        RunId = runId;
        Api = api;
        Kind = kind;
        Total = total;
        Approval = approval;
    }

    public SyncJournal Journal { get; }
    public string RunId { get; }
    public string Api { get; }
    public string Kind { get; }
    public int Total { get; }

    /// <summary>The approval the run sends under; every write-ahead line names it.</summary>
    public JournalApproval Approval { get; }

    public bool Ended { get; private set; }

    /// <summary>
    /// Writes the run's first line. A journal that cannot be written (or trusted: another user's folder, a link, open
    /// to others) throws here, before anything is sent.
    /// </summary>
    public static SyncRun Start(SyncJournal journal, string api, string kind, int total, string runId = null, JournalApproval approval = null)
    {
        var run = new SyncRun(journal, runId ?? SyncJournal.NewRunId(), api, kind, total, approval);
        journal.RunStarted(run.RunId, api, kind, total, approval);
        return run;
    }

    /// <summary>A run that has not started yet: its id for results written before it starts (records refused up front).</summary>
    public static string NewRunId() => SyncJournal.NewRunId();

    /// <summary>Writes the run's last line with how many records ended each way (none when it was stopped).</summary>
    public void End<T>(IEnumerable<T> results, Func<T, string> outcome)
    {
        if (Ended) return;
        Ended = true;
        var counts = results?.GroupBy(outcome).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
        Journal.RunEnded(RunId, Api, Kind, Total, counts);
    }

    /// <summary>Write-ahead: one Pending line per record, flushed before the batch is sent; the caller sets the outcomes and calls <see cref="Record"/>.</summary>
    public List<JournalOperation> BeforeSend<T>(IEnumerable<T> records, Func<T, string> key, string action, Func<T, string> operationId, Func<T, string> itemHash = null) =>
        BeforeSend(records, key, r => action, operationId, itemHash);

    /// <summary>Write-ahead where the records of one batch differ in action (an update and a record-leaving on one route).</summary>
    public List<JournalOperation> BeforeSend<T>(IEnumerable<T> records, Func<T, string> key, Func<T, string> action, Func<T, string> operationId, Func<T, string> itemHash = null)
    {
        var ops = records.Select(r => new JournalOperation
        {
            RunId = RunId,
            OperationId = operationId(r),
            Api = Api,
            Kind = Kind,
            Key = key(r),
            Action = action(r),
            Outcome = JournalOutcome.Pending,
            Approval = Approval,
            ItemHash = itemHash?.Invoke(r),
        }).ToList();
        Journal.Record(ops);
        return ops;
    }

    public void Record(IEnumerable<JournalOperation> operations) => Journal.Record(operations);

    /// <summary>Whether a failed send may still have been applied (stopped, or the answer lost): InDoubt, settled later.</summary>
    public static bool OutcomeUnknown(Exception failure) =>
        failure is OperationCanceledException || (failure as ServiceException)?.OutcomeUnknown == true;

    /// <summary>The journal outcome of a batch that failed as a whole.</summary>
    public static string OutcomeOf(Exception failure) => OutcomeUnknown(failure) ? JournalOutcome.InDoubt : JournalOutcome.Failed;

    /// <summary>
    /// The connection's retention: entries older than <paramref name="days"/> go after each run. What was removed,
    /// or null when nothing was; IOException and UnauthorizedAccessException reach the caller (a warning, not a failure).
    /// </summary>
    public static string ApplyRetention(SyncJournal journal, int days, DateTimeOffset now)
    {
        if (days <= 0) return null;
        var before = now.AddDays(-days);
        // Most nights nothing has aged out: a scan of the lines' timestamps says so without parsing the journal whole.
        if (!JournalAge.MayHoldOlderThan(journal.Folder, before)) return null;
        var plan = JournalRetention.Plan(journal.Folder, before);
        if (plan.Entries.Count == 0 && plan.Runs.Count == 0) return null;
        JournalRetention.Apply(plan);
        return plan.Describe();
    }
}
