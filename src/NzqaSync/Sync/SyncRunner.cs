using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>Sends one batch of items, all the same change for one provider, and returns one result per item.</summary>
public delegate Task<IReadOnlyList<BatchItemResult>> BatchSender(NzqaWrite write, int provider, IReadOnlyList<JObject> items, CancellationToken cancellationToken);

/// <summary>
/// Pushes planned records: operations grouped by route into batches, a few batches in flight at once,
/// the journal written before each batch (Pending) and after it (the outcome), and every record ending
/// Synced or Failed with the service's own words. A record whose earlier operation failed sends no later one.
/// </summary>
public sealed class SyncRunner
{
    private readonly BatchSender _send;
    private readonly SyncRun _run;
    private readonly int _batchSize;
    private readonly int _concurrency;
    private int _done, _created, _updated, _failed;

    private readonly ExchangeKeeping _keep;

    /// <param name="run">The started run (<see cref="SyncRun.Start"/>): it writes the journal ahead of each batch and after it.</param>
    public SyncRunner(BatchSender send, SyncRun run, int batchSize = NzqaRoutes.MaxBatchItems, int concurrency = 4,
        ExchangeKeeping keepExchanges = ExchangeKeeping.Failures)
    {
        _keep = keepExchanges;
        _send = send;
        _run = run;
        _batchSize = Math.Max(1, batchSize);
        _concurrency = Math.Max(1, concurrency);
    }

    public string RunId => _run.RunId;

    /// <summary>Records finished so far, and of them created, updated and failed (read from any thread).</summary>
    public (int Done, int Created, int Updated, int Failed) Progress => (Volatile.Read(ref _done), Volatile.Read(ref _created), Volatile.Read(ref _updated), Volatile.Read(ref _failed));

