using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Newtonsoft.Json;
using NzqaSync.Journal;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NzqaSync.Api;

/// <summary>
/// Every HTTP call of one connection goes through here: a bearer token and the EID header on each attempt,
/// pacing under the service's announced rate limit (<see cref="RateLimitPacer"/>), the connection's
/// <see cref="RetryPolicy"/>, and one fresh token after a 401. Other 4xx are never retried and a 3xx is never
/// followed (it is an error naming where it pointed). Retry notes are queued for
/// the cmdlet to write on the pipeline thread.
/// </summary>
public sealed class ResilientSender
{
    private readonly HttpClient _http;
    private readonly string _service;
    private readonly EslTokenSource _tokens;
    private readonly string _eid;
    private readonly ResilienceSettings _settings;
    private readonly RetryPolicy _policy;
    private volatile string _closed;

    public ResilientSender(HttpClient http, string service, EslTokenSource tokens, string eid, ResilienceSettings settings, RateLimitPacer pacer = null,
        ConcurrentQueue<string> notes = null)
    {
        Pacer = pacer ?? new RateLimitPacer();
        _http = http;
        _service = service;
        _tokens = tokens;
        _eid = eid;
        _settings = settings ?? new ResilienceSettings();
        Notes = notes ?? new ConcurrentQueue<string>();
        _policy = new RetryPolicy(service, _settings, Notes);
    }

    /// <summary>Paces every attempt under the service's announced rate limit (learned from its answers).</summary>
    public RateLimitPacer Pacer { get; }

    /// <summary>Retry and re-authentication notes for -Verbose; drained by the cmdlet on its own thread.</summary>
    public ConcurrentQueue<string> Notes { get; }

    /// <summary>The connection was disposed: every later call fails at once, as a request that was never sent.</summary>
    internal void Close(string connection) => _closed = connection ?? _service;

    /// <summary>
    /// Every attempt's exchange, redacted, while a cmdlet that runs with -Debug listens; the cmdlet writes them
    /// with WriteDebug on its pipeline thread (never from here, never from a retry callback).
    /// </summary>
    public ConcurrentQueue<HttpExchange> DebugExchanges { get; } = new ConcurrentQueue<HttpExchange>();

    private int _debugListeners;

    /// <summary>Starts queueing exchanges for -Debug until the returned handle is disposed.</summary>
    public IDisposable ListenForDebug()
    {
        Interlocked.Increment(ref _debugListeners);
        return new DebugListener(this);
    }

    private sealed class DebugListener : IDisposable
    {
        private ResilientSender _sender;
        public DebugListener(ResilientSender sender) => _sender = sender;
        public void Dispose()
        {
            var sender = Interlocked.Exchange(ref _sender, null);
            if (sender != null && Interlocked.Decrement(ref sender._debugListeners) == 0)
                while (sender.DebugExchanges.TryDequeue(out _)) { }
        }
    }

    private bool Capturing => ExchangeCapture.Current != null || Volatile.Read(ref _debugListeners) > 0;

    private void Record(HttpRequestMessage request, byte[] sentBody, HttpResponseMessage response, string failure, int attempt)
    {
        var capture = ExchangeCapture.Current;
        var debug = Volatile.Read(ref _debugListeners) > 0;
        if (capture == null && !debug) return;
        var exchange = ExchangeRedactor.Capture(request, sentBody, response, failure, attempt);
        capture?.Add(exchange);
        if (debug) DebugExchanges.Enqueue(exchange);
    }

    /// <summary>Sends the request <paramref name="build"/> makes (once per attempt) and returns a successful response.</summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        try
        {
            return await SendOpenAsync(build, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException ex) when (_closed != null)
        {
            // Closed while this call was starting: HttpClient refuses before anything goes on the wire.
            throw new ConnectionClosedException(_service, _closed, ex);
        }
    }

