using System.IO.Compression;
using System.Net.Http;
using System.Net.Http.Headers;
using Newtonsoft.Json;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Api;

/// <summary>The DXP routes the client uses, in one place (see docs/api-contract.md, "TEC DXP provider-based (SDR) API").</summary>
public static class DxpRoutes
{
    public const string Prefix = "submissions/v1.0/";
    public const string Returns = Prefix + "returns";
    public static string Token(string returnId) => Prefix + "token/" + Uri.EscapeDataString(returnId);
    public static string Upload(string dataset) => Prefix + dataset;
    public static string Delete(string dataset) => Prefix + dataset + "/delete";
    public const string Validation = Prefix + "validation";
    public const string ValidationResults = Prefix + "validation/results";
    public const string Reset = Prefix + "reset";
    public static string Contents(string submissionToken) => Prefix + "contents/" + Uri.EscapeDataString(submissionToken);
    /// <summary>Page size for paged reads (the sandbox allows 1–1000).</summary>
    public const int PageSize = 500;
    /// <summary>Page size for GET returns (a provider has a few dozen returns; docs/api-contract.md).</summary>
    public const int ReturnsPageSize = 100;
}

/// <summary>An upload or delete body ready to send: JSON bytes (gzip-compressed or not) and the token inside it.</summary>
public sealed class DxpBody
{
    internal DxpBody(string submissionToken, byte[] bytes, bool gzip, int count, int jsonLength)
    {
        SubmissionToken = submissionToken;
        Bytes = bytes;
        Gzip = gzip;
        Count = count;
        JsonLength = jsonLength;
    }

    public string SubmissionToken { get; }
    public byte[] Bytes { get; }
    public bool Gzip { get; }
    /// <summary>Records in the content.</summary>
    public int Count { get; }
    /// <summary>Bytes of JSON before compression.</summary>
    public int JsonLength { get; }
}

/// <summary>Typed calls to TEC DXP for one EDUMIS (every call through the connection's <see cref="ResilientSender"/>).</summary>
public sealed class DxpClient
{
    /// <summary>DXP's JSON (<see cref="DxpJson"/>).</summary>
    internal static readonly JsonSerializerSettings Json = DxpJson.Settings;

    private static readonly JsonSerializer Serializer = DxpJson.Serializer;
    private readonly ResilientSender _sender;
    private readonly Uri _baseUri;

    public DxpClient(ResilientSender sender, Uri baseUri)
    {
        _sender = sender;
        _baseUri = new Uri(baseUri.ToString().TrimEnd('/') + "/");
    }

    public Uri BaseUri => _baseUri;

    /// <summary>GET returns, every page.</summary>
    public Task<List<DxpReturn>> GetReturnsAsync(bool includeIndicative, CancellationToken ct) =>
        PagedReader.ReadAllAsync(page => GetJsonAsync<PagedResult<DxpReturn>>(Url(DxpRoutes.Returns + "?" + PagedReader.Query(page, DxpRoutes.ReturnsPageSize)
            + "&includeIndicative=" + (includeIndicative ? "true" : "false")), ct), 1, null, ct);

    /// <summary>POST token/{returnId}: the same token while it is valid, else a new one (records kept).</summary>
    public Task<DxpSubmission> RequestSubmissionAsync(string returnId, CancellationToken ct) =>
        SendJsonAsync<DxpSubmission>(() => new HttpRequestMessage(HttpMethod.Post, Url(DxpRoutes.Token(returnId)))
        {
            Content = new ByteArrayContent(Array.Empty<byte>()),
        }, ct);

