using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>Progress of a paged read: reported from any thread, written on the pipeline thread.</summary>
internal sealed class FetchProgress
{
    private readonly Cmdlet _cmdlet;
    private readonly ProgressRecord _record;
    private int _read, _total, _shown = -1;

    public FetchProgress(Cmdlet cmdlet, int activityId, string activity, int provider)
    {
        _cmdlet = cmdlet;
        _record = new ProgressRecord(activityId, activity, $"Provider {provider}");
    }

    public void Report(int read, int total)
    {
        Volatile.Write(ref _read, read);
        Volatile.Write(ref _total, total);
    }

    public void Tick()
    {
        var read = Volatile.Read(ref _read);
        var total = Volatile.Read(ref _total);
        if (read == _shown) return;
        _shown = read;
        // Before the first page (or for a read that reports no count) there is no "0 of 0" to show.
        _record.StatusDescription = total > 0 ? $"{read} of {total}" : read > 0 ? $"{read} read" : "Waiting for NZQA's answer";
        _record.PercentComplete = total > 0 ? (int)(100L * read / total) : -1;
        _cmdlet.WriteProgress(_record);
    }

    public void Complete()
    {
        _record.RecordType = ProgressRecordType.Completed;
        _cmdlet.WriteProgress(_record);
    }
}
