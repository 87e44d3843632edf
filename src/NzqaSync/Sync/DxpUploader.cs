using System.Collections.Concurrent;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// Sends planned batches of one dataset to one return: one request at a time per EID + dataset (the connection's gate),
/// the next batch serialised (and gzipped) while the current request is in flight, the journal written before each
/// batch (Pending) and after it (the outcome), the answer mapped back by localId. A submission token DXP no longer
/// knows (SC*) is renewed once per batch and the batch sent again (same localIds replace, so nothing doubles); CV1
/// names the records that did not match and the rest of the batch is sent again without them; MP1 stops the run.
/// 401 (one fresh ESL token), 429 (DS1/DS2 and rate limits) and transient failures are retried by the sender.
/// Results and notes are queued for the cmdlet to write on the pipeline thread.
/// </summary>
public sealed class DxpUploader
{
    private readonly DxpConnection _connection;
    private readonly SyncRun _run;
    private readonly string _returnId;
    private int _done, _accepted, _rejected, _failed, _batches, _renewals;
    private long _bytesSent, _jsonBytes;

    /// <param name="run">The started run of the dataset (<see cref="SyncRun.Start"/>): it writes the journal ahead of each batch and after it, naming its approval.</param>
    public DxpUploader(DxpConnection connection, SyncRun run, string returnId)
    {
        _connection = connection;
        _run = run;
        _returnId = returnId;
    }

    public string RunId => _run.RunId;

    /// <summary>Per-record results as each batch finishes (the cmdlet drains and writes them).</summary>
    public ConcurrentQueue<DxpUploadResult> Finished { get; } = new ConcurrentQueue<DxpUploadResult>();

    /// <summary>What is being called, for -Verbose (drained on the pipeline thread).</summary>
    public ConcurrentQueue<string> Notes { get; } = new ConcurrentQueue<string>();

    /// <summary>Whole-request failures (one per failed batch), for the cmdlet's error stream.</summary>
    public ConcurrentQueue<(Exception Error, string Target)> BatchErrors { get; } = new ConcurrentQueue<(Exception, string)>();

    public (int Done, int Accepted, int Rejected, int Failed, int Batches) Progress =>
        (Volatile.Read(ref _done), Volatile.Read(ref _accepted), Volatile.Read(ref _rejected), Volatile.Read(ref _failed), Volatile.Read(ref _batches));

    /// <summary>Bytes on the wire and bytes of JSON before compression, over every request sent.</summary>
    public (long Sent, long Json) Bytes => (Interlocked.Read(ref _bytesSent), Interlocked.Read(ref _jsonBytes));

    /// <summary>How many times a submission token was renewed after DXP answered SC*.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Set when the run stopped before every batch was sent (MP1, or a failure no later batch could escape).</summary>
    public Exception StoppedBy { get; private set; }

