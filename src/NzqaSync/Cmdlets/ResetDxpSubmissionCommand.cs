using System.Management.Automation;
using System.Management.Automation.Host;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Resets the submission (POST reset): DXP drops the submission token and every record uploaded to it, and cancels a
/// running validation. ShouldProcess (-WhatIf, -Confirm) plus ShouldContinue, which -Force skips: a person is always
/// asked unless -Force is given, and a host that cannot ask (a scheduled task, pwsh -NonInteractive, a hosted
/// engine) refuses the question, so nothing is reset and an error (DxpResetNotConfirmed) says what to add.
/// </summary>
/// <remarks>
/// ConfirmImpact is Medium so the question is asked once (ShouldContinue), not twice (a High ShouldProcess prompt and
/// then ShouldContinue); -Confirm still asks the ShouldProcess question.
/// </remarks>
[Cmdlet(VerbsCommon.Reset, "DxpSubmission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(void))]
public sealed class ResetDxpSubmissionCommand : DxpReturnCmdlet
{
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var returnId = CurrentReturnId();
        var target = $"DXP return {returnId} (EDUMIS {Dxp.Edumis})";
        const string action = "Reset the submission: drop its token and every record uploaded to it, cancel a running validation";
        var proceed = PromptPolicy.TryAsk(() => ShouldProcess(target, action)
            && (Force || ShouldContinue($"Drop every record uploaded to return {returnId}? This cannot be undone.", $"Reset {target}")), out var cannotAsk);
        if (cannotAsk != null)
        {
            var message = $"Reset-DxpSubmission would drop every record of return {returnId}; this host cannot ask for confirmation, so nothing was reset.";
            WriteError(AdvisedError.Of(new InvalidOperationException(message, cannotAsk), ErrorIds.DxpResetNotConfirmed, ErrorCategory.OperationStopped, returnId,
                "Add -Force to reset without asking (scripts and scheduled tasks), or run it in an interactive session."));
        }
        if (!proceed) return;

        WriteVerbose($"POST reset for return {returnId} (EID {Dxp.Edumis}).");
        if (!TryCall(returnId, async s => { await Dxp.Client.ResetAsync(s.SubmissionToken, StopToken).ConfigureAwait(false); return true; }, out _)) return;
        Dxp.Forget(returnId);
        WriteVerbose($"Return {returnId} was reset; the next upload gets a new, empty submission.");
    }
}
