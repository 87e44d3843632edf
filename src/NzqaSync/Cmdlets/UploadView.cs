using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>How an upload run shows itself (Send-Dxp* and Sync-DxpRecord word their progress differently).</summary>
internal sealed class UploadView
{
    public int ProgressId { get; set; }
    public string Activity { get; set; }
    /// <summary>" learners" after "Uploaded 3 of 10" (empty for "records").</summary>
    public string Unit { get; set; } = "";
    /// <summary>Each result as its batch is answered (null: the caller writes them after the run).</summary>
    public Action<DxpUploadResult> Answered { get; set; }
    /// <summary>A failure to get a submission token stops the cmdlet (else it is one error and the run is over).</summary>
    public bool TokenFailureStops { get; set; }
}