    public async Task<IReadOnlyList<DxpUploadResult>> UploadAsync<T>(IReadOnlyList<IReadOnlyList<T>> batches, CancellationToken ct) where T : class, IDxpRecord
    {
        var all = new List<DxpUploadResult>();
        if (batches.Count == 0) return all;
        var gzip = _connection.CompressUploads;
        var submission = await _connection.GetSubmissionAsync(_returnId, ct).ConfigureAwait(false);
        var token = submission.SubmissionToken;
        var next = Task.Run(() => DxpClient.Serialise(token, batches[0], gzip), ct);
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            var body = await next.ConfigureAwait(false);
            if (i + 1 < batches.Count)
            {
                var following = batches[i + 1];
                var current = (await _connection.GetSubmissionAsync(_returnId, ct).ConfigureAwait(false)).SubmissionToken;
                next = Task.Run(() => DxpClient.Serialise(current, following, gzip), ct); // overlaps this batch's request
            }
            if (StoppedBy != null)
            {
                all.AddRange(NotSent(batch, StoppedBy));
                continue;
            }
            Notes.Enqueue($"PUT {DxpRoutes.Upload(batch[0].Dataset)}: batch {i + 1} of {batches.Count}, {batch.Count} records, {DxpAnswers.Size(body)}.");
            all.AddRange(await SendBatchAsync(batch, body, true, ct).ConfigureAwait(false));
        }
        return all;
    }

    private async Task<IReadOnlyList<DxpUploadResult>> SendBatchAsync<T>(IReadOnlyList<T> batch, DxpBody body, bool mayTrimSchema, CancellationToken ct) where T : class, IDxpRecord
    {
        var dataset = batch[0].Dataset;
        var kind = DxpDatasets.KindOf(dataset);
        var ops = _run.BeforeSend(batch, r => r.LocalId, "Upload", r => RunId + ":" + kind + ":" + r.LocalId);

        DxpUploadResponse response = null;
        Exception failure = null;
        var capture = _connection.KeepExchanges == ExchangeKeeping.None ? null : ExchangeCapture.Begin(); // this batch's calls only
        for (var attempt = 0; ; attempt++)
        {
            var submission = await _connection.GetSubmissionAsync(_returnId, ct).ConfigureAwait(false);
            if (batch.Count > submission.MaxRecordPerBatch)
            {
                // A renewed token may allow fewer records per request: split rather than earn MP1.
                _run.Record(ops.Select(o => { o.Outcome = JournalOutcome.Failed; o.Errors = new[] { "Re-sent in smaller batches (maxRecordPerBatch changed)." }; return o; }).ToList());
                var parts = new List<DxpUploadResult>();
                for (var from = 0; from < batch.Count; from += submission.MaxRecordPerBatch)
                {
                    var part = batch.Skip(from).Take(submission.MaxRecordPerBatch).ToList();
                    parts.AddRange(await SendBatchAsync(part, DxpClient.Serialise(submission.SubmissionToken, part, body.Gzip), mayTrimSchema, ct).ConfigureAwait(false));
                }
                return parts;
            }
            if (!string.Equals(body.SubmissionToken, submission.SubmissionToken, StringComparison.Ordinal))
                body = DxpClient.Serialise(submission.SubmissionToken, batch, body.Gzip);
            var gate = _connection.UploadGate(dataset);
            Exception caught = null;
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _bytesSent, body.Bytes.Length);
                Interlocked.Add(ref _jsonBytes, body.JsonLength);
                response = await _connection.Client.UploadAsync(dataset, body, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ServiceException || ex is OperationCanceledException)
            {
                caught = ex;
            }
            finally
            {
                gate.Release(); // never held while renewing or re-sending below
            }
            if (caught == null) break;
            if (caught is ServiceException se)
            {
                if (attempt == 0 && DxpAnswers.IsSubmissionTokenGone(se))
                {
                    Interlocked.Increment(ref _renewals);
                    Notes.Enqueue($"DXP answered {se.ErrorCode} (submission token not found) to PUT {dataset}; getting a new submission token for return {_returnId} and sending the batch again.");
                    await _connection.GetSubmissionAsync(_returnId, ct, rejectedToken: body.SubmissionToken).ConfigureAwait(false);
                    continue;
                }
                if (mayTrimSchema && se.ErrorCode == "CV1" && se.ProblemErrors.Count > 0)
                    return await RetryWithoutMismatchesAsync(batch, ops, se, body.Gzip, ct).ConfigureAwait(false);
                if (se.ErrorCode == "MP1")
                {
                    failure = new DxpBatchTooLargeException(
                        $"DXP refused a batch of {batch.Count} records with MP1 (more than maxRecordPerBatch). This is a batching bug in NzqaSync: the run is stopped. {se.Message}", se);
                    StoppedBy = failure;
                    break;
                }
            }
            failure = caught;
            if (!(caught is ServiceException s) || !DxpAnswers.IsBatchSpecific(s)) StoppedBy = caught;
            break;
        }

        var results = failure != null ? Fail(batch, ops, failure) : Counted(DxpAnswers.Map(batch, ops, response, Result));
        DxpRecordExchange.Keep(_connection.KeepExchanges, capture?.Last, ops, batch, failure == null ? response : null, body.SubmissionToken);
        _run.Record(ops);
        foreach (var r in results) Finished.Enqueue(r);
        return results;
    }

    /// <summary>CV1: the records the schema check named fail with its words; the others are sent again once.</summary>
    private async Task<IReadOnlyList<DxpUploadResult>> RetryWithoutMismatchesAsync<T>(IReadOnlyList<T> batch, List<JournalOperation> ops, ServiceException ex, bool gzip, CancellationToken ct)
        where T : class, IDxpRecord
    {
        var (byIndex, general) = DxpAnswers.SchemaMismatches(ex, batch.Count);
        var sent = ExchangeCapture.Current?.Last; // the CV1 answer, before the rest is sent again
        if (byIndex.Count == 0)
        {
            var results = Fail(batch, ops, ex);
            DxpRecordExchange.Keep(_connection.KeepExchanges, sent, ops, batch, null, null);
            _run.Record(ops);
            foreach (var r in results) Finished.Enqueue(r);
            return results;
        }
        var failed = new List<DxpUploadResult>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!byIndex.TryGetValue(i, out var errors)) continue;
            var message = $"DXP answered 400 CV1 (the payload does not match the schema): {string.Join("; ", errors.Concat(general))}";
            ops[i].Outcome = JournalOutcome.Failed;
            ops[i].Errors = new[] { message };
            failed.Add(Result(batch[i], DxpUploadOutcome.Failed, new[] { message }));
        }
        DxpRecordExchange.Keep(_connection.KeepExchanges, sent, ops.Where((o, i) => byIndex.ContainsKey(i)).ToList(), batch.Where((r, i) => byIndex.ContainsKey(i)).ToList(), null, null);
        _run.Record(ops.Where((o, i) => byIndex.ContainsKey(i)).ToList());
        foreach (var r in failed) Finished.Enqueue(r);
        CountOutcomes(failed);
        BatchErrors.Enqueue((ex, $"{byIndex.Count} of {batch.Count} records in a batch of {batch[0].Dataset}"));
        var rest = batch.Where((r, i) => !byIndex.ContainsKey(i)).ToList();
        var all = new List<DxpUploadResult>(failed);
        if (rest.Count > 0)
        {
            var submission = await _connection.GetSubmissionAsync(_returnId, ct).ConfigureAwait(false);
            Notes.Enqueue($"DXP refused a batch with CV1 naming {byIndex.Count} records; sending the other {rest.Count} again.");
            all.AddRange(await SendBatchAsync(rest, DxpClient.Serialise(submission.SubmissionToken, rest, gzip), false, ct).ConfigureAwait(false));
        }
        return all;
    }

    private IReadOnlyList<DxpUploadResult> Fail<T>(IReadOnlyList<T> batch, List<JournalOperation> ops, Exception failure) where T : class, IDxpRecord
    {
        var unknown = SyncRun.OutcomeUnknown(failure);
        var message = failure is OperationCanceledException
            ? "The upload was stopped while this record was being sent; whether DXP stored it is unknown."
            : failure.Message + (unknown ? " Whether DXP stored it is unknown: send it again (the same localId replaces) or check the CSV read-back." : "");
        foreach (var op in ops)
        {
            op.Outcome = SyncRun.OutcomeOf(failure);
            op.Errors = new[] { message };
        }
        if (!(failure is OperationCanceledException)) BatchErrors.Enqueue((failure, $"{batch.Count} records of {batch[0].Dataset} (localIds {batch[0].LocalId} … {batch[batch.Count - 1].LocalId})"));
        var results = batch.Select(r => Result(r, DxpUploadOutcome.Failed, new[] { message })).ToList();
        CountOutcomes(results);
        return results;
    }

    private IEnumerable<DxpUploadResult> NotSent<T>(IReadOnlyList<T> batch, Exception stoppedBy) where T : class, IDxpRecord
    {
        var message = "Not sent: the upload stopped after an earlier batch failed (" + stoppedBy.Message + ").";
        var results = batch.Select(r => Result(r, DxpUploadOutcome.Failed, new[] { message })).ToList();
        CountOutcomes(results);
        foreach (var r in results) Finished.Enqueue(r);
        return results;
    }

    private void CountOutcomes(IEnumerable<DxpUploadResult> results) => Counted(results.ToList());

    private IReadOnlyList<DxpUploadResult> Counted(IReadOnlyList<DxpUploadResult> results)
    {
        foreach (var r in results)
        {
            Interlocked.Increment(ref _done);
            if (r.Outcome == DxpUploadOutcome.Accepted) Interlocked.Increment(ref _accepted);
            else if (r.Outcome == DxpUploadOutcome.Rejected) Interlocked.Increment(ref _rejected);
            else Interlocked.Increment(ref _failed);
        }
        return results;
    }

    private DxpUploadResult Result(IDxpRecord record, DxpUploadOutcome outcome, IReadOnlyList<string> errors) =>
        DxpUploadResult.For(record, outcome, errors, _returnId, RunId);
}
