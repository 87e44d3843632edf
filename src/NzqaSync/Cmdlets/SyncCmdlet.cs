using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The shared body of Sync-Nzqa*: diffs in from the pipeline, ShouldProcess per record, only changed records
/// sent (in batches, a few at once, journalled before and after by the sync-run service), one SyncResult per
/// record out. A record that fails also gets an error, so $? is false and scheduled scripts can tell.
/// </summary>
public abstract class SyncCmdlet<TDiff> : NzqaApiCmdlet where TDiff : RecordDiff
{
    private readonly List<PlannedRecord> _planned = new List<PlannedRecord>();
    private NzqaConnection _connection;
    private ApprovalFile _approval;

    /// <summary>
    /// The diffs Compare-Nzqa* wrote. Typed loosely on purpose: a diff of another kind (or a raw record) piped in
    /// is one clear error naming the cmdlet that takes it, not the engine's binding error once per object.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; }

    [Parameter]
    [ValidateRange(1, NzqaRoutes.MaxBatchItems)]
    public int BatchSize { get; set; } = NzqaRoutes.MaxBatchItems;

    /// <summary>Batches in flight at once.</summary>
    [Parameter]
    [ValidateRange(1, 16)]
    public int ThrottleLimit { get; set; } = 4;

    /// <summary>The Principal's Nominee's approval file: only changes it lists, unchanged since, are sent.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ApprovalPath { get; set; }

    protected abstract PlannedRecord Plan(TDiff diff, int provider);
    protected abstract string Describe(PlannedRecord planned);

    /// <summary>
    /// Send what is held although NZQA refused it (or its learner) for identity in an earlier run and nothing has
    /// synced since (after NZQA fixed its side).
    /// </summary>
    [Parameter]
    public SwitchParameter ReleaseHeld { get; set; }

    /// <summary>
    /// Planned records not to send this time, with the reason each is held: a new enrolment, entries and results of a
    /// learner not accepted earlier in this session or refused for identity in an earlier run (the journal), or that
    /// NZQA holds no learner for at this school (NZQA's own list, which every session and journal sees alike).
    /// </summary>
    protected virtual IDictionary<PlannedRecord, string> HoldBack(IReadOnlyList<PlannedRecord> planned, NzqaConnection connection)
    {
        if (ReleaseHeld.IsPresent || !planned.Any(SyncHolds.HeldByLearner)) return SyncHolds.HeldBackByLearner(planned, connection.LearnersNotAccepted);
        var held = SyncHolds.HeldBackByLearner(planned, connection.LearnersNotAccepted, SyncHolds.RefusedForIdentity(SyncHolds.JournalEntries(connection.JournalPath)));
        var learners = Read(connection, "Reading NZQA learners", progress => connection.Client.GetLearnersAsync(progress, StopToken));
        return SyncHolds.HeldWithoutLearner(held, planned, learners.Select(l => l.Nsn));
    }

    /// <summary>After a run: what later syncs of the session need to know.</summary>
    protected virtual void Ran(IReadOnlyList<SyncResult> results, NzqaConnection connection) { }

    protected override void Begin()
    {
        _connection = ResolveConnection();
        if (ApprovalPath != null) _approval = SyncInput.LoadApproval(this, ApprovalPath, _connection);
    }

    protected override void ProcessRecord()
    {
        foreach (var item in PipelineInput.BaseObjects(InputObject)) Process(item);
    }

