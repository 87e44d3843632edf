using System.Management.Automation;
using System.Net;
using NzqaSync.Api;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>One service's ids for a failed call, by what went wrong (the same suffixes for NZQA and DXP).</summary>
internal sealed class ServiceErrorIds
{
    public static readonly ServiceErrorIds Nzqa = new ServiceErrorIds(ErrorIds.NzqaAuthenticationFailed, ErrorIds.NzqaUnreachable, ErrorIds.NzqaUnauthorized,
        ErrorIds.NzqaProviderRefused, ErrorIds.NzqaRateLimited, ErrorIds.NzqaServiceError, ErrorIds.NzqaRequestRejected, ErrorIds.NzqaUnsafePath,
        ErrorIds.NzqaStopped, ErrorIds.NzqaInvalidArgument, ErrorIds.NzqaFailed);

    public static readonly ServiceErrorIds Dxp = new ServiceErrorIds(ErrorIds.DxpAuthenticationFailed, ErrorIds.DxpUnreachable, ErrorIds.DxpUnauthorized,
        ErrorIds.DxpProviderRefused, ErrorIds.DxpRateLimited, ErrorIds.DxpServiceError, ErrorIds.DxpRequestRejected, ErrorIds.DxpUnsafePath,
        ErrorIds.DxpStopped, ErrorIds.DxpInvalidArgument, ErrorIds.DxpFailed);

    private ServiceErrorIds(string authenticationFailed, string unreachable, string unauthorized, string providerRefused, string rateLimited,
        string serviceError, string requestRejected, string unsafePath, string stopped, string invalidArgument, string failed)
    {
        AuthenticationFailed = authenticationFailed; Unreachable = unreachable; Unauthorized = unauthorized; ProviderRefused = providerRefused;
        RateLimited = rateLimited; ServiceError = serviceError; RequestRejected = requestRejected; UnsafePath = unsafePath;
        Stopped = stopped; InvalidArgument = invalidArgument; Failed = failed;
    }

    public string AuthenticationFailed { get; }
    public string Unreachable { get; }
    public string Unauthorized { get; }
    public string ProviderRefused { get; }
    public string RateLimited { get; }
    public string ServiceError { get; }
    public string RequestRejected { get; }
    public string UnsafePath { get; }
    public string Stopped { get; }
    public string InvalidArgument { get; }
    public string Failed { get; }
}

