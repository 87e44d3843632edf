using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// DXP cmdlets that upload (Send-Dxp*, Sync-DxpRecord): an upload run through <see cref="DxpUploader"/> inside the
/// sync-run service (<see cref="SyncRun"/>: run lines, write-ahead, retention, settlement), with the run's notes,
/// errors and progress written on the pipeline thread as each batch is answered. Delete runs: <see cref="DxpApiCmdlet.Delete"/>.
/// </summary>
public abstract class DxpWriteCmdlet : DxpApiCmdlet
{
    /// <summary>One upload run of one dataset to one return; the uploader (its counts) and the results, null when stopped or never started.</summary>
    private protected (DxpUploader Uploader, IReadOnlyList<DxpUploadResult> Results) Upload<T>(DxpConnection connection, string returnId, string runId,
        IReadOnlyList<IReadOnlyList<T>> batches, JournalApproval approval, UploadView view) where T : class, IDxpRecord
    {
        var total = batches.Sum(b => b.Count);
        var journal = new SyncJournal(connection.JournalPath);
        var run = StartRun(() => SyncRun.Start(journal, "Dxp", DxpDatasets.KindOf(batches[0][0].Dataset), total, runId, approval), ServiceErrorIds.Dxp);
        var uploader = new DxpUploader(connection, run, returnId);
        var progress = new ProgressRecord(view.ProgressId, view.Activity, "Starting");
        IReadOnlyList<DxpUploadResult> results = null;
        try
        {
            results = Await(uploader.UploadAsync(batches, StopToken), connection.Sender, () =>
            {
                Drain(uploader, view.Answered);
                var p = uploader.Progress;
                progress.StatusDescription = $"Uploaded {p.Done} of {total}{view.Unit} (accepted {p.Accepted}, rejected {p.Rejected}, failed {p.Failed}); {p.Batches} requests";
                progress.PercentComplete = (int)(100L * p.Done / total);
                WriteProgress(progress);
            });
        }
        catch (OperationCanceledException) { } // Ctrl+C: a batch in flight is journalled InDoubt; batches never sent have no journal line.
        catch (ServiceException ex)
        {
            // Could not even get a submission token: nothing was sent.
            Drain(uploader, view.Answered);
            if (view.TokenFailureStops) ThrowTerminatingError(DxpError(ex, returnId));
            WriteError(DxpError(ex, returnId));
        }
        finally
        {
            run.End(results, r => r.Outcome.ToString());
            ApplyRetention(journal, connection.JournalRetentionDays);
            Drain(uploader, view.Answered);
            Complete(progress);
        }
        if (results != null)
        {
            var settled = InDoubtSettlement.ByUpload(journal, run.Kind, runId, results.Where(r => r.Outcome == DxpUploadOutcome.Accepted).Select(r => r.LocalId));
            if (settled.Count > 0) WriteVerbose($"Settled {settled.Count} in-doubt uploads of earlier runs: DXP accepted their localIds in this run.");
        }
        return (uploader, results);
    }

    /// <summary>MP1 (a batch too large: a batching bug) stops the cmdlet once the run is over.</summary>
    private protected void StopIfBatchTooLarge(DxpUploader uploader, string returnId)
    {
        if (uploader.StoppedBy is DxpBatchTooLargeException tooLarge) ThrowTerminatingError(DxpError(tooLarge, returnId));
    }

    /// <summary>Sync-DxpRecord's uploads of one dataset to one return: one DxpSyncResult per diff, an error for each not synced.</summary>
    private protected void UploadDiffs(DxpConnection connection, SyncJournal journal, string runId, string returnId, string dataset, List<DxpRecordDiff> diffs, JournalApproval approval)
    {
        var kind = DxpDatasets.KindOf(dataset);
        if (!TryCall(connection, returnId, s => Task.FromResult(s), out var submission, out var failure))
        {
            foreach (var d in diffs) WriteObject(DxpSyncResult.For(d, returnId, runId, DxpSyncAction.Upload, DxpSyncOutcome.Failed, new[] { Unwrap(failure).Message }));
            return;
        }
        var plan = DxpUploadBatcher.Plan(diffs.Select(d => d.Local), submission.MaxRecordPerBatch);
        var byRecord = diffs.ToDictionary(d => d.Local, d => d, ReferenceEquality<IDxpRecord>.Instance);
        for (var i = 0; i < plan.HeldBack.Count; i++)
            Report(DxpSyncResult.For(byRecord[plan.HeldBack[i]], returnId, runId, DxpSyncAction.Upload, DxpSyncOutcome.Failed, new[] { plan.Problems[i].Message }), plan.Problems[i].Code);
        var total = plan.Batches.Sum(b => b.Count);
        if (total == 0) return;
        WriteVerbose($"Sync run {runId}: uploading {total} {kind} records to return {returnId} in {plan.Batches.Count} batches of up to {submission.MaxRecordPerBatch}. Journal: {journal.Folder}");
        var view = new UploadView { ProgressId = 7, Activity = $"Syncing {kind} records with DXP return {returnId}" };
        var (uploader, results) = Upload(connection, returnId, runId, plan.Batches, approval, view);
        if (results == null) return;
        foreach (var r in results)
            Report(DxpSyncResult.For(byRecord[r.Record], returnId, runId, DxpSyncAction.Upload, DxpSyncResult.OutcomeOf(r.Outcome), r.Errors),
                r.Outcome == DxpUploadOutcome.Rejected ? ErrorIds.DxpRecordRejected : ErrorIds.DxpSyncFailed);
        WriteVerbose($"Sync run {runId}: {kind} uploads {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}.");
        StopIfBatchTooLarge(uploader, returnId);
    }

    /// <summary>Sync-DxpRecord's deletes (DxpOnly) of one dataset from one return.</summary>
    private protected void DeleteDiffs(DxpConnection connection, SyncJournal journal, string runId, string returnId, string dataset, List<DxpRecordDiff> diffs, JournalApproval approval)
    {
        var byId = diffs.GroupBy(d => d.LocalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var (results, failure) = Delete(connection, journal, runId, returnId, dataset, byId.Keys.ToList(), approval, alreadyGoneIsDone: true);
        if (failure != null)
            foreach (var d in byId.Values) WriteObject(DxpSyncResult.For(d, returnId, runId, DxpSyncAction.Delete, DxpSyncOutcome.Failed, new[] { Unwrap(failure).Message }));
        if (results == null) return;
        foreach (var r in results)
        {
            var result = DxpSyncResult.For(byId[r.LocalId], returnId, runId, DxpSyncAction.Delete, DxpSyncResult.OutcomeOf(r.Outcome), r.Errors);
            result.Note = r.Note;
            Report(result, r.Outcome == DxpRemoveOutcome.Rejected ? ErrorIds.DxpRecordNotDeleted : ErrorIds.DxpDeleteFailed);
        }
    }

    private void Report(DxpSyncResult result, string errorId)
    {
        WriteObject(result);
        if (result.Outcome != DxpSyncOutcome.Synced) WriteError(DxpSyncErrors.NotSynced(result, errorId));
    }
    private void Drain(DxpUploader uploader, Action<DxpUploadResult> answered)
    {
        while (uploader.Notes.TryDequeue(out var note)) WriteVerbose(note);
        if (answered != null)
            while (uploader.Finished.TryDequeue(out var result)) answered(result);
        while (uploader.BatchErrors.TryDequeue(out var failure))
            if (!(failure.Error is DxpBatchTooLargeException)) WriteError(DxpError(failure.Error, failure.Target)); // MP1: terminating after the run
    }
}
