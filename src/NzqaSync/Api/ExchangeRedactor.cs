using System.IO.Compression;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Journal;

namespace NzqaSync.Api;

/// <summary>
/// The one place that turns an HTTP request and response into something that may be logged: the Authorization
/// header and any header, query parameter, form field or JSON property whose name says token, password, secret
/// or key is replaced by [redacted]; a DXP submission token in a route (contents/{token}) too; and every secret
/// value seen in the request (the bearer token, a submission token) is scrubbed wherever else it appears.
/// </summary>
public static class ExchangeRedactor
{
    public const string Mask = "[redacted]";

    /// <summary>The longest body kept; the rest is cut with a note (support needs the start, not megabytes).</summary>
    public const int MaxBody = 16 * 1024;

    private static readonly Regex SecretName = new Regex(@"token|password|passwd|secret|authorization|cookie|api[-_]?key|credential", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex SecretValueName = new Regex(@"(token|password|secret)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex TokenInRoute = new Regex(@"(/contents/)[^/?#]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static bool IsSecretName(string name) => !string.IsNullOrEmpty(name) && SecretName.IsMatch(name);

    /// <summary>One attempt: the request as sent, and its response (null when none came, with <paramref name="failure"/>).</summary>
    public static HttpExchange Capture(HttpRequestMessage request, byte[] requestBody, HttpResponseMessage response, string failure, int attempt)
    {
        var secrets = new List<string>();
        var auth = request.Headers.Authorization;
        if (!string.IsNullOrEmpty(auth?.Parameter)) secrets.Add(auth.Parameter);

        var exchange = new HttpExchange
        {
            Timestamp = DateTimeOffset.Now,
            Method = request.Method.Method,
            Attempt = attempt,
            RequestHeaders = Headers(request.Headers, request.Content?.Headers, secrets),
            StatusCode = response == null ? (int?)null : (int)response.StatusCode,
            Note = failure,
        };
        exchange.RequestBody = Body(requestBody, request.Content?.Headers, secrets);
        exchange.Uri = Url(request.RequestUri, secrets);
        if (response != null)
        {
            exchange.ResponseHeaders = Headers(response.Headers, response.Content?.Headers, secrets);
            exchange.ResponseBody = Body(ReadBytes(response.Content), response.Content?.Headers, secrets);
        }
        return Scrub(exchange, secrets);
    }

    /// <summary>A JSON fragment (one record's item or result) redacted by the same rules.</summary>
    public static string Json(JToken token, IEnumerable<string> secrets = null)
    {
        if (token == null) return null;
        var copy = token.DeepClone();
        var found = new List<string>(secrets ?? Enumerable.Empty<string>());
        RedactJson(copy, found);
        return ScrubText(copy.ToString(Formatting.Indented), found);
    }

    /// <summary>Text that may hold a secret value (a URL, a message): every known secret value replaced.</summary>
    public static string ScrubText(string text, IEnumerable<string> secrets)
    {
        if (string.IsNullOrEmpty(text) || secrets == null) return text;
        foreach (var s in secrets.Where(s => !string.IsNullOrEmpty(s) && s.Length >= 6).Distinct().OrderByDescending(s => s.Length))
        {
            text = text.Replace(s, Mask);
            var escaped = Uri.EscapeDataString(s);
            if (escaped != s) text = text.Replace(escaped, Mask);
        }
        return text;
    }

    private static HttpExchange Scrub(HttpExchange e, List<string> secrets)
    {
        e.Uri = ScrubText(e.Uri, secrets);
        e.RequestBody = ScrubText(e.RequestBody, secrets);
        e.ResponseBody = ScrubText(e.ResponseBody, secrets);
        e.Note = ScrubText(e.Note, secrets);
        foreach (var map in new[] { e.RequestHeaders, e.ResponseHeaders })
            foreach (var key in map.Keys.ToList()) map[key] = ScrubText(map[key], secrets);
        return e;
    }

    private static IDictionary<string, string> Headers(HttpHeaders headers, HttpHeaders contentHeaders, List<string> secrets)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in new[] { headers, contentHeaders })
        {
            if (set == null) continue;
            foreach (var h in set)
            {
                var value = string.Join(", ", h.Value);
                if (IsSecretName(h.Key))
                {
                    secrets.Add(value);
                    map[h.Key] = h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase) && value.Contains(" ")
                        ? value.Substring(0, value.IndexOf(' ')) + " " + Mask // the scheme (Bearer) helps support; the credential never
                        : Mask;
                }
                else map[h.Key] = value;
            }
        }
        return map;
    }