    private void Process(object input)
    {
        if (!(input is TDiff diff)) ThrowTerminatingError(SyncInput.WrongInput(MyInvocation.MyCommand.Name, input));
        // The same diff object piped in again (a second Sync of $diff): what it asked for was sent and accepted.
        else if (SyncInput.FromOtherProvider(diff, _connection) is ErrorRecord other) { WriteError(other); WriteObject(SyncResult.Skipped(diff, new[] { other.Exception.Message })); }
        else if (diff.SyncStatus == SyncStatus.Synced) Skip(diff, "Already synced from this diff; nothing was sent again. Compare again to see what NZQA holds now.");
        else if (Plan(diff, _connection.ProviderNumber) is var planned && planned.Operations.Count == 0)
        {
            WriteVerbose($"{diff.Kind} {diff.Key}: {diff.Status}, nothing to send.{(planned.Note == null ? "" : " " + planned.Note)}");
            if (planned.SkipReason != null) WriteWarning($"{diff.Kind} {diff.Key} ({diff.Name}): {planned.SkipReason}");
            WriteObject(SyncResult.Skipped(diff, diff.Problems.Select(p => p.Message).Concat(planned.SkipReason == null ? new string[0] : new[] { planned.SkipReason }), planned.Note));
        }
        else if (_approval?.Refusal(planned) is string notApproved) Skip(diff, notApproved);
        else if (ShouldProcess(SyncInput.Target(diff), Describe(planned))) _planned.Add(planned);
    }

    private void Skip(RecordDiff diff, string why, bool warn = false)
    {
        if (warn) WriteWarning($"{diff.Kind} {diff.Key} ({diff.Name}): {why}");
        else WriteVerbose($"{diff.Kind} {diff.Key}: {why}");
        WriteObject(SyncResult.Skipped(diff, new[] { why }));
    }

    protected override void EndProcessing()
    {
        var holds = _planned.Count == 0 ? null : HoldBack(_planned, _connection);
        if (holds != null && holds.Count > 0)
        {
            foreach (var held in _planned.Where(holds.ContainsKey)) Skip(held.Diff, holds[held], warn: true);
            Ran(holds.Select(h => SyncResult.Skipped(h.Key.Diff, new[] { h.Value })).ToList(), _connection);
            _planned.RemoveAll(holds.ContainsKey);
        }
        if (_planned.Count == 0) return;
        var results = Send(_planned[0].Diff.Kind);
        if (results == null) return;
        Ran(results, _connection);
        foreach (var result in results)
        {
            WriteObject(result);
            if (result.Outcome == SyncOutcome.Failed) WriteError(SyncInput.NotSynced(result));
        }
        WriteVerbose($"Sync run {results[0].RunId} finished: {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}.");
    }

    /// <summary>One sync run of the planned records; null when it was stopped (Ctrl+C: what was in flight is journalled InDoubt).</summary>
    private IReadOnlyList<SyncResult> Send(string kind)
    {
        var noun = kind.ToLowerInvariant();
        var journal = new SyncJournal(_connection.JournalPath);
        var approval = SyncInput.JournalApprovalOf(_approval);
        var (total, runId) = (_planned.Count, SyncRun.NewRunId());
        WriteVerbose($"Sync run {runId}: sending {total} {noun} changes to NZQA {_connection.BaseUri} in batches of up to {BatchSize}, {ThrottleLimit} at a time " +
                     $"({string.Join(", ", _planned.GroupBy(p => p.Headline).Select(g => $"{g.Key} {g.Count()}"))}). Journal: {journal.Folder}");
        var run = StartRun(() => SyncRun.Start(journal, "Nzqa", kind, total, runId, approval), ServiceErrorIds.Nzqa);
        var runner = new SyncRunner(_connection.Client.WriteBatchAsync, run, BatchSize, ThrottleLimit, _connection.KeepExchanges);
        if (_approval != null) WriteVerbose($"Sending only what {_approval.SignedBy} approved ({_approval.Path}, {_approval.Sha256}).");
        var progress = new SyncProgress(this, noun, total);
        IReadOnlyList<SyncResult> results = null;
        try
        {
            results = Await(runner.RunAsync(_planned, StopToken), _connection.Sender, () => progress.Show(runner.Progress));
        }
        catch (OperationCanceledException) { }
        finally
        {
            run.End(results, r => r.Outcome.ToString());
            progress.Complete();
            ApplyRetention(journal, _connection.JournalRetentionDays);
        }
        return results;
    }
}