    public async Task<IReadOnlyList<SyncResult>> RunAsync(IReadOnlyList<PlannedRecord> records, CancellationToken cancellationToken)
    {
        var states = records.Select(r => new RecordState(r)).ToList();
        for (var stage = 0; ; stage++)
        {
            var due = states.Where(s => !s.Failed && s.Planned.Operations.Count > stage).ToList();
            if (due.Count == 0) break;
            var batches = new List<(SyncOperation First, List<RecordState> Records)>();
            foreach (var group in due.GroupBy(s => (s.Planned.Operations[stage].Write, s.Planned.Operations[stage].Provider)))
            {
                var list = group.ToList();
                for (var i = 0; i < list.Count; i += _batchSize)
                    batches.Add((list[i].Planned.Operations[stage], list.Skip(i).Take(_batchSize).ToList()));
            }
            using (var slots = new SemaphoreSlim(_concurrency))
            {
                var tasks = batches.Select(async batch =>
                {
                    await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try { await SendBatchAsync(stage, batch.First, batch.Records, cancellationToken).ConfigureAwait(false); }
                    finally { slots.Release(); }
                }).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            foreach (var s in due)
                if (s.Failed || s.Planned.Operations.Count == stage + 1) Finish(s);
        }
        return states.Select(ToResult).ToList();
    }

    private async Task SendBatchAsync(int stage, SyncOperation first, List<RecordState> batch, CancellationToken cancellationToken)
    {
        var ops = _run.BeforeSend(batch, s => s.Planned.Diff.Key, s => s.Planned.Operations[stage].Action.ToString(),
            s => RunId + ":" + s.Planned.Diff.Kind + ":" + s.Planned.Diff.Key + ":" + stage, s => ItemHash(s.Planned.Operations[stage].Item));

        IReadOnlyList<BatchItemResult> results = null;
        Exception failure = null;
        var capture = _keep == ExchangeKeeping.None ? null : ExchangeCapture.Begin(); // this batch's calls only
        try
        {
            results = await _send(first.Write, first.Provider, batch.Select(s => s.Planned.Operations[stage].Item).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ServiceException || ex is OperationCanceledException)
        {
            failure = ex;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var state = batch[i];
            var op = ops[i];
            if (failure != null)
            {
                var unknown = SyncRun.OutcomeUnknown(failure);
                op.Outcome = SyncRun.OutcomeOf(failure);
                var message = failure is OperationCanceledException
                    ? "The sync was stopped while this record was being sent; its outcome is unknown until the next compare."
                    : failure.Message + (unknown ? " The outcome is unknown: the next compare settles it." : "");
                op.Errors = new[] { message };
                state.Fail(message);
                continue;
            }
            var result = results[i];
            if (result.Succeeded)
            {
                op.Outcome = JournalOutcome.Synced;
                op.Detail = result.Outcome;
            }
            else
            {
                var errors = result.Errors.Count > 0 ? result.Errors.Select(e => e.ToString()).ToArray() : new[] { $"NZQA answered {result.Outcome} with no error text." };
                op.Outcome = JournalOutcome.Failed;
                op.Errors = errors;
                foreach (var e in errors) state.Fail(e);
            }
        }
        if (capture?.Last != null)
        {
            // The answer is parsed only when a record keeps its exchange (by default only failures do): a batch of
            // 100 that all synced needs none of it.
            JArray answers = null;
            var parsed = false;
            for (var i = 0; i < batch.Count; i++)
            {
                if (!(_keep == ExchangeKeeping.All || ops[i].Outcome == JournalOutcome.Failed || ops[i].Outcome == JournalOutcome.InDoubt)) continue;
                if (!parsed)
                {
                    parsed = true;
                    try { answers = JObject.Parse(capture.Last.ResponseBody ?? "")["results"] as JArray; }
                    catch (Newtonsoft.Json.JsonException) { }
                }
                ops[i].Exchange = ForRecord(capture.Last, batch[i].Planned.Operations[stage].Item, i, batch.Count, failure == null ? answers : null);
            }
        }
        _run.Record(ops);
    }

    /// <summary>A short SHA-256 of an item as sent: equal items, equal hashes; the data cannot be read back from it.</summary>
    public static string ItemHash(JObject item)
    {
        if (item == null) return null;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            var bytes = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(item.ToString(Newtonsoft.Json.Formatting.None)));
            var sb = new System.Text.StringBuilder(32);
            for (var i = 0; i < 16; i++) sb.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }

    /// <summary>
    /// One record's share of a batch exchange: the request line and headers, this record's item of the body and,
    /// when the service answered item by item, its own result (else the whole answer: it is about the request).
    /// </summary>
    private static HttpExchange ForRecord(HttpExchange batch, JObject item, int index, int count, JArray answers)
    {
        var own = answers != null && answers.Count == count ? answers[index] : null;
        var note = (count > 1 ? $"this record's item {index + 1} of the {count} in the request" + (own != null ? ", and its result" : "") : "") +
                   (batch.Note != null ? (count > 1 ? "; " : "") + batch.Note : "");
        return new HttpExchange
        {
            Timestamp = batch.Timestamp,
            Method = batch.Method,
            Uri = batch.Uri,
            Attempt = batch.Attempt,
            RequestHeaders = new Dictionary<string, string>(batch.RequestHeaders, StringComparer.OrdinalIgnoreCase),
            RequestBody = ExchangeRedactor.Json(new JObject { ["items"] = new JArray(item) }),
            StatusCode = batch.StatusCode,
            ResponseHeaders = new Dictionary<string, string>(batch.ResponseHeaders, StringComparer.OrdinalIgnoreCase),
            ResponseBody = own != null ? ExchangeRedactor.Json(new JObject { ["results"] = new JArray(own) }) : batch.ResponseBody,
            Note = note.Length == 0 ? null : note,
        };
    }

    private void Finish(RecordState state)
    {
        if (state.Finished) return;
        state.Finished = true;
        Interlocked.Increment(ref _done);
        if (state.Failed) Interlocked.Increment(ref _failed);
        else if (state.Planned.Headline == SyncAction.Create) Interlocked.Increment(ref _created);
        else Interlocked.Increment(ref _updated);
    }

    private SyncResult ToResult(RecordState state)
    {
        var diff = state.Planned.Diff;
        var ran = state.Planned.Operations.Count > 0;
        var status = !ran ? diff.SyncStatus
            : state.Failed ? SyncStatus.Failed
            : state.Planned.Headline == SyncAction.RecordLeaving ? SyncStatus.Leaver
            : SyncStatus.Synced;
        if (ran) diff.SyncStatus = status;
        return new SyncResult
        {
            Kind = diff.Kind,
            Key = diff.Key,
            Nsn = diff.Nsn,
            Name = diff.Name,
            Action = state.Planned.Headline,
            Outcome = !ran ? SyncOutcome.Skipped : state.Failed ? SyncOutcome.Failed : SyncOutcome.Synced,
            SyncStatus = status,
            Errors = state.Errors.ToArray(),
            RunId = RunId,
            Timestamp = DateTimeOffset.Now,
            Diff = diff,
        };
    }

    private sealed class RecordState
    {
        public RecordState(PlannedRecord planned) => Planned = planned;
        public PlannedRecord Planned { get; }
        public List<string> Errors { get; } = new List<string>();
        public bool Failed { get; private set; }
        public bool Finished { get; set; }

        public void Fail(string message)
        {
            Failed = true;
            Errors.Add(message);
        }
    }
}
