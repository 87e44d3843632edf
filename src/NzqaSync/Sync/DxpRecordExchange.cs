using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// Keeps, on the journal line of each DXP record that was refused or ended in doubt (or of every record, with
/// KeepExchanges All), that record's share of the request and answer for TEC's support desk: the request line and
/// headers as ExchangeRedactor left them, the body with the submission token redacted and only this record's item,
/// and DXP's result for this record (or its whole answer when it answered the request as a whole, or nothing came).
/// </summary>
public static class DxpRecordExchange
{
    private static readonly JsonSerializer Serializer = DxpJson.Serializer;

    /// <summary>
    /// Sets <c>ops[i].Exchange</c> for the records <paramref name="keep"/> asks for, from the last attempt's
    /// exchange <paramref name="sent"/> (null when nothing was captured); <paramref name="items"/>[i] is what was sent for ops[i].
    /// </summary>
    public static void Keep<T>(ExchangeKeeping keep, HttpExchange sent, IReadOnlyList<JournalOperation> ops, IReadOnlyList<T> items, DxpUploadResponse answer, string submissionToken)
    {
        if (sent == null || keep == ExchangeKeeping.None) return;
        Dictionary<string, DxpRecordResult> byId = null;
        if (answer?.Content != null)
        {
            byId = new Dictionary<string, DxpRecordResult>(StringComparer.Ordinal);
            foreach (var r in answer.Content)
                if (r?.LocalId != null && !byId.ContainsKey(r.LocalId)) byId[r.LocalId] = r;
        }
        var secrets = string.IsNullOrEmpty(submissionToken) ? Array.Empty<string>() : new[] { submissionToken };
        for (var i = 0; i < ops.Count && i < items.Count; i++)
        {
            var op = ops[i];
            if (keep != ExchangeKeeping.All && op.Outcome != JournalOutcome.Failed && op.Outcome != JournalOutcome.InDoubt) continue;
            DxpRecordResult own = null;
            if (byId != null && op.Key != null) byId.TryGetValue(op.Key, out own);
            op.Exchange = ForRecord(sent, JToken.FromObject(items[i], Serializer), i, items.Count, own, secrets);
        }
    }

    private static HttpExchange ForRecord(HttpExchange sent, JToken item, int index, int count, DxpRecordResult own, string[] secrets)
    {
        var note = (count > 1 ? $"this record's item {index + 1} of the {count} in the request" + (own != null ? ", and its result" : "") : "") +
                   (sent.Note != null ? (count > 1 ? "; " : "") + sent.Note : "");
        return new HttpExchange
        {
            Timestamp = sent.Timestamp,
            Method = sent.Method,
            Uri = sent.Uri,
            Attempt = sent.Attempt,
            RequestHeaders = new Dictionary<string, string>(sent.RequestHeaders, StringComparer.OrdinalIgnoreCase),
            RequestBody = ExchangeRedactor.Json(new JObject { ["submissionToken"] = ExchangeRedactor.Mask, ["content"] = new JArray(item) }, secrets),
            StatusCode = sent.StatusCode,
            ResponseHeaders = new Dictionary<string, string>(sent.ResponseHeaders, StringComparer.OrdinalIgnoreCase),
            ResponseBody = own != null
                ? ExchangeRedactor.Json(new JObject { ["submissionToken"] = ExchangeRedactor.Mask, ["content"] = new JArray(JToken.FromObject(own, Serializer)) }, secrets)
                : sent.ResponseBody,
            Note = note.Length == 0 ? null : note,
        };
    }
}