    private async Task<HttpResponseMessage> SendOpenAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var describe = "";
        var attempts = 0;
        for (var authAttempt = 0; ; authAttempt++)
        {
            if (_closed != null) throw new ConnectionClosedException(_service, _closed);
            var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                response = await _policy.Pipeline.ExecuteAsync(async ct =>
                {
                    var request = build();
                    describe = $"{request.Method} {request.RequestUri.AbsolutePath}";
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.TryAddWithoutValidation("EID", _eid);
                    var ticket = await Pacer.AcquireAsync(ct).ConfigureAwait(false);
                    var attempt = Interlocked.Increment(ref attempts);
                    var sentBody = Capturing ? ExchangeRedactor.ReadBytes(request.Content) : null;
                    HttpResponseMessage answer;
                    try
                    {
                        answer = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException)
                    {
                        Record(request, sentBody, null, "no answer: " + RetryPolicy.Describe(ex), attempt);
                        throw;
                    }
                    Pacer.Observe(ticket, answer);
                    Record(request, sentBody, answer, null, attempt);
                    return answer;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TimeoutRejectedException || ex is OperationCanceledException)
            {
                throw new ServiceException(_service, null, null, $"{describe}: {RetryPolicy.Describe(ex)}", ex) { OutcomeUnknown = true };
            }

            if (response.IsSuccessStatusCode) return response;
            if (RetryPolicy.IsRedirect(response))
                using (response)
                    throw RetryPolicy.Redirected(_service, response, describe);
            if (response.StatusCode == HttpStatusCode.Unauthorized && authAttempt == 0)
            {
                response.Dispose();
                _tokens.Invalidate(token);
                Notes.Enqueue($"{_service} answered 401 to {describe}; asking ESL for a fresh token and trying once more.");
                continue;
            }
            using (response)
                throw await ToExceptionAsync(response).ConfigureAwait(false);
        }
    }

    public async Task<T> SendJsonAsync<T>(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using (var response = await SendAsync(build, cancellationToken).ConfigureAwait(false))
        {
            // Straight from the (already buffered) body: a page of 5,000 records is ~1.5 MB, which as one string
            // would be a large-object-heap allocation per page on top of the records. Same reading as
            // JsonConvert.DeserializeObject: the settings, and nothing but whitespace after the value.
            var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            try
            {
                using (var text = new System.IO.StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024))
                using (var reader = new JsonTextReader(text))
                {
                    var serializer = JsonSerializer.CreateDefault(JsonSettings.Api);
                    serializer.CheckAdditionalContent = true;
                    return serializer.Deserialize<T>(reader);
                }
            }
            catch (JsonException ex)
            {
                throw new ServiceException(_service, response.StatusCode, "UnreadableResponse", $"the answer to {response.RequestMessage?.RequestUri?.AbsolutePath} is not the JSON expected: {ex.Message}", ex);
            }
        }
    }

    private async Task<ServiceException> ToExceptionAsync(HttpResponseMessage response)
    {
        var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        ProblemDetails problem = null;
        try { problem = JsonConvert.DeserializeObject<ProblemDetails>(body, JsonSettings.Api); } catch (JsonException) { }
        var code = problem?.FirstCode;
        var text = problem?.Detail ?? problem?.Title;
        if (string.IsNullOrEmpty(text) && problem?.Errors != null && problem.Errors.Count > 0)
            text = string.Join("; ", problem.Errors.Select(e => $"{e.Key}: {JsonConvert.SerializeObject(e.Value)}"));
        if (string.IsNullOrEmpty(text) && problem == null && !string.IsNullOrWhiteSpace(body) && body.Length < 500) text = body.Trim();
        return new ServiceException(_service, response.StatusCode, code, text) { ProblemErrors = ProblemErrors(problem) };
    }

    /// <summary>The problem's "errors" object as key → messages (DXP CV1 keys them "content[i].field").</summary>
    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ProblemErrors(ProblemDetails problem)
    {
        var map = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (problem?.Errors == null) return map;
        foreach (var e in problem.Errors)
        {
            var messages = e.Value is Newtonsoft.Json.Linq.JArray a ? a.Select(t => t.ToString()).ToList()
                : e.Value == null ? new List<string>() : new List<string> { e.Value.ToString() };
            map[e.Key] = messages;
        }
        return map;
    }
}
