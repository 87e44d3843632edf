using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace NzqaSync.Api;

/// <summary>One return (GET returns): a reporting period the provider can submit to.</summary>
public sealed class DxpReturn
{
    [JsonProperty("edumis")] public int Edumis { get; set; }
    /// <summary>Like "202604" (year and month).</summary>
    [JsonProperty("returnId")] public string ReturnId { get; set; }
    [JsonProperty("returnYear")] public int ReturnYear { get; set; }
    [JsonProperty("returnMonth")] public int ReturnMonth { get; set; }
    [JsonProperty("openWindowDate")] public DateTimeOffset? OpenWindowDate { get; set; }
    [JsonProperty("closeWindowDate")] public DateTimeOffset? CloseWindowDate { get; set; }
    /// <summary>Sandbox: Upcoming, Open, Closed.</summary>
    [JsonProperty("returnStatus")] public string ReturnStatus { get; set; }
    /// <summary>Full or Indicative.</summary>
    [JsonProperty("returnType")] public string ReturnType { get; set; }
    [JsonProperty("closeDate")] public DateTimeOffset? CloseDate { get; set; }
}

/// <summary>POST token/{returnId}: the submission token and the submission it opens.</summary>
public sealed class DxpSubmission
{
    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
    [JsonProperty("tokenExpiry")] public DateTimeOffset? TokenExpiry { get; set; }
    /// <summary>Records per upload request, counted across the content.</summary>
    [JsonProperty("maxRecordPerBatch")] public int MaxRecordPerBatch { get; set; }
    [JsonProperty("returnId")] public string ReturnId { get; set; }
    [JsonProperty("edumis")] public int Edumis { get; set; }
    [JsonProperty("returnYear")] public int ReturnYear { get; set; }
    [JsonProperty("returnMonth")] public int ReturnMonth { get; set; }
    /// <summary>Pending, Validating, Validated, Submitted, Cancelled, Closed.</summary>
    [JsonProperty("submissionStatus")] public string SubmissionStatus { get; set; }
    [JsonProperty("submissionType")] public string SubmissionType { get; set; }
    /// <summary>Base URL of the CSV read-back; append "/course-enrolments.csv" etc.</summary>
    [JsonProperty("submissionContentsUrl")] public string SubmissionContentsUrl { get; set; }
    [JsonProperty("validationRunResults")] public List<DxpValidationRun> ValidationRunResults { get; set; } = new List<DxpValidationRun>();
}

/// <summary>Upload body: <c>{submissionToken, content[]}</c>.</summary>
public sealed class DxpUploadRequest<T>
{
    public DxpUploadRequest() { }
    public DxpUploadRequest(string submissionToken, IEnumerable<T> content)
    {
        SubmissionToken = submissionToken;
        Content = content.ToList();
    }

    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
    [JsonProperty("content")] public List<T> Content { get; set; } = new List<T>();
}

/// <summary>A delete body's item: <c>{localId}</c>.</summary>
public sealed class DxpLocalIdRef
{
    public DxpLocalIdRef() { }
    public DxpLocalIdRef(string localId) => LocalId = localId;
    [JsonProperty("localId")] public string LocalId { get; set; }
}

/// <summary>200 answer to an upload or delete: <c>{submissionToken, content[{localId, errors[]}]}</c>.</summary>
public sealed class DxpUploadResponse
{
    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
    [JsonProperty("content")] public List<DxpRecordResult> Content { get; set; } = new List<DxpRecordResult>();
}

public sealed class DxpRecordResult
{
    [JsonProperty("localId")] public string LocalId { get; set; }
    [JsonProperty("errors")] public List<string> Errors { get; set; } = new List<string>();
    [JsonIgnore] public bool Accepted => Errors == null || Errors.Count == 0;
}

