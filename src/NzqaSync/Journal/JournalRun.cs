using System.Diagnostics;

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

    internal void ClearCounts() => Operations = Synced = Failed = InDoubt = Pending = Created = Updated = 0;

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