    private static string Url(Uri uri, List<string> secrets)
    {
        if (uri == null) return null;
        var text = uri.GetLeftPart(UriPartial.Path);
        var m = TokenInRoute.Match(text);
        if (m.Success) secrets.Add(Uri.UnescapeDataString(m.Value.Substring(m.Groups[1].Length)));
        text = TokenInRoute.Replace(text, "$1" + Mask);
        if (!string.IsNullOrEmpty(uri.Query) && uri.Query.Length > 1)
            text += "?" + string.Join("&", uri.Query.Substring(1).Split('&').Select(pair => RedactPair(pair, secrets)));
        return text;
    }

    private static string RedactPair(string pair, List<string> secrets)
    {
        var eq = pair.IndexOf('=');
        if (eq < 0) return pair;
        var name = Uri.UnescapeDataString(pair.Substring(0, eq));
        if (!IsSecretName(name)) return pair;
        secrets.Add(Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' ')));
        return pair.Substring(0, eq + 1) + Mask;
    }

    /// <summary>A request's body, read before sending (.NET Framework's HttpClient disposes it after).</summary>
    public static byte[] ReadBytes(HttpContent content)
    {
        if (content == null) return null;
        try { return content.ReadAsByteArrayAsync().GetAwaiter().GetResult(); } // buffered already: sent, or read with ResponseContentRead
        catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException || ex is HttpRequestException) { return null; }
    }

    private static string Body(byte[] bytes, HttpContentHeaders headers, List<string> secrets)
    {
        if (bytes == null || bytes.Length == 0) return null;
        var note = "";
        if (headers?.ContentEncoding != null && headers.ContentEncoding.Contains("gzip"))
        {
            try
            {
                using (var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
                using (var plain = new MemoryStream())
                {
                    gz.CopyTo(plain);
                    bytes = plain.ToArray();
                }
                note = "(sent gzip-compressed; shown decompressed)\n";
            }
            catch (InvalidDataException) { return $"[{bytes.Length} bytes of gzip that could not be read]"; }
        }
        var text = Encoding.UTF8.GetString(bytes);
        var media = headers?.ContentType?.MediaType ?? "";
        string shown;
        if (media.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 || text.TrimStart().StartsWith("{") || text.TrimStart().StartsWith("["))
        {
            try
            {
                var json = JToken.Parse(text);
                RedactJson(json, secrets);
                shown = json.ToString(Formatting.Indented);
            }
            catch (JsonException) { shown = text; }
        }
        else if (media.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            shown = string.Join("&", text.Split('&').Select(pair => RedactPair(pair, secrets)));
        }
        else shown = text;
        if (shown.Length > MaxBody) shown = shown.Substring(0, MaxBody) + $"\n[... {shown.Length - MaxBody} more characters not kept]";
        return note + shown;
    }

    private static void RedactJson(JToken token, List<string> secrets)
    {
        switch (token)
        {
            case JObject o:
                foreach (var p in o.Properties().ToList())
                {
                    if (IsSecretName(p.Name) && p.Value.Type != JTokenType.Object && p.Value.Type != JTokenType.Array)
                    {
                        if (p.Value.Type == JTokenType.String && SecretValueName.IsMatch(p.Name)) secrets.Add((string)p.Value);
                        if (p.Value.Type != JTokenType.Null) p.Value = Mask;
                    }
                    else RedactJson(p.Value, secrets);
                }
                break;
            case JArray a:
                foreach (var item in a) RedactJson(item, secrets);
                break;
        }
    }
}
