using System;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets
{
    /// <summary>The issues of the submission's Processed validation run (GET validation/results), every page, one object per issue.</summary>
    [Cmdlet(VerbsCommon.Get, "DxpValidationResult", DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpValidationResult))]
    public sealed class GetDxpValidationResultCommand : DxpApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        /// <summary>Only Errors or only Warnings.</summary>
        [Parameter]
        [ValidateSet("Error", "Warning")]
        public string ErrorType { get; set; }

        /// <summary>Issues asked for per request (DXP allows 1–1000).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = DxpRoutes.PageSize;

        private DxpConnection _connection;

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var returnId = ReturnIdOf(_connection, ReturnId, Submission);
            try
            {
                WriteVerbose($"GET validation/results (pages of {PageSize}) for return {returnId}.");
                var issues = WithSubmission(_connection, returnId, s => _connection.Client.GetValidationResultsAsync(s.SubmissionToken, PageSize, StopToken));
                foreach (var issue in issues)
                    if (ErrorType == null || string.Equals(issue.ErrorType, ErrorType, StringComparison.OrdinalIgnoreCase)) WriteObject(issue);
                WriteVerbose($"Read {issues.Count} validation issues for return {returnId}.");
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(DxpError(ex, returnId));
            }
        }
    }
}
