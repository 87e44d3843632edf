using System;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Resets the submission (POST reset): DXP drops the submission token and every record uploaded to it, and cancels a
    /// running validation. ConfirmImpact High: an interactive console asks first; -Force skips the question. A host that
    /// cannot ask (a scheduled task, a hosted engine) is never prompted: without -Force or -Confirm nothing is reset and
    /// an error (DxpResetNotConfirmed) says so.
    /// </summary>
    [Cmdlet(VerbsCommon.Reset, "DxpSubmission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(void))]
    public sealed class ResetDxpSubmissionCommand : DxpApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        private Api.DxpConnection _connection;

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var returnId = ReturnIdOf(_connection, ReturnId, Submission);
            var target = $"DXP return {returnId} (EDUMIS {_connection.Edumis})";
            const string action = "Reset the submission: drop its token and every record uploaded to it, cancel a running validation";
            var bound = MyInvocation.BoundParameters;
            var confirmAsked = bound.ContainsKey("Confirm") && ((SwitchParameter)bound["Confirm"]).IsPresent;
            var whatIf = bound.ContainsKey("WhatIf") && ((SwitchParameter)bound["WhatIf"]).IsPresent;

            bool proceed;
            if (whatIf || confirmAsked) proceed = ShouldProcess(target, action);
            else if (Force) proceed = true;
            else if (!WouldPrompt() || InteractiveHost()) proceed = ShouldProcess(target, action);
            else
            {
                var message = $"Reset-DxpSubmission would drop every record of return {returnId}; this host cannot ask for confirmation, so nothing was reset.";
                WriteError(new ErrorRecord(new InvalidOperationException(message), "DxpResetNotConfirmed", ErrorCategory.OperationStopped, returnId)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Add -Force to reset without asking (or -Confirm in an interactive session)." },
                });
                return;
            }
            if (!proceed) return;

            WriteVerbose($"POST reset for return {returnId} (EID {_connection.Edumis}).");
            try
            {
                WithSubmission(_connection, returnId, async s => { await _connection.Client.ResetAsync(s.SubmissionToken, StopToken).ConfigureAwait(false); return true; });
                _connection.Forget(returnId);
                WriteVerbose($"Return {returnId} was reset; the next upload gets a new, empty submission.");
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(DxpError(ex, returnId));
            }
        }

        /// <summary>True when ShouldProcess would ask: $ConfirmPreference is High or lower (not None).</summary>
        private bool WouldPrompt()
        {
            var value = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (value is ConfirmImpact impact) return impact != ConfirmImpact.None;
            return !(value is string s && string.Equals(s, "None", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Whether a person can answer a prompt: the console host (unless started -NonInteractive or with its input
        /// redirected), VS Code and the ISE. Hosted engines, remoting servers and job hosts are not asked.
        /// </summary>
        private bool InteractiveHost()
        {
            switch (Host?.Name)
            {
                case "ConsoleHost":
                    var args = Environment.GetCommandLineArgs();
                    var nonInteractive = args.Any(a => a.Length > 4 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.ToLowerInvariant().StartsWith("-noni", StringComparison.Ordinal));
                    bool redirected;
                    try { redirected = Console.IsInputRedirected; } catch (Exception) { redirected = true; }
                    return !nonInteractive && !redirected;
                case "Visual Studio Code Host":
                case "Windows PowerShell ISE Host":
                    return true;
                default:
                    return false;
            }
        }
    }
}
