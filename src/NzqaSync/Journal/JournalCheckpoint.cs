using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

/// <summary>
/// What the closed months of the journal (every file but the newest) say that later decisions still need, so a
/// compare, a sync or -Summary reads the newest month and this file instead of a year of lines: every run with the
/// counts of its finished operations, the operations still Pending or InDoubt, and each record's latest send when
/// it failed (held learners). Stamped with each closed file's name, length and write time; any change (retention
/// rewrote a file, a late append, a month closed) makes it stale and it is rebuilt from the files. Owner-only like
/// the journal: it holds record keys.
/// </summary>
internal sealed class JournalCheckpoint
{
    public const string FileName = "journal-checkpoint.json";
    private const int Version = 1;

    public string Stamp { get; private set; }
    public List<JournalRun> Runs { get; } = new List<JournalRun>();
    /// <summary>Open operations with the outcome their latest closed-month line wrote (Pending, InDoubt or Failed).</summary>
    public List<SyncLogEntry> Entries { get; } = new List<SyncLogEntry>();

    /// <summary>The stamp of <paramref name="closedFiles"/> as they are now.</summary>
    public static string StampOf(IEnumerable<string> closedFiles) => string.Join("|", closedFiles
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f =>
        {
            var info = new FileInfo(f);
            return info.Name + ":" + info.Length.ToString(CultureInfo.InvariantCulture) + ":" + info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
        }));

    /// <summary>
    /// From a reader that has read exactly the closed files (no settling): the runs, and the operations a later read
    /// cannot do without. Every other operation is only counted in its run's base counts.
    /// </summary>
    public static JournalCheckpoint From(string stamp, IEnumerable<JournalRun> runs, IEnumerable<SyncLogEntry> entries, IReadOnlyDictionary<string, string> written)
    {
        var checkpoint = new JournalCheckpoint { Stamp = stamp };
        var kept = new List<SyncLogEntry>();
        var latestByRecord = new Dictionary<(string, string, string), SyncLogEntry>();
        foreach (var e in entries.OrderBy(e => e.Timestamp).ThenBy(e => e.OperationId, StringComparer.Ordinal))
        {
            var outcome = written[e.OperationId];
            if (outcome == JournalOutcome.Pending || outcome == JournalOutcome.InDoubt) kept.Add(e);
            else if (e.Key != null) latestByRecord[(e.Api, e.Kind, e.Key)] = e;
        }
        kept.AddRange(latestByRecord.Values.Where(e => written[e.OperationId] == JournalOutcome.Failed));
        var keptIds = new HashSet<string>(kept.Select(e => e.OperationId), StringComparer.Ordinal);
        var byRun = runs.ToDictionary(r => r.RunId, StringComparer.Ordinal);
        foreach (var run in byRun.Values) run.ClearCounts();
        foreach (var e in entries)
        {
            if (keptIds.Contains(e.OperationId) || !byRun.TryGetValue(e.RunId, out var run)) continue;
            run.Count(WithOutcome(e, written[e.OperationId]));
        }
        foreach (var run in byRun.Values) run.KeepCountsAsBase();
        checkpoint.Runs.AddRange(byRun.Values);
        checkpoint.Entries.AddRange(kept.Select(e => WithOutcome(e, written[e.OperationId])));
        return checkpoint;
    }

    private static SyncLogEntry WithOutcome(SyncLogEntry e, string outcome)
    {
        e.Outcome = outcome;
        return e;
    }

    /// <summary>The checkpoint in <paramref name="folder"/> if it exists, reads and was made for <paramref name="stamp"/>; else null.</summary>
    public static JournalCheckpoint Read(string folder, string stamp)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        JObject json;
        try
        {
            json = JObject.Parse(JournalFolder.ReadShared(path));
        }
        catch (Exception e) when (e is IOException || e is JsonException || e is UnauthorizedAccessException)
        {
            return null;
        }
        if ((int?)json["version"] != Version || (string)json["stamp"] != stamp) return null;
        var checkpoint = new JournalCheckpoint { Stamp = stamp };
        foreach (var r in json["runs"] as JArray ?? new JArray())
        {
            var run = new JournalRun
            {
                RunId = (string)r["run"], Api = (string)r["api"], Kind = (string)r["kind"],
                Started = (DateTimeOffset?)r["started"], Ended = (DateTimeOffset?)r["ended"],
                Total = (int?)r["total"] ?? 0, ProcessId = (int?)r["pid"] ?? 0, Host = (string)r["host"],
            };
            run.SetBase(r["base"] as JObject);
            checkpoint.Runs.Add(run);
        }
        foreach (var e in json["open"] as JArray ?? new JArray())
        {
            checkpoint.Entries.Add(new SyncLogEntry
            {
                Timestamp = (DateTimeOffset)e["ts"], RunId = (string)e["run"], OperationId = (string)e["op"],
                Api = (string)e["api"], Kind = (string)e["kind"], Key = (string)e["key"], Action = (string)e["action"],
                Outcome = (string)e["outcome"], Detail = (string)e["detail"], ItemHash = (string)e["hash"],
                Errors = e["errors"] is JArray errors ? errors.Select(x => (string)x).ToArray() : Array.Empty<string>(),
                Path = (string)e["path"],
            });
        }
        return checkpoint;
    }

    /// <summary>Writes the checkpoint owner-only (a new file renamed over the old); a checkpoint that cannot be written is skipped: it only saves time.</summary>
    public void Write(string folder)
    {
        var json = new JObject
        {
            ["version"] = Version,
            ["stamp"] = Stamp,
            ["runs"] = new JArray(Runs.Select(r => new JObject
            {
                ["run"] = r.RunId, ["api"] = r.Api, ["kind"] = r.Kind, ["started"] = r.Started, ["ended"] = r.Ended,
                ["total"] = r.Total, ["pid"] = r.ProcessId, ["host"] = r.Host, ["base"] = r.BaseJson(),
            })),
            ["open"] = new JArray(Entries.Select(e => new JObject
            {
                ["ts"] = e.Timestamp, ["run"] = e.RunId, ["op"] = e.OperationId, ["api"] = e.Api, ["kind"] = e.Kind,
                ["key"] = e.Key, ["action"] = e.Action, ["outcome"] = e.Outcome, ["detail"] = e.Detail, ["hash"] = e.ItemHash,
                ["errors"] = new JArray(e.Errors), ["path"] = e.Path,
            })),
        };
        var path = Path.Combine(folder, FileName);
        var temp = path + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
        try
        {
            JournalFolder.EnsureOwnerOnly(folder);
            using (var stream = OwnerOnlyFiles.Create(temp, overwrite: false, "journal checkpoint"))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                writer.Write(json.ToString(Formatting.None));
            if (OwnerOnlyFiles.IsUnix || File.Exists(path)) JournalFolder.ReplaceWith(temp, path);
            else File.Move(temp, path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is UnsafePathException)
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
