using System.Diagnostics;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The submission's latest validation run (GET validation). With -Wait, polls until the run is finished
/// (Processed, Cancelled, Rejected...), showing Write-Progress, or until -TimeoutSeconds pass (then an error and the last status).
/// </summary>
[Cmdlet(VerbsCommon.Get, "DxpValidation", DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpValidationRun))]
public sealed class GetDxpValidationCommand : DxpReturnCmdlet
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSeconds { get; set; } = 900;

    protected override void ProcessRecord()
    {
        var returnId = CurrentReturnId();
        var clock = Stopwatch.StartNew();
        var progress = new ProgressRecord(5, $"Validating DXP return {returnId}", "Asking DXP");
        try
        {
            while (true)
            {
                WriteVerbose($"GET validation for return {returnId}.");
                var run = WithSubmission(Dxp, returnId, s => Dxp.Client.GetValidationAsync(s.SubmissionToken, StopToken));
                if (!Wait || run == null || DxpValidationRunStatus.IsFinished(run.Status))
                {
                    if (Wait) Complete(progress);
                    WriteObject(run);
                    return;
                }
                if (clock.Elapsed.TotalSeconds >= TimeoutSeconds)
                {
                    Complete(progress);
                    WriteError(new ErrorRecord(new TimeoutException($"Validation run {run.ValidationRunId} of return {returnId} is still {run.Status} after {TimeoutSeconds} s."),
                        ErrorIds.DxpValidationTimeout, ErrorCategory.OperationTimeout, returnId)
                    {
                        ErrorDetails = new ErrorDetails($"Validation run {run.ValidationRunId} of return {returnId} is still {run.Status} after {TimeoutSeconds} s.")
                        {
                            RecommendedAction = "Run Get-DxpValidation -Wait again later; the run continues at TEC.",
                        },
                    });
                    WriteObject(run);
                    return;
                }
                progress.StatusDescription = $"Run {run.ValidationRunId} is {run.Status} ({(int)clock.Elapsed.TotalSeconds} s of at most {TimeoutSeconds} s)";
                progress.PercentComplete = run.Status == DxpValidationRunStatus.InProgress ? 50 : 10;
                WriteProgress(progress);
                if (StopToken.WaitHandle.WaitOne(PollInterval)) throw new OperationCanceledException(StopToken);
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            Complete(progress);
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            Complete(progress);
            WriteError(DxpError(ex, returnId));
        }
    }
}
