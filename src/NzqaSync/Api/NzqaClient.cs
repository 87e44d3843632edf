using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Domain;

namespace NzqaSync.Api;

/// <summary>Typed calls to the NZQA SMS API for one provider (routes in <see cref="NzqaRoutes"/>).</summary>
public sealed class NzqaClient
{
    private readonly ResilientSender _sender;
    private readonly Uri _baseUri;

    public NzqaClient(ResilientSender sender, Uri baseUri, int providerNumber)
    {
        _sender = sender;
        _baseUri = new Uri(baseUri.ToString().TrimEnd('/') + "/");
        ProviderNumber = providerNumber;
    }

    public int ProviderNumber { get; }
    public Uri BaseUri => _baseUri;

    public Task<ProviderInfo> GetProviderAsync(CancellationToken ct) =>
        _sender.SendJsonAsync<ProviderInfo>(() => new HttpRequestMessage(HttpMethod.Get, Url(NzqaRoutes.Provider(ProviderNumber))), ct);

    public Task<List<EnrolmentRecord>> GetEnrolmentsAsync(Action<int, int> progress, CancellationToken ct) =>
        GetAllPagesAsync<EnrolmentRecord>(NzqaRoutes.Enrolments(ProviderNumber), null, progress, ct);

    public Task<List<LearnerRecord>> GetLearnersAsync(Action<int, int> progress, CancellationToken ct) =>
        GetAllPagesAsync<LearnerRecord>(NzqaRoutes.Learners(ProviderNumber), null, progress, ct);

    public Task<List<StandardRecord>> GetStandardsAsync(int? academicYear, Action<int, int> progress, CancellationToken ct) =>
        GetAllPagesAsync<StandardRecord>(NzqaRoutes.Standards(ProviderNumber), academicYear == null ? null : "academicYear=" + academicYear.Value.ToString(CultureInfo.InvariantCulture), progress, ct);

    public Task<List<StandardDefinition>> GetCatalogueAsync(CancellationToken ct, Action<int, int> progress = null) =>
        GetAllPagesAsync<StandardDefinition>(NzqaRoutes.Catalogue, null, progress, ct);

    /// <summary>Pages read at once after the first: the total is known from page 1, so the rest go side by side
    /// (the pacer keeps them under the rate limit).</summary>
    public const int PageConcurrency = 4;

    /// <summary>Reads every page of a paged resource; <paramref name="progress"/> gets (read so far, total).</summary>
    public Task<List<T>> GetAllPagesAsync<T>(string route, string query, Action<int, int> progress, CancellationToken ct) =>
        PagedReader.ReadAllAsync(page =>
        {
            var url = Url(route + "?" + PagedReader.Query(page, NzqaRoutes.PageSize) + (string.IsNullOrEmpty(query) ? "" : "&" + query));
            return _sender.SendJsonAsync<PagedResult<T>>(() => new HttpRequestMessage(HttpMethod.Get, url), ct);
        }, PageConcurrency, progress, ct);

    /// <summary>Sends one batch write (at most <see cref="NzqaRoutes.MaxBatchItems"/> items) and returns one result per item.</summary>
    /// <summary>Sends one batch of one change (its verb and route from <see cref="NzqaWrites"/>).</summary>
    public Task<IReadOnlyList<BatchItemResult>> WriteBatchAsync(NzqaWrite write, int provider, IReadOnlyList<JObject> items, CancellationToken ct) =>
        WriteBatchAsync(NzqaWrites.Method(write), NzqaWrites.Route(write, provider), items, ct);

    public async Task<IReadOnlyList<BatchItemResult>> WriteBatchAsync(HttpMethod method, string route, IReadOnlyList<JObject> items, CancellationToken ct)
    {
        if (items.Count > NzqaRoutes.MaxBatchItems) throw new ArgumentException($"At most {NzqaRoutes.MaxBatchItems} items per request.", nameof(items));
        var body = Serialise(new JObject { ["items"] = new JArray(items) });
        var url = Url(route);
        var response = await _sender.SendJsonAsync<BatchResponse>(() => new HttpRequestMessage(method, url)
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json; charset=utf-8" } } },
        }, ct).ConfigureAwait(false);
        var results = response?.Results ?? new List<BatchItemResult>();
        if (results.Count != items.Count)
            throw new ServiceException("NZQA", null, "ResultCountMismatch",
                $"{method} {route} returned {results.Count} results for {items.Count} items; outcomes are unknown.") { OutcomeUnknown = true };
        return results;
    }

    private Uri Url(string relative) => new Uri(_baseUri, relative);

    private static byte[] Serialise(JToken token)
    {
        using (var stream = new MemoryStream())
        {
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
            using (var json = new JsonTextWriter(writer))
                token.WriteTo(json);
            return stream.ToArray();
        }
    }
}
