using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

/// <summary>Reads the journal back: one entry per operation (its latest line), runs, and the status banner.</summary>
public sealed class SyncJournalReader
{
    private readonly string _folder;

    private readonly bool _includeExchange;

    /// <param name="includeExchange">Also read each entry's redacted HTTP exchange (Get-NzqaSyncLog -IncludeExchange).</param>
    public SyncJournalReader(string folder, bool includeExchange = false)
    {
        _folder = Path.GetFullPath(folder ?? JournalFolder.Default());
        _includeExchange = includeExchange;
    }

    public IReadOnlyList<SyncLogEntry> Entries { get; private set; } = Array.Empty<SyncLogEntry>();
    public IReadOnlyList<JournalRun> Runs { get; private set; } = Array.Empty<JournalRun>();

    /// <summary>Journal files opened so far (tests check that a recent read leaves old months closed).</summary>
    public int FilesRead { get; private set; }

    /// <summary>The month of the oldest file read (from its name, journal-yyyy-MM.jsonl); null before any.</summary>
    public DateTime? OldestMonthRead { get; private set; }

    private readonly Dictionary<string, SyncLogEntry> _ops = new Dictionary<string, SyncLogEntry>(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _written = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly Dictionary<string, JournalRun> _runs = new Dictionary<string, JournalRun>(StringComparer.Ordinal);

    /// <summary>Loads every journal file. A torn last line (no newline yet) or an unreadable line is skipped.</summary>
    public SyncJournalReader Load()
    {
        foreach (var file in Files()) Read(file);
        Settle();
        return this;
    }

    /// <summary>
    /// Loads the newest files first, one month at a time, until <paramref name="enough"/> says the entries and runs
    /// read so far answer the question (the last N entries, a run's start, entries since a date), then one month
    /// more so a run that began the month before is whole. What is loaded reads exactly as <see cref="Load()"/> would
    /// read it (an operation's latest line wins); only months older than the answer stay unopened.
    /// </summary>
    public SyncJournalReader LoadRecent(Func<SyncJournalReader, bool> enough)
    {
        var margin = false;
        foreach (var file in Files())
        {
            Read(file);
            Settle();
            if (margin) break;
            if (enough(this)) margin = true;
        }
        return this;
    }

    /// <summary>
    /// Loads what decisions need (in-doubt sends to settle, held learners, the -Summary banner) without reading the
    /// closed months again: the newest file in full, and for every older file the checkpoint (JournalCheckpoint),
    /// rebuilt from those files when they changed. Runs read with their true counts; Entries hold the newest file's
    /// operations plus the closed months' open ones (in doubt, or a record's latest send that failed) — not the
    /// history: Get-NzqaSyncLog's entries use <see cref="LoadRecent"/>.
    /// </summary>
    public SyncJournalReader LoadOpen()
    {
        var files = Files().ToList();
        if (files.Count <= 1) return Load();
        var closed = files.Skip(1).ToList();
        var stamp = JournalCheckpoint.StampOf(closed);
        var checkpoint = JournalCheckpoint.Read(_folder, stamp);
        if (checkpoint == null)
        {
            var older = new SyncJournalReader(_folder);
            foreach (var file in closed) older.Read(file);
            checkpoint = JournalCheckpoint.From(stamp, older._runs.Values, older._ops.Values, older._written);
            checkpoint.Write(_folder);
            CheckpointBuilt = true;
        }
        Read(files[0]);
        foreach (var run in checkpoint.Runs)
        {
            if (_runs.TryGetValue(run.RunId, out var newer)) newer.MergeOlder(run);
            else _runs[run.RunId] = run;
        }
        foreach (var entry in checkpoint.Entries)
        {
            if (_ops.ContainsKey(entry.OperationId)) continue; // a newer line about the same operation wins
            _ops[entry.OperationId] = entry;
            _written[entry.OperationId] = entry.Outcome;
        }
        Settle();
        return this;
    }

    /// <summary>True when <see cref="LoadOpen"/> had to read the closed months (no checkpoint, or a stale one).</summary>
    public bool CheckpointBuilt { get; private set; }

    /// <summary>The journal's monthly files, newest first.</summary>
    private IEnumerable<string> Files() => Directory.Exists(_folder)
        ? Directory.GetFiles(_folder, "journal-*.jsonl").OrderByDescending(f => f, StringComparer.Ordinal)
        : Enumerable.Empty<string>();

    private void Read(string file)
    {
        FilesRead++;
        if (DateTime.TryParseExact(Path.GetFileNameWithoutExtension(file).Substring("journal-".Length), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            OldestMonthRead = month;
        // Newest file first: a line here replaces an earlier line of the same file, never one from a newer file.
        var ops = new Dictionary<string, (SyncLogEntry Entry, string Outcome)>(StringComparer.Ordinal);
        var seenRuns = new HashSet<string>(_runs.Keys, StringComparer.Ordinal);
        foreach (var line in ReadCompleteLines(file))
        {
            JObject json;
            // Timestamps stay text ("o", 100 ns): JObject.Parse would read them as DateTime and (string) would give them
            // back to the second, so two sends in one second could not be told apart (which is the latest).
            try { json = JObject.Load(new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None }); }
            catch (JsonException) { continue; }
            var type = (string)json["t"];
            var runId = (string)json["run"];
            if (runId == null) continue;
            var ts = ParseTime((string)json["ts"]);
            if (type == "run")
            {
                if (!_runs.TryGetValue(runId, out var run))
                    _runs[runId] = run = new JournalRun { RunId = runId, Api = (string)json["api"], Kind = (string)json["kind"] };
                var newer = seenRuns.Contains(runId);
                if ((string)json["event"] == "start")
                {
                    if (newer && run.Started != null) continue;
                    run.Started = ts;
                    run.Total = (int?)json["total"] ?? 0;
                    run.ProcessId = (int?)json["pid"] ?? 0;
                    run.Host = (string)json["host"];
                }
                else if (!newer || run.Ended == null)
                {
                    run.Ended = ts;
                }
            }
            else if (type == "op")
            {
                var opId = (string)json["op"];
                if (opId == null || _ops.ContainsKey(opId)) continue;
                ops[opId] = (new SyncLogEntry
                {
                    Timestamp = ts,
                    RunId = runId,
                    OperationId = opId,
                    Api = (string)json["api"],
                    Kind = (string)json["kind"],
                    Key = (string)json["key"],
                    Action = (string)json["action"],
                    Errors = json["errors"] is JArray errors ? errors.Select(e => (string)e).ToArray() : Array.Empty<string>(),
                    Detail = (string)json["detail"],
                    ItemHash = (string)json["hash"],
                    Exchange = _includeExchange ? HttpExchange.FromJson(json["exchange"]) : null,
                    Approval = JournalApproval.FromJson(json["approval"]),
                    Path = file,
                }, (string)json["outcome"]);
            }
        }
        foreach (var op in ops)
        {
            _ops[op.Key] = op.Value.Entry;
            _written[op.Key] = op.Value.Outcome;
        }
    }

    private void Settle()
    {
        foreach (var entry in _ops.Values)
        {
            entry.Outcome = _written[entry.OperationId];
            if (entry.Outcome != JournalOutcome.Pending) continue;
            // A send with no outcome line from a run that is over (or whose process is gone) may or may not have
            // reached the service: say so rather than guess.
            _runs.TryGetValue(entry.RunId, out var run);
            if (run == null || !run.IsRunning) entry.Outcome = JournalOutcome.InDoubt;
        }
        Entries = _ops.Values.OrderBy(e => e.Timestamp).ThenBy(e => e.OperationId, StringComparer.Ordinal).ToArray();
        foreach (var run in _runs.Values) run.ClearCounts();
        foreach (var entry in Entries)
            if (_runs.TryGetValue(entry.RunId, out var run)) run.Count(entry);
        Runs = _runs.Values.OrderBy(r => r.Started ?? DateTimeOffset.MinValue).ToArray();
    }

    /// <summary>One banner per API and area: the latest run's progress and counts.</summary>
    public IEnumerable<SyncLogSummary> Summaries()
    {
        foreach (var group in Runs.Where(r => r.Started != null).GroupBy(r => (r.Api, r.Kind)).OrderBy(g => g.Key.Api).ThenBy(g => g.Key.Kind))
        {
            var latest = group.OrderBy(r => r.Started).Last();
            var lastFinished = group.Where(r => r.Ended != null).OrderBy(r => r.Ended).LastOrDefault();
            var verb = latest.IsRunning ? "Processing" : "Processed";
            yield return new SyncLogSummary
            {
                Api = group.Key.Api,
                Kind = group.Key.Kind,
                LastSync = lastFinished?.Ended,
                LastRunId = latest.RunId,
                InProgress = latest.IsRunning,
                Total = latest.Total,
                Processed = latest.Synced + latest.Failed + latest.InDoubt,
                Synced = latest.Synced,
                Failed = latest.Failed,
                InDoubt = latest.InDoubt,
                Pending = latest.Pending,
                Created = latest.Created,
                Updated = latest.Updated,
                Progress = $"{verb} {Plural(group.Key.Kind)} {latest.Synced + latest.Failed + latest.InDoubt} of {latest.Total} " +
                           (string.Equals(group.Key.Api, "Dxp", StringComparison.OrdinalIgnoreCase)
                               ? $"(synced {latest.Synced}, failed {latest.Failed}" // DXP uploads and deletes replace by localId: no create/patch
                               : $"(created {latest.Created}, patched {latest.Updated}, failed {latest.Failed}" +
                                 // Synced but neither: NZQA already held the change (a retry after a lost answer, another run).
                                 (latest.Synced > latest.Created + latest.Updated ? $", already at NZQA {latest.Synced - latest.Created - latest.Updated}" : "")) +
                           (latest.InDoubt > 0 ? $", in doubt {latest.InDoubt}" : "") + ")",
                JournalPath = _folder,
            };
        }
    }

    /// <summary>"Enrolment" → "enrolments", "CourseEnrolment" → "course enrolments".</summary>
    private static string Plural(string kind) =>
        string.IsNullOrEmpty(kind) ? "records" : System.Text.RegularExpressions.Regex.Replace(kind, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant() + "s";

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ts) ? ts : DateTimeOffset.MinValue;

    private static IEnumerable<string> ReadCompleteLines(string file)
    {
        var text = JournalFolder.ReadShared(file);
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) yield break; // torn last line: a writer died mid-write, or is writing now
            if (end > start) yield return text.Substring(start, end - start);
            start = end + 1;
        }
    }
}
