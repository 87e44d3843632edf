using System.Runtime.InteropServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

/// <summary>
/// Removes journal entries older than a date (Clear-NzqaSyncLog, and the connection's retention after each sync):
/// an operation goes with all its lines when its latest line is older (and its run is not still running); a run's
/// start and end lines go when the run is over, older, and none of its operations is kept. Files are rewritten
/// (new file, fsync, rename over the old) under the journal's exclusive lock, so an appender in another process
/// loses nothing; a file left with no line is deleted.
/// </summary>
public static class JournalRetention
{
    /// <summary>What would be removed, read from the journal as it is now; nothing is changed.</summary>
    public static JournalPrune Plan(string folder, DateTimeOffset before)
    {
        var reader = new SyncJournalReader(folder).Load();
        var running = new HashSet<string>(reader.Runs.Where(r => r.IsRunning).Select(r => r.RunId), StringComparer.Ordinal);
        var removed = reader.Entries.Where(e => e.Timestamp < before && !running.Contains(e.RunId)).ToList();
        var removedOps = new HashSet<string>(removed.Select(e => e.OperationId), StringComparer.Ordinal);
        var keptRuns = new HashSet<string>(reader.Entries.Where(e => !removedOps.Contains(e.OperationId)).Select(e => e.RunId), StringComparer.Ordinal);
        var removedRuns = reader.Runs
            .Where(r => !running.Contains(r.RunId) && !keptRuns.Contains(r.RunId) && (r.Ended ?? r.Started ?? DateTimeOffset.MinValue) < before)
            .Select(r => r.RunId).ToList();
        return new JournalPrune(Path.GetFullPath(folder), before, removed, removedOps, new HashSet<string>(removedRuns, StringComparer.Ordinal));
    }

    /// <summary>Removes what <paramref name="plan"/> lists; lines appended since (by any process) are kept.</summary>
    public static JournalPrune Apply(JournalPrune plan)
    {
        if (plan.Entries.Count == 0 && plan.Runs.Count == 0) return plan;
        var files = Directory.Exists(plan.Folder) ? Directory.GetFiles(plan.Folder, "journal-*.jsonl").OrderBy(f => f, StringComparer.Ordinal).ToList() : new List<string>();
        using (JournalFolder.Lock(plan.Folder, exclusive: true))
        {
            foreach (var file in files)
            {
                if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    using (var mutex = new Mutex(false, SyncJournal.MutexName(file)))
                    {
                        try { mutex.WaitOne(); } catch (AbandonedMutexException) { }
                        try { Rewrite(file, plan); }
                        finally { mutex.ReleaseMutex(); }
                    }
                }
                else
                {
                    Rewrite(file, plan);
                }
            }
            // The checkpoint is made from the files just rewritten and may name removed records: it goes with them
            // (the next read rebuilds it from what is left).
            var checkpoint = Path.Combine(plan.Folder, JournalCheckpoint.FileName);
            if (File.Exists(checkpoint)) File.Delete(checkpoint);
        }
        return plan;
    }

    private static void Rewrite(string file, JournalPrune plan)
    {
        var text = JournalFolder.ReadShared(file);
        var kept = new StringBuilder(text.Length);
        var dropped = 0;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0)
            {
                kept.Append(text, start, text.Length - start); // a torn last line (a writer died mid-line): left as it was
                break;
            }
            var line = text.Substring(start, end - start);
            start = end + 1;
            if (Drops(line, plan)) { dropped++; continue; }
            kept.Append(line).Append('\n');
        }
        if (dropped == 0) return;
        plan.LinesRemoved += dropped;
        plan.FilesChanged.Add(file);
        if (kept.Length == 0)
        {
            File.Delete(file);
            return;
        }
        var temp = Path.Combine(Path.GetDirectoryName(file), "." + Path.GetFileName(file) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            var bytes = new UTF8Encoding(false).GetBytes(kept.ToString());
            using (var stream = JournalFolder.OpenAppend(temp)) // created owner-only, like the journal itself
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(true);
            }
            JournalFolder.ReplaceWith(temp, file);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static bool Drops(string line, JournalPrune plan)
    {
        JObject json;
        try { json = JObject.Parse(line); }
        catch (JsonException) { return false; }
        var type = (string)json["t"];
        if (type == "op") return json["op"] is JValue op && plan.OperationIds.Contains((string)op);
        if (type == "run") return json["run"] is JValue run && plan.Runs.Contains((string)run);
        return false;
    }
}

/// <summary>What a clear removes (or, before Apply, would remove).</summary>
public sealed class JournalPrune
{
    internal JournalPrune(string folder, DateTimeOffset before, IReadOnlyList<SyncLogEntry> entries, HashSet<string> operationIds, HashSet<string> runs)
    {
        Folder = folder;
        Before = before;
        Entries = entries;
        OperationIds = operationIds;
        Runs = runs;
    }

    public string Folder { get; }
    public DateTimeOffset Before { get; }
    /// <summary>The entries (as Get-NzqaSyncLog shows them) that go.</summary>
    public IReadOnlyList<SyncLogEntry> Entries { get; }
    internal HashSet<string> OperationIds { get; }
    internal HashSet<string> Runs { get; }
    public int LinesRemoved { get; internal set; }
    public List<string> FilesChanged { get; } = new List<string>();

    public string Describe() =>
        $"{Entries.Count} journal {(Entries.Count == 1 ? "entry" : "entries")} and {Runs.Count} finished {(Runs.Count == 1 ? "run" : "runs")} older than " +
        Before.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