    /// <summary>Serialises <c>{submissionToken, content}</c>, gzip-compressed when asked. Safe to call off the pipeline thread.</summary>
    public static DxpBody Serialise<T>(string submissionToken, IReadOnlyList<T> content, bool gzip)
    {
        byte[] json;
        using (var stream = new MemoryStream())
        {
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024))
            using (var jw = new JsonTextWriter(writer))
                Serializer.Serialize(jw, new DxpUploadRequest<T>(submissionToken, content));
            json = stream.ToArray();
        }
        if (!gzip) return new DxpBody(submissionToken, json, false, content.Count, json.Length);
        using (var packed = new MemoryStream(json.Length / 4 + 64))
        {
            using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(json, 0, json.Length);
            return new DxpBody(submissionToken, packed.ToArray(), true, content.Count, json.Length);
        }
    }

    /// <summary>PUT {dataset}: one answer per record, by localId.</summary>
    public Task<DxpUploadResponse> UploadAsync(string dataset, DxpBody body, CancellationToken ct) =>
        SendJsonAsync<DxpUploadResponse>(() => new HttpRequestMessage(HttpMethod.Put, Url(DxpRoutes.Upload(dataset))) { Content = Content(body) }, ct);

    /// <summary>POST {dataset}/delete with <c>{submissionToken, content:[{localId}]}</c>.</summary>
    public Task<DxpUploadResponse> DeleteAsync(string dataset, DxpBody body, CancellationToken ct) =>
        SendJsonAsync<DxpUploadResponse>(() => new HttpRequestMessage(HttpMethod.Post, Url(DxpRoutes.Delete(dataset))) { Content = Content(body) }, ct);

    /// <summary>POST validation: starts a run (or returns the one running); 400 VL1 when nothing is uploaded.</summary>
    public Task<DxpValidationRun> StartValidationAsync(string submissionToken, CancellationToken ct) =>
        SendJsonAsync<DxpValidationRun>(() => new HttpRequestMessage(HttpMethod.Post, Url(DxpRoutes.Validation)) { Content = JsonContent(new DxpSubmissionTokenRequest(submissionToken)) }, ct);

    /// <summary>GET validation?submissionToken=: the latest run's status.</summary>
    public Task<DxpValidationRun> GetValidationAsync(string submissionToken, CancellationToken ct) =>
        GetJsonAsync<DxpValidationRun>(Url(DxpRoutes.Validation + "?submissionToken=" + Uri.EscapeDataString(submissionToken)), ct);

    /// <summary>GET validation/results, every page of issues (one request at a time, in page order).</summary>
    public Task<List<DxpValidationResult>> GetValidationResultsAsync(string submissionToken, int pageSize, CancellationToken ct) =>
        PagedReader.ReadAllAsync(page => GetJsonAsync<PagedResult<DxpValidationResult>>(Url(DxpRoutes.ValidationResults + "?submissionToken=" + Uri.EscapeDataString(submissionToken)
            + "&" + PagedReader.Query(page, pageSize)), ct), 1, null, ct);

    /// <summary>POST reset: drops the token and the submission's records, cancels a running validation (204).</summary>
    public async Task ResetAsync(string submissionToken, CancellationToken ct)
    {
        using (await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, Url(DxpRoutes.Reset)) { Content = JsonContent(new DxpSubmissionTokenRequest(submissionToken)) }, ct).ConfigureAwait(false))
        {
        }
    }

    /// <summary>
    /// GET the CSV read-back of one dataset. The submission's <c>submissionContentsUrl</c> is used only when it is on the
    /// same origin as the base URI (the bearer token and EID go with it); otherwise the documented route is.
    /// </summary>
    public async Task<string> GetContentsCsvAsync(DxpSubmission submission, string dataset, CancellationToken ct)
    {
        var url = ContentsUrl(submission, dataset);
        using (var response = await _sender.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), ct).ConfigureAwait(false))
            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
    }

    public Uri ContentsUrl(DxpSubmission submission, string dataset)
    {
        if (Uri.TryCreate(submission.SubmissionContentsUrl, UriKind.Absolute, out var given)
            && string.Equals(given.GetLeftPart(UriPartial.Authority), _baseUri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
            return new Uri(given.ToString().TrimEnd('/') + "/" + dataset + ".csv");
        return Url(DxpRoutes.Contents(submission.SubmissionToken) + "/" + dataset + ".csv");
    }

    private Uri Url(string relative) => new Uri(_baseUri, relative);

    private static HttpContent Content(DxpBody body)
    {
        var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (body.Gzip) content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static HttpContent JsonContent(object value)
    {
        var content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(JsonConvert.SerializeObject(value, Json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private Task<T> GetJsonAsync<T>(Uri url, CancellationToken ct) =>
        SendJsonAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, url), ct);

    private async Task<T> SendJsonAsync<T>(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        using (var response = await _sender.SendAsync(build, ct).ConfigureAwait(false))
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            try
            {
                return JsonConvert.DeserializeObject<T>(body, Json);
            }
            catch (JsonException ex)
            {
                throw new ServiceException("DXP", response.StatusCode, "UnreadableResponse",
                    $"the answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} is not the JSON expected: {ex.Message}", ex);
            }
        }
    }
}
