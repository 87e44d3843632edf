using System;
using System.Management.Automation;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>A DXP record the module's own rules refuse; carried by the ErrorRecord Send-Dxp* writes for it.</summary>
    public sealed class DxpInvalidRecordException : Exception
    {
        public DxpInvalidRecordException(string message, System.Collections.Generic.IReadOnlyList<DxpFieldProblem> problems) : base(message) => Problems = problems;
        public System.Collections.Generic.IReadOnlyList<DxpFieldProblem> Problems { get; }
    }

    /// <summary>Cmdlets that talk to TEC DXP: a -Connection parameter, else the session default.</summary>
    public abstract class DxpApiCmdlet : DxpCmdlet
    {
        [Parameter]
        public DxpConnection Connection { get; set; }

        protected DxpConnection ResolveConnection()
        {
            var connection = Connection ?? SessionConnections.GetDxp<DxpConnection>();
            if (connection != null)
            {
                ListenForDebug(connection.Sender);
                return connection;
            }
            const string message = "Not connected to TEC DXP. Run Connect-Dxp first, or pass -Connection.";
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "DxpNotConnected", ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Connect-Dxp -BaseUri <uri> -Edumis <n> -Credential <machine account>" },
            });
            return null;
        }

        /// <summary>The return a cmdlet works on: -ReturnId, or -Submission's (remembered on the connection so its token is reused).</summary>
        protected static string ReturnIdOf(DxpConnection connection, string returnId, DxpSubmission submission)
        {
            if (submission == null) return returnId;
            connection.Remember(submission);
            return submission.ReturnId;
        }

        /// <summary>The submission for a return: the one given (remembered on the connection), else the connection's token, else a new one.</summary>
        protected DxpSubmission ResolveSubmission(DxpConnection connection, string returnId, DxpSubmission given)
        {
            if (given != null)
            {
                connection.Remember(given);
                returnId = given.ReturnId;
            }
            try
            {
                var submission = Await(connection.GetSubmissionAsync(returnId, StopToken), connection.Sender);
                WriteVerbose($"Submission token for return {submission.ReturnId}: status {submission.SubmissionStatus}, {submission.MaxRecordPerBatch} records per request, expires {submission.TokenExpiry:u}.");
                return submission;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ThrowTerminatingError(DxpError(ex, (object)returnId ?? given));
                return null;
            }
        }

        /// <summary>Calls DXP with the return's submission token; after SC* (token gone) gets a new token and calls once more.</summary>
        protected T WithSubmission<T>(DxpConnection connection, string returnId, Func<DxpSubmission, Task<T>> call, Action tick = null)
        {
            var submission = Await(connection.GetSubmissionAsync(returnId, StopToken), connection.Sender);
            try
            {
                return Await(call(submission), connection.Sender, tick);
            }
            catch (ServiceException ex) when (DxpUploader.IsSubmissionTokenGone(ex))
            {
                WriteVerbose($"DXP answered {ex.ErrorCode}: the submission token for return {returnId} is gone; getting a new one and asking again.");
                submission = Await(connection.GetSubmissionAsync(returnId, StopToken, rejectedToken: submission.SubmissionToken), connection.Sender);
                return Await(call(submission), connection.Sender, tick);
            }
        }
    }

    /// <summary>What every DXP cmdlet shares: DXP's error codes as specific ErrorRecord ids.</summary>
    public abstract class DxpCmdlet : NzqaCmdlet
    {
        /// <summary>
        /// <see cref="NzqaCmdlet.ServiceError"/> with DXP's codes made into specific ids: DxpReturnNotFound (R1),
        /// DxpSubmissionTokenNotFound (SC*), DxpSchemaMismatch (CV1), DxpBatchTooLarge (MP1), DxpConcurrentRequest (DS*),
        /// DxpNothingToValidate (VL1), DxpNoValidation (VL2), DxpValidationNotProcessed (VL3), DxpBadPaging (PR*),
        /// DxpUnreadableGzip (GM1), DxpEidRefused (AM*); otherwise Dxp + the HTTP class (DxpUnauthorized, DxpServiceError...).
        /// </summary>
        protected static ErrorRecord DxpError(Exception exception, object target)
        {
            var generic = ServiceError(exception, "Dxp", target);
            var ex = Unwrap(exception);
            var code = (ex as ServiceException)?.ErrorCode ?? "";
            string id = null, action = null;
            var category = generic.CategoryInfo.Category;
            if (ex is DxpBatchTooLargeException) { id = "DxpBatchTooLarge"; category = ErrorCategory.LimitsExceeded; }
            else if (code == "R1") { id = "DxpReturnNotFound"; category = ErrorCategory.ObjectNotFound; action = "Get-DxpReturn lists the returns of this EDUMIS."; }
            else if (code.StartsWith("SC", StringComparison.Ordinal)) { id = "DxpSubmissionTokenNotFound"; category = ErrorCategory.ObjectNotFound; action = "Get-DxpSubmission -ReturnId <id> -Renew gets a new submission token."; }
            else if (code == "CV1") { id = "DxpSchemaMismatch"; category = ErrorCategory.InvalidData; }
            else if (code == "MP1") { id = "DxpBatchTooLarge"; category = ErrorCategory.LimitsExceeded; }
            else if (code.StartsWith("DS", StringComparison.Ordinal)) { id = "DxpConcurrentRequest"; category = ErrorCategory.ResourceBusy; action = "Another upload, delete or validation of this submission is running; wait for it and try again."; }
            else if (code == "VL1") { id = "DxpNothingToValidate"; category = ErrorCategory.InvalidOperation; action = "Upload records with Send-DxpCourseEnrolment or Send-DxpQualificationCompletion first."; }
            else if (code == "VL2") { id = "DxpNoValidation"; category = ErrorCategory.ObjectNotFound; action = "Start-DxpValidation starts a validation run."; }
            else if (code == "VL3") { id = "DxpValidationNotProcessed"; category = ErrorCategory.ResourceBusy; action = "Get-DxpValidation -Wait waits until the run is Processed."; }
            else if (code.StartsWith("PR", StringComparison.Ordinal)) { id = "DxpBadPaging"; category = ErrorCategory.InvalidArgument; }
            else if (code == "GM1") { id = "DxpUnreadableGzip"; category = ErrorCategory.InvalidData; action = "Connect-Dxp -NoCompression sends plain JSON."; }
            else if (code.StartsWith("AM", StringComparison.Ordinal)) { id = "DxpEidRefused"; category = ErrorCategory.InvalidArgument; }
            if (id == null) return generic;
            var record = new ErrorRecord(ex, id, category, target);
            if (action != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
            else if (generic.ErrorDetails != null) record.ErrorDetails = generic.ErrorDetails;
            return record;
        }
    }
}
