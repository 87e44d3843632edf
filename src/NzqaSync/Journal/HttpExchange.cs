using Newtonsoft.Json.Linq;

namespace NzqaSync.Journal;

/// <summary>
/// One HTTP request and its answer, already redacted (no token, password, Authorization header or DXP
/// submission token): what a school sends a support desk when NZQA or TEC refuses a record. Kept in the journal
/// for failed and in-doubt records (Get-NzqaSyncLog -IncludeExchange) and written by -Debug for every call.
/// </summary>
public sealed class HttpExchange
{
    public DateTimeOffset Timestamp { get; set; }
    public string Method { get; set; }
    public string Uri { get; set; }
    /// <summary>1 for the first try; more when the call was retried.</summary>
    public int Attempt { get; set; }
    public IDictionary<string, string> RequestHeaders { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public string RequestBody { get; set; }
    /// <summary>The HTTP status code, or null when no answer came (dropped connection, timeout).</summary>
    public int? StatusCode { get; set; }
    public IDictionary<string, string> ResponseHeaders { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public string ResponseBody { get; set; }
    /// <summary>What this copy is, e.g. "this record's item of a batch of 100", or why no answer came.</summary>
    public string Note { get; set; }

    public JObject ToJson()
    {
        var json = new JObject
        {
            ["ts"] = Timestamp.ToString("o", CultureInfo.InvariantCulture),
            ["method"] = Method,
            ["uri"] = Uri,
            ["attempt"] = Attempt,
            ["requestHeaders"] = JObject.FromObject(RequestHeaders ?? new Dictionary<string, string>()),
            ["requestBody"] = RequestBody,
            ["status"] = StatusCode,
            ["responseHeaders"] = JObject.FromObject(ResponseHeaders ?? new Dictionary<string, string>()),
            ["responseBody"] = ResponseBody,
        };
        if (Note != null) json["note"] = Note;
        return json;
    }

    public static HttpExchange FromJson(JToken token)
    {
        if (!(token is JObject json)) return null;
        DateTimeOffset.TryParse((string)json["ts"], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ts);
        return new HttpExchange
        {
            Timestamp = ts,
            Method = (string)json["method"],
            Uri = (string)json["uri"],
            Attempt = (int?)json["attempt"] ?? 1,
            RequestHeaders = Headers(json["requestHeaders"]),
            RequestBody = (string)json["requestBody"],
            StatusCode = (int?)json["status"],
            ResponseHeaders = Headers(json["responseHeaders"]),
            ResponseBody = (string)json["responseBody"],
            Note = (string)json["note"],
        };
    }

    private static IDictionary<string, string> Headers(JToken token)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (token is JObject o)
            foreach (var p in o.Properties()) map[p.Name] = (string)p.Value;
        return map;
    }

    /// <summary>The exchange as text a person can paste into an email to the support desk.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Uri).Append(Attempt > 1 ? $" (attempt {Attempt})" : "").Append('\n');
        foreach (var h in RequestHeaders ?? new Dictionary<string, string>()) text.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
        if (!string.IsNullOrEmpty(RequestBody)) text.Append('\n').Append(RequestBody).Append('\n');
        text.Append("--> ").Append(StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer");
        if (Note != null) text.Append(" (").Append(Note).Append(')');
        text.Append('\n');
        foreach (var h in ResponseHeaders ?? new Dictionary<string, string>()) text.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
        if (!string.IsNullOrEmpty(ResponseBody)) text.Append('\n').Append(ResponseBody).Append('\n');
        return text.ToString();
    }
}
