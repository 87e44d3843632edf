using System;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets
{
    /// <summary>Asks DXP to validate the submission (POST validation); a run already Queued or InProgress is returned as it is.</summary>
    [Cmdlet(VerbsLifecycle.Start, "DxpValidation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpValidationRun))]
    public sealed class StartDxpValidationCommand : DxpApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        private Api.DxpConnection _connection;

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var returnId = ReturnIdOf(_connection, ReturnId, Submission);
            if (!ShouldProcess($"DXP return {returnId} (EDUMIS {_connection.Edumis})", "Start validation")) return;
            WriteVerbose($"POST validation for return {returnId}.");
            try
            {
                var run = WithSubmission(_connection, returnId, s => _connection.Client.StartValidationAsync(s.SubmissionToken, StopToken));
                WriteVerbose($"Validation run {run?.ValidationRunId} is {run?.Status}.");
                WriteObject(run);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(DxpError(ex, returnId));
            }
        }
    }
}