/// <summary>Failed calls as ErrorRecords with an id and category that say what went wrong, and what to do where a person can act.</summary>
internal static class ServiceErrors
{
    public static ErrorRecord For(Exception exception, ServiceErrorIds ids, object target)
    {
        var ex = Unwrap(exception);
        var (id, category, action) = Classify(ex, ids);
        var record = new ErrorRecord(ex, id, category, target);
        if (action != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
        return record;
    }

    private static (string, ErrorCategory, string) Classify(Exception ex, ServiceErrorIds ids)
    {
        var status = (ex as ServiceException)?.StatusCode;
        switch (ex)
        {
            case AuthenticationFailedException _:
                return (ids.AuthenticationFailed, ErrorCategory.AuthenticationError, "Check the ESL machine account name and password, and that the account belongs to this provider.");
            case ServiceException _ when status == null:
                return (ids.Unreachable, ErrorCategory.ConnectionError, "Check the base URI and the network, then try again.");
            case ServiceException _ when status == HttpStatusCode.Unauthorized:
                return (ids.Unauthorized, ErrorCategory.AuthenticationError, null);
            case ServiceException _ when status == HttpStatusCode.Forbidden || status == HttpStatusCode.NotFound:
                return (ids.ProviderRefused, ErrorCategory.PermissionDenied, "Check the provider number: the machine account, the EID and the provider must agree.");
            case ServiceException _ when (int)status == 429:
                return (ids.RateLimited, ErrorCategory.LimitsExceeded, "Wait a little and run the command again.");
            case ServiceException _ when (int)status >= 500:
                return (ids.ServiceError, ErrorCategory.ResourceUnavailable, null);
            case ServiceException _:
                return (ids.RequestRejected, ErrorCategory.InvalidOperation, null);
            case Journal.UnsafePathException _:
                return (ids.UnsafePath, ErrorCategory.SecurityError, "Use a folder and file of your own that no other user can write to, and not a symbolic link.");
            case OperationCanceledException _:
                return (ids.Stopped, ErrorCategory.OperationStopped, null);
            case ArgumentException _:
                return (ids.InvalidArgument, ErrorCategory.InvalidArgument, null);
            default:
                return (ids.Failed, ErrorCategory.NotSpecified, null);
        }
    }

    /// <summary>
    /// <see cref="For"/> with DXP's codes made into specific ids: DxpReturnNotFound (R1), DxpSubmissionTokenNotFound (SC*),
    /// DxpSchemaMismatch (CV1), DxpBatchTooLarge (MP1), DxpConcurrentRequest (DS*), DxpNothingToValidate (VL1),
    /// DxpNoValidation (VL2), DxpValidationNotProcessed (VL3), DxpBadPaging (PR*), DxpUnreadableGzip (GM1), DxpEidRefused (AM*);
    /// otherwise Dxp + the HTTP class (DxpUnauthorized, DxpServiceError...).
    /// </summary>
    public static ErrorRecord ForDxp(Exception exception, object target)
    {
        var generic = For(exception, ServiceErrorIds.Dxp, target);
        var ex = Unwrap(exception);
        var (id, category, action) = DxpCode(ex, (ex as ServiceException)?.ErrorCode ?? "");
        if (id == null) return generic;
        var record = new ErrorRecord(ex, id, category, target);
        if (action != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
        else if (generic.ErrorDetails != null) record.ErrorDetails = generic.ErrorDetails;
        return record;
    }

    private static (string, ErrorCategory, string) DxpCode(Exception ex, string code)
    {
        bool Starts(string prefix) => code.StartsWith(prefix, StringComparison.Ordinal);
        if (ex is DxpBatchTooLargeException || code == "MP1") return (ErrorIds.DxpBatchTooLarge, ErrorCategory.LimitsExceeded, null);
        if (code == "R1") return (ErrorIds.DxpReturnNotFound, ErrorCategory.ObjectNotFound, "Get-DxpReturn lists the returns of this EDUMIS.");
        if (Starts("SC")) return (ErrorIds.DxpSubmissionTokenNotFound, ErrorCategory.ObjectNotFound, "Get-DxpSubmission -ReturnId <id> -Renew gets a new submission token.");
        if (code == "CV1") return (ErrorIds.DxpSchemaMismatch, ErrorCategory.InvalidData, null);
        if (Starts("DS")) return (ErrorIds.DxpConcurrentRequest, ErrorCategory.ResourceBusy, "Another upload, delete or validation of this submission is running; wait for it and try again.");
        if (code == "VL1") return (ErrorIds.DxpNothingToValidate, ErrorCategory.InvalidOperation, "Upload records with Send-DxpCourseEnrolment or Send-DxpQualificationCompletion first.");
        if (code == "VL2") return (ErrorIds.DxpNoValidation, ErrorCategory.ObjectNotFound, "Start-DxpValidation starts a validation run.");
        if (code == "VL3") return (ErrorIds.DxpValidationNotProcessed, ErrorCategory.ResourceBusy, "Get-DxpValidation -Wait waits until the run is Processed.");
        if (Starts("PR")) return (ErrorIds.DxpBadPaging, ErrorCategory.InvalidArgument, null);
        if (code == "GM1") return (ErrorIds.DxpUnreadableGzip, ErrorCategory.InvalidData, "Connect-Dxp -NoCompression sends plain JSON.");
        if (Starts("AM")) return (ErrorIds.DxpEidRefused, ErrorCategory.InvalidArgument, null);
        return (null, ErrorCategory.NotSpecified, null);
    }

    public static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException agg && agg.InnerExceptions.Count == 1) ex = agg.InnerException;
        if (ex is AggregateException many) ex = many.Flatten().InnerExceptions[0];
        return ex;
    }
}
