using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// One record's share of a batch's HTTP exchange, kept on its journal line (NZQA sync and DXP upload alike): the
/// batch's request line and headers, this record's item of the body and, when the service answered item by item, its
/// own result (else the whole answer: it is about the request).
/// </summary>
internal static class BatchExchange
{
    /// <param name="requestBody">This record's item as a request body, redacted.</param>
    /// <param name="ownAnswer">The record's own result as a response body, redacted; null when the service did not answer item by item.</param>
    public static HttpExchange ForRecord(HttpExchange batch, int index, int count, string requestBody, string ownAnswer)
    {
        var note = (count > 1 ? $"this record's item {index + 1} of the {count} in the request" + (ownAnswer != null ? ", and its result" : "") : "") +
                   (batch.Note != null ? (count > 1 ? "; " : "") + batch.Note : "");
        return new HttpExchange
        {
            Timestamp = batch.Timestamp,
            Method = batch.Method,
            Uri = batch.Uri,
            Attempt = batch.Attempt,
            RequestHeaders = new Dictionary<string, string>(batch.RequestHeaders, StringComparer.OrdinalIgnoreCase),
            RequestBody = requestBody,
            StatusCode = batch.StatusCode,
            ResponseHeaders = new Dictionary<string, string>(batch.ResponseHeaders, StringComparer.OrdinalIgnoreCase),
            ResponseBody = ownAnswer ?? batch.ResponseBody,
            Note = note.Length == 0 ? null : note,
        };
    }
}
