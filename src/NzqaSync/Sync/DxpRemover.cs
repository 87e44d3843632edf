using System.Collections.Concurrent;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// Deletes records by localId (POST {dataset}/delete) in batches of the token's maxRecordPerBatch, through the same
/// per-dataset gate as uploads, journalled before and after each batch (action "Delete"); SC* renews the token once.
/// </summary>
public static class DxpRemover
{
    /// <summary>The note on a delete DXP refused because it no longer held the record (so the delete was already done).</summary>
    public const string NoLongerHeld = "DXP no longer held it (already deleted); nothing to delete.";

    /// <param name="run">The started run of the dataset (<see cref="SyncRun.Start"/>): it writes the journal ahead of each batch and after it, naming its approval.</param>
    /// <param name="heldLocalIds">
    /// When given (Sync-DxpRecord), a delete DXP answers with errors is checked against what the return then holds
    /// (read once per such batch): a localId DXP no longer holds was already deleted (an earlier run, another tool),
    /// which is what the delete wanted, so it ends Removed with <see cref="NoLongerHeld"/>. DXP's wording for an
    /// unknown localId is not published (docs/api-contract.md), so the read-back decides, not the error text.
    /// </param>
    public static async Task<List<DxpRemoveResult>> RemoveAsync(DxpConnection connection, SyncRun run, string returnId, string dataset,
        IReadOnlyList<string> localIds, ConcurrentQueue<string> notes, CancellationToken ct,
        Func<CancellationToken, Task<ICollection<string>>> heldLocalIds = null)
    {
        var runId = run.RunId;
        var kind = DxpDatasets.KindOf(dataset);
        var results = new List<DxpRemoveResult>();
        var submission = await connection.GetSubmissionAsync(returnId, ct).ConfigureAwait(false);
        for (var from = 0; from < localIds.Count; from += submission.MaxRecordPerBatch)
        {
            var chunk = localIds.Skip(from).Take(submission.MaxRecordPerBatch).ToList();
            var ops = run.BeforeSend(chunk, id => id, "Delete", id => runId + ":" + kind + ":" + id + ":delete");
            DxpUploadResponse response = null;
            Exception failure = null;
            var capture = connection.KeepExchanges == ExchangeKeeping.None ? null : ExchangeCapture.Begin(); // this chunk's calls only
            for (var attempt = 0; ; attempt++)
            {
                var body = DxpClient.Serialise(submission.SubmissionToken, chunk.Select(id => new DxpLocalIdRef(id)).ToList(), connection.CompressUploads);
                notes.Enqueue($"POST {DxpRoutes.Delete(dataset)}: {chunk.Count} localIds.");
                var gate = connection.UploadGate(dataset);
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    response = await connection.Client.DeleteAsync(dataset, body, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ServiceException || ex is OperationCanceledException)
                {
                    failure = ex;
                }
                finally
                {
                    gate.Release();
                }
                if (failure is ServiceException se && attempt == 0 && DxpAnswers.IsSubmissionTokenGone(se))
                {
                    notes.Enqueue($"DXP answered {se.ErrorCode}: getting a new submission token for return {returnId} and deleting again.");
                    submission = await connection.GetSubmissionAsync(returnId, ct, rejectedToken: submission.SubmissionToken).ConfigureAwait(false);
                    failure = null;
                    continue;
                }
                break;
            }
            var byId = (response?.Content ?? new List<DxpRecordResult>()).Where(r => r?.LocalId != null).GroupBy(r => r.LocalId).ToDictionary(g => g.Key, g => g.First());
            ICollection<string> held = null;
            if (failure == null && heldLocalIds != null && chunk.Any(id => !(byId.TryGetValue(id, out var a) && a.Accepted)))
            {
                try
                {
                    held = await heldLocalIds(ct).ConfigureAwait(false);
                    notes.Enqueue($"DXP refused {chunk.Count(id => !(byId.TryGetValue(id, out var a) && a.Accepted))} delete(s); read back what return {returnId} holds for {dataset} to see whether they were already deleted.");
                }
                catch (Exception ex) when (ex is ServiceException || ex is OperationCanceledException)
                {
                    notes.Enqueue($"Could not read back {dataset} to check the refused deletes: {ex.Message}");
                }
            }
            for (var i = 0; i < chunk.Count; i++)
            {
                var result = new DxpRemoveResult { Dataset = dataset, Kind = kind, LocalId = chunk[i], ReturnId = returnId, RunId = runId, Timestamp = DateTimeOffset.Now };
                if (failure != null)
                {
                    result.Outcome = DxpRemoveOutcome.Failed;
                    result.Errors = new[] { failure is OperationCanceledException ? "Stopped while deleting; whether DXP removed it is unknown." : failure.Message };
                    ops[i].Outcome = SyncRun.OutcomeOf(failure);
                }
                else if (byId.TryGetValue(chunk[i], out var answer) && answer.Accepted)
                {
                    result.Outcome = DxpRemoveOutcome.Removed;
                    ops[i].Outcome = JournalOutcome.Synced;
                    ops[i].Detail = "Removed";
                }
                else if (held != null && !held.Contains(chunk[i]))
                {
                    result.Outcome = DxpRemoveOutcome.Removed;
                    result.Note = NoLongerHeld;
                    ops[i].Outcome = JournalOutcome.Synced;
                    ops[i].Detail = "Removed: " + NoLongerHeld;
                    notes.Enqueue($"{kind} {chunk[i]}: {NoLongerHeld}");
                }
                else
                {
                    result.Outcome = DxpRemoveOutcome.Rejected;
                    result.Errors = answer?.Errors?.ToArray() ?? new[] { $"DXP's answer has no result for localId '{chunk[i]}'." };
                    ops[i].Outcome = JournalOutcome.Failed;
                }
                ops[i].Errors = result.Errors;
                results.Add(result);
            }
            DxpRecordExchange.Keep(connection.KeepExchanges, capture?.Last, ops, chunk.Select(id => new DxpLocalIdRef(id)).ToList(), failure == null ? response : null, submission.SubmissionToken);
            run.Record(ops);
            if (failure is OperationCanceledException) break;
        }
        return results;
    }
}
