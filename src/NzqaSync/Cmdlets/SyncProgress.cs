using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>Write-Progress of an NZQA sync run, in the Helix banner's words: "Processing enrolments 150 of 387 (created 34, patched 64, failed 0)".</summary>
internal sealed class SyncProgress(Cmdlet cmdlet, string noun, int total)
{
    private readonly ProgressRecord _record = new ProgressRecord(3, $"Syncing {noun}s with NZQA", "Starting");

    public void Show((int Done, int Created, int Updated, int Failed) p)
    {
        _record.StatusDescription = $"Processing {noun}s {p.Done} of {total} (created {p.Created}, patched {p.Updated}, failed {p.Failed})";
        _record.PercentComplete = (int)(100L * p.Done / total);
        cmdlet.WriteProgress(_record);
    }

    public void Complete()
    {
        _record.RecordType = ProgressRecordType.Completed;
        cmdlet.WriteProgress(_record);
    }
}
