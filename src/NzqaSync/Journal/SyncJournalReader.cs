using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal
{
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

        /// <summary>Loads every journal file. A torn last line (no newline yet) or an unreadable line is skipped.</summary>
        public SyncJournalReader Load()
        {
            var ops = new Dictionary<string, SyncLogEntry>(StringComparer.Ordinal);
            var runs = new Dictionary<string, JournalRun>(StringComparer.Ordinal);
            if (!Directory.Exists(_folder)) return this;
            foreach (var file in Directory.GetFiles(_folder, "journal-*.jsonl").OrderBy(f => f, StringComparer.Ordinal))
            {
                foreach (var line in ReadCompleteLines(file))
                {
                    JObject json;
                    try { json = JObject.Parse(line); }
                    catch (JsonException) { continue; }
                    var type = (string)json["t"];
                    var runId = (string)json["run"];
                    if (runId == null) continue;
                    var ts = ParseTime((string)json["ts"]);
                    if (type == "run")
                    {
                        if (!runs.TryGetValue(runId, out var run))
                            runs[runId] = run = new JournalRun { RunId = runId, Api = (string)json["api"], Kind = (string)json["kind"] };
                        if ((string)json["event"] == "start")
                        {
                            run.Started = ts;
                            run.Total = (int?)json["total"] ?? 0;
                            run.ProcessId = (int?)json["pid"] ?? 0;
                            run.Host = (string)json["host"];
                        }
                        else
                        {
                            run.Ended = ts;
                        }
                    }
                    else if (type == "op")
                    {
                        var opId = (string)json["op"];
                        if (opId == null) continue;
                        ops[opId] = new SyncLogEntry
                        {
                            Timestamp = ts,
                            RunId = runId,
                            OperationId = opId,
                            Api = (string)json["api"],
                            Kind = (string)json["kind"],
                            Key = (string)json["key"],
                            Action = (string)json["action"],
                            Outcome = (string)json["outcome"],
                            Errors = json["errors"] is JArray errors ? errors.Select(e => (string)e).ToArray() : Array.Empty<string>(),
                            Detail = (string)json["detail"],
                            ItemHash = (string)json["hash"],
                            Exchange = _includeExchange ? HttpExchange.FromJson(json["exchange"]) : null,
                            Approval = JournalApproval.FromJson(json["approval"]),
                            Path = file,
                        };
                    }
                }
            }

            foreach (var entry in ops.Values)
            {
                if (entry.Outcome != "Pending") continue;
                // A send with no outcome line from a run that is over (or whose process is gone) may or may not have
                // reached the service: say so rather than guess.
                runs.TryGetValue(entry.RunId, out var run);
                if (run == null || !run.IsRunning) entry.Outcome = "InDoubt";
            }
            Entries = ops.Values.OrderBy(e => e.Timestamp).ThenBy(e => e.OperationId, StringComparer.Ordinal).ToArray();
            foreach (var entry in Entries)
                if (runs.TryGetValue(entry.RunId, out var run)) run.Count(entry);
            Runs = runs.Values.OrderBy(r => r.Started ?? DateTimeOffset.MinValue).ToArray();
            return this;
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
                                   : $"(created {latest.Created}, patched {latest.Updated}, failed {latest.Failed}") +
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
            string text;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var reader = new StreamReader(stream, Encoding.UTF8))
                text = reader.ReadToEnd();
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

    /// <summary>One sync run as the journal tells it.</summary>
    public sealed class JournalRun
    {
        public string RunId { get; set; }
        public string Api { get; set; }
        public string Kind { get; set; }
        public DateTimeOffset? Started { get; set; }
        public DateTimeOffset? Ended { get; set; }
        public int Total { get; set; }
        public int ProcessId { get; set; }
        public string Host { get; set; }
        public int Operations { get; set; }
        public int Synced { get; private set; }
        public int Failed { get; private set; }
        public int InDoubt { get; private set; }
        public int Pending { get; private set; }
        public int Created { get; private set; }
        public int Updated { get; private set; }

        /// <summary>Started, not ended, and its process is still alive on this machine.</summary>
        public bool IsRunning => Started != null && Ended == null && ProcessAlive();

        internal void Count(SyncLogEntry entry)
        {
            Operations++;
            switch (entry.Outcome)
            {
                case "Synced":
                    Synced++;
                    if (entry.Detail == "Created") Created++;
                    else if (entry.Detail == "Updated") Updated++;
                    break;
                case "Failed": Failed++; break;
                case "InDoubt": InDoubt++; break;
                default: Pending++; break;
            }
        }

        private bool ProcessAlive()
        {
            if (!string.Equals(Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase)) return true;
            if (ProcessId == SyncJournal.CurrentProcessId) return SyncJournal.ActiveRuns.ContainsKey(RunId);
            try
            {
                using (var process = Process.GetProcessById(ProcessId))
                    return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }
}