/// <summary>
/// An error body: problem details <c>{type,title,status,detail,instance,errors{...},errorCode}</c>. One TEC page says
/// <c>errorCodes</c>; both are read, see <see cref="Codes"/>.
/// </summary>
public sealed class DxpProblemDetails
{
    [JsonProperty("type")] public string Type { get; set; }
    [JsonProperty("title")] public string Title { get; set; }
    [JsonProperty("status")] public int? Status { get; set; }
    [JsonProperty("detail")] public string Detail { get; set; }
    [JsonProperty("instance")] public string Instance { get; set; }
    /// <summary>Free-form: field → messages, or returnId/submissionToken/content.</summary>
    [JsonProperty("errors")] public JToken Errors { get; set; }
    [JsonProperty("returnId")] public string ReturnId { get; set; }
    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
    [JsonProperty("errorCode")] public string ErrorCode { get; set; }
    /// <summary>A string or an array of strings.</summary>
    [JsonProperty("errorCodes")] public JToken ErrorCodes { get; set; }

    /// <summary>Every code given, errorCode first, from either spelling of the property.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Codes
    {
        get
        {
            var list = new List<string>();
            if (!string.IsNullOrEmpty(ErrorCode)) list.Add(ErrorCode);
            if (ErrorCodes is JArray a) list.AddRange(a.Select(t => t.ToString()));
            else if (ErrorCodes != null && ErrorCodes.Type == JTokenType.String) list.Add((string)ErrorCodes);
            return list.Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        }
    }

    /// <summary>"SC1: Submission token not found (400)" — for an exception message a person can act on.</summary>
    public override string ToString() =>
        $"{string.Join(",", Codes)}{(Codes.Count > 0 ? ": " : "")}{Title}{(string.IsNullOrEmpty(Detail) ? "" : " — " + Detail)}{(Status.HasValue ? $" ({Status})" : "")}";
}

/// <summary>Body of POST validation and POST reset: <c>{submissionToken}</c>.</summary>
public sealed class DxpSubmissionTokenRequest
{
    public DxpSubmissionTokenRequest() { }
    public DxpSubmissionTokenRequest(string submissionToken) => SubmissionToken = submissionToken;
    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
}

/// <summary>A validation run (POST validation, GET validation?submissionToken=, and a submission's validationRunResults).</summary>
public sealed class DxpValidationRun
{
    [JsonProperty("validationRunId")] public string ValidationRunId { get; set; }
    [JsonProperty("submissionToken")] public string SubmissionToken { get; set; }
    /// <summary>See <see cref="DxpValidationRunStatus"/>.</summary>
    [JsonProperty("status")] public string Status { get; set; }
    [JsonProperty("requestedAt")] public DateTimeOffset? RequestedAt { get; set; }
    [JsonProperty("completedAt")] public DateTimeOffset? CompletedAt { get; set; }
    [JsonProperty("errorCount")] public int? ErrorCount { get; set; }
    [JsonProperty("warningCount")] public int? WarningCount { get; set; }
}

/// <summary>The run status values TEC lists; <see cref="IsFinished"/> says when to stop polling.</summary>
public static class DxpValidationRunStatus
{
    public const string Accumulate = "Accumulate", RollBack = "RollBack", Cancelled = "Cancelled", FailedToTransfer = "FailedToTransfer",
        Halted = "Halted", InProgress = "InProgress", Processed = "Processed", Queued = "Queued", Rejected = "Rejected",
        Submitted = "Submitted", UnknownError = "UnknownError", SubmitError = "SubmitError";

    /// <summary>False while the run is still moving (Queued, InProgress, Accumulate); true for every other value.</summary>
    public static bool IsFinished(string status) => status != Queued && status != InProgress && status != Accumulate;
}

/// <summary>One issue in GET validation/results.</summary>
public sealed class DxpValidationResult
{
    [JsonProperty("localId")] public string LocalId { get; set; }
    [JsonProperty("errorCode")] public string ErrorCode { get; set; }
    [JsonProperty("errorDescription")] public string ErrorDescription { get; set; }
    /// <summary>Error or Warning.</summary>
    [JsonProperty("errorType")] public string ErrorType { get; set; }
    [JsonProperty("fileType")] public string FileType { get; set; }
    [JsonProperty("courseCode")] public string CourseCode { get; set; }
    [JsonProperty("studentId")] public string StudentId { get; set; }
    [JsonProperty("recordText")] public string RecordText { get; set; }
}
