using Newtonsoft.Json;

namespace NzqaSync.Api;

/// <summary>A page of a paged read, NZQA's and DXP's alike: { page, pageSize, totalCount, results }.</summary>
public sealed class PagedResult<T>
{
    [JsonProperty("page")] public int Page { get; set; }
    [JsonProperty("pageSize")] public int PageSize { get; set; }
    [JsonProperty("totalCount")] public int TotalCount { get; set; }
    [JsonProperty("results")] public List<T> Results { get; set; } = new List<T>();
}

/// <summary>The answer to a batch write: one result per item, in order.</summary>
public sealed class BatchResponse
{
    public List<BatchItemResult> Results { get; set; } = new List<BatchItemResult>();
}

public sealed class BatchItemResult
{
    public int Index { get; set; }
    public string Key { get; set; }
    /// <summary>Created, Updated, Unchanged or Failed.</summary>
    public string Outcome { get; set; }
    public List<ItemError> Errors { get; set; } = new List<ItemError>();

    [JsonIgnore]
    public bool Succeeded => Outcome == "Created" || Outcome == "Updated" || Outcome == "Unchanged";
}

public sealed class ItemError
{
    public string Code { get; set; }
    public string Message { get; set; }

    public override string ToString() => string.IsNullOrEmpty(Code) ? Message : $"{Code}: {Message}";
}

/// <summary>RFC 7807 problem details, with the DXP's errorCode (one page says errorCodes: both are read).</summary>
public sealed class ProblemDetails
{
    public string Type { get; set; }
    public string Title { get; set; }
    public int? Status { get; set; }
    public string Detail { get; set; }
    public string Instance { get; set; }
    public string ErrorCode { get; set; }
    /// <summary>A string or an array of strings (TEC's pages show both).</summary>
    public Newtonsoft.Json.Linq.JToken ErrorCodes { get; set; }
    public Dictionary<string, object> Errors { get; set; }

    /// <summary>errorCode, else the first of errorCodes (either spelling).</summary>
    [JsonIgnore]
    public string FirstCode =>
        !string.IsNullOrEmpty(ErrorCode) ? ErrorCode
        : ErrorCodes is Newtonsoft.Json.Linq.JArray a ? a.Select(t => t.ToString()).FirstOrDefault(t => !string.IsNullOrEmpty(t))
        : ErrorCodes != null && ErrorCodes.Type == Newtonsoft.Json.Linq.JTokenType.String ? (string)ErrorCodes : null;
}

public sealed class ProviderInfo
{
    public int ProviderNumber { get; set; }
    public string Name { get; set; }
    public string Kind { get; set; }
}

internal sealed class EslTokenResponse
{
    [JsonProperty("access_token")] public string AccessToken { get; set; }
    [JsonProperty("token_type")] public string TokenType { get; set; }
    [JsonProperty("expires_in")] public int? ExpiresIn { get; set; }
    [JsonProperty("error")] public string Error { get; set; }
    [JsonProperty("error_description")] public string ErrorDescription { get; set; }
}
