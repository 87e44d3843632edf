using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

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

    // Counts of operations a checkpoint no longer holds one by one (JournalCheckpoint): every count starts from them.
    private int[] _base = new int[7];

    internal void ClearCounts()
    {
        Operations = _base[0]; Synced = _base[1]; Failed = _base[2]; InDoubt = _base[3]; Pending = _base[4]; Created = _base[5]; Updated = _base[6];
    }

    internal void KeepCountsAsBase() => _base = new[] { Operations, Synced, Failed, InDoubt, Pending, Created, Updated };

    private static readonly string[] BaseNames = { "operations", "synced", "failed", "inDoubt", "pending", "created", "updated" };

    internal JObject BaseJson() => new JObject(BaseNames.Select((n, i) => new JProperty(n, _base[i])));

    internal void SetBase(JObject json)
    {
        _base = BaseNames.Select(n => (int?)json?[n] ?? 0).ToArray();
        ClearCounts();
    }

    /// <summary>Takes what the checkpoint knows of this run (from closed months) where the newer lines said nothing.</summary>
    internal void MergeOlder(JournalRun older)
    {
        if (Started == null)
        {
            Started = older.Started;
            Total = older.Total;
            ProcessId = older.ProcessId;
            Host = older.Host;
        }
        if (Ended == null) Ended = older.Ended;
        Api = Api ?? older.Api;
        Kind = Kind ?? older.Kind;
        _base = older._base;
    }

    internal void Count(SyncLogEntry entry)
    {
        Operations++;
        switch (entry.Outcome)
        {
            case JournalOutcome.Synced:
                Synced++;
                if (entry.Detail == JournalOutcome.Created) Created++;
                else if (entry.Detail == JournalOutcome.Updated) Updated++;
                break;
            case JournalOutcome.Failed: Failed++; break;
            case JournalOutcome.InDoubt: InDoubt++; break;
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
