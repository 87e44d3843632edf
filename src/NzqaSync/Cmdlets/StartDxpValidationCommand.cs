using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>Asks DXP to validate the submission (POST validation); a run already Queued or InProgress is returned as it is.</summary>
[Cmdlet(VerbsLifecycle.Start, "DxpValidation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpValidationRun))]
public sealed class StartDxpValidationCommand : DxpReturnCmdlet
{
    protected override void ProcessRecord()
    {
        var returnId = CurrentReturnId();
        if (!ShouldProcess($"DXP return {returnId} (EDUMIS {Dxp.Edumis})", "Start validation")) return;
        WriteVerbose($"POST validation for return {returnId}.");
        if (!TryCall(returnId, s => Dxp.Client.StartValidationAsync(s.SubmissionToken, StopToken), out var run)) return;
        WriteVerbose($"Validation run {run?.ValidationRunId} is {run?.Status}.");
        WriteObject(run);
    }
}
