using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

/// <summary>
/// The sync journal: JSON Lines, one file a month, in an owner-only folder. A "Pending" line is flushed
/// before each send and an outcome line after it, one write and one fsync per batch (group commit), so a
/// crash never leaves a record whose fate is unknown without saying so. Safe for two processes at once.
/// Never holds a secret: only keys, actions, outcomes, the services' error texts and, for failed and in-doubt
/// records, the exchange as ExchangeRedactor left it (no token, password or Authorization header).
/// </summary>
public sealed class SyncJournal
{
    private readonly object _gate = new object();
    private readonly Func<DateTimeOffset> _clock;

    public SyncJournal(string folder, Func<DateTimeOffset> clock = null)
    {
        Folder = Path.GetFullPath(folder ?? JournalFolder.Default());
        _clock = clock ?? (() => DateTimeOffset.Now);
    }

    public string Folder { get; }

    public static string NewRunId() =>
        DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

    /// <summary>Runs of this process that have started and not yet ended.</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> ActiveRuns =
        new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

    public void RunStarted(string runId, string api, string kind, int total, JournalApproval approval = null)
    {
        ActiveRuns[runId] = true;
        var line = RunLine(runId, api, kind, "start", total, null);
        if (approval != null)
        {
            var json = JObject.Parse(line);
            json["approval"] = approval.ToJson();
            line = json.ToString(Formatting.None);
        }
        Append(new[] { line });
    }

    public void RunEnded(string runId, string api, string kind, int total, IDictionary<string, int> counts)
    {
        try { Append(new[] { RunLine(runId, api, kind, "end", total, counts) }); }
        finally { ActiveRuns.TryRemove(runId, out _); }
    }

    /// <summary>Writes one line per operation with the given outcome, in one write and one fsync.</summary>
    public void Record(IEnumerable<JournalOperation> operations)
    {
        var lines = new List<string>();
        var now = _clock();
        foreach (var op in operations)
        {
            var line = new JObject
            {
                ["t"] = "op",
                ["ts"] = now.ToString("o", CultureInfo.InvariantCulture),
                ["run"] = op.RunId,
                ["op"] = op.OperationId,
                ["api"] = op.Api,
                ["kind"] = op.Kind,
                ["key"] = op.Key,
                ["action"] = op.Action,
                ["outcome"] = op.Outcome,
            };
            if (op.Detail != null) line["detail"] = op.Detail;
            if (op.Errors != null && op.Errors.Count > 0) line["errors"] = new JArray(op.Errors);
            if (op.ItemHash != null) line["hash"] = op.ItemHash;
            if (op.Exchange != null) line["exchange"] = op.Exchange.ToJson();
            if (op.Approval != null) line["approval"] = op.Approval.ToJson();
            lines.Add(line.ToString(Formatting.None));
        }
        if (lines.Count > 0) Append(lines);
    }

    public string CurrentFile() => Path.Combine(Folder, "journal-" + _clock().ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".jsonl");

    private string RunLine(string runId, string api, string kind, string evt, int total, IDictionary<string, int> counts)
    {
        var line = new JObject
        {
            ["t"] = "run",
            ["ts"] = _clock().ToString("o", CultureInfo.InvariantCulture),
            ["run"] = runId,
            ["event"] = evt,
            ["api"] = api,
            ["kind"] = kind,
            ["total"] = total,
            ["pid"] = CurrentProcessId,
            ["host"] = Environment.MachineName,
        };
        if (counts != null) line["counts"] = JObject.FromObject(counts);
        return line.ToString(Formatting.None);
    }

    internal static readonly int CurrentProcessId = Process.GetCurrentProcess().Id;

    private void Append(IReadOnlyCollection<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        var bytes = new UTF8Encoding(false).GetBytes(text.ToString());
        lock (_gate)
        {
            JournalFolder.EnsureOwnerOnly(Folder);
            var path = CurrentFile();
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                // Windows has no O_APPEND from .NET: a machine-wide mutex serialises open-at-end + write + flush.
                using (var mutex = new Mutex(false, MutexName(path)))
                {
                    try { mutex.WaitOne(); } catch (AbandonedMutexException) { }
                    try { WriteAll(path, bytes); }
                    finally { mutex.ReleaseMutex(); }
                }
            }
            else
            {
                using (JournalFolder.Lock(Folder, exclusive: false))
                    WriteAll(path, bytes);
            }
        }
    }

    private static void WriteAll(string path, byte[] bytes)
    {
        using (var stream = JournalFolder.OpenAppend(path))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(true);
        }
    }

    /// <summary>The name of the machine-wide mutex Windows appenders of <paramref name="path"/> hold.</summary>
    internal static string MutexName(string path) => @"Global\NzqaSync-journal-" + Hash(path);

    private static string Hash(string path)
    {
        using (var sha = SHA256.Create())
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(path.ToUpperInvariant()))).Replace("-", "").Substring(0, 16);
    }
}

/// <summary>One journal line about one operation on one record.</summary>
public sealed class JournalOperation
{
    public string RunId { get; set; }
    public string OperationId { get; set; }
    public string Api { get; set; }
    public string Kind { get; set; }
    public string Key { get; set; }
    public string Action { get; set; }
    public string Outcome { get; set; }
    /// <summary>Created, Updated or Unchanged: what the service did.</summary>
    public string Detail { get; set; }
    public IReadOnlyList<string> Errors { get; set; }
    /// <summary>A hash of the item sent (no personal data in clear): tells a later run whether the data changed since.</summary>
    public string ItemHash { get; set; }
    /// <summary>The redacted request and answer for this record (kept for failed and in-doubt records by default).</summary>
    public HttpExchange Exchange { get; set; }
    /// <summary>The approval file the record was sent under (Sync-Nzqa* -ApprovalPath), if any.</summary>
    public JournalApproval Approval { get; set; }
}

/// <summary>The approval a run sent under: the file's SHA-256, who signed it and when, and where it was read.</summary>
public sealed class JournalApproval
{
    public string Sha256 { get; set; }
    public string SignedBy { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public string Path { get; set; }

    public JObject ToJson() => new JObject
    {
        ["sha256"] = Sha256,
        ["signedBy"] = SignedBy,
        ["signedAt"] = SignedAt.ToString("o", CultureInfo.InvariantCulture),
        ["path"] = Path,
    };

    public static JournalApproval FromJson(JToken token) => token is JObject o
        ? new JournalApproval
        {
            Sha256 = (string)o["sha256"],
            SignedBy = (string)o["signedBy"],
            SignedAt = DateTimeOffset.TryParse((string)o["signedAt"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : default,
            Path = (string)o["path"],
        }
        : null;

    public override string ToString() => $"{SignedBy} ({Sha256})";
}
