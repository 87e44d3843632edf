using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using NzqaSync.Journal;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NzqaSync.Api
{
    /// <summary>
    /// Every HTTP call of one connection goes through here: a bearer token and the EID header on each attempt,
    /// pacing under the service's announced rate limit (<see cref="RateLimitPacer"/>), one Polly pipeline (429 honouring Retry-After, transient 5xx, timeouts and dropped connections retried with
    /// jittered backoff), and one fresh token after a 401. Other 4xx are never retried. Retry notes are queued for
    /// the cmdlet to write on the pipeline thread.
    /// </summary>
    public sealed class ResilientSender
    {
        private readonly HttpClient _http;
        private readonly string _service;
        private readonly EslTokenSource _tokens;
        private readonly string _eid;
        private readonly ResilienceSettings _settings;
        private readonly object _pipelineGate = new object();
        private (int, TimeSpan, TimeSpan, TimeSpan) _builtFor;
        private ResiliencePipeline<HttpResponseMessage> _built;

        public ResilientSender(HttpClient http, string service, EslTokenSource tokens, string eid, ResilienceSettings settings, RateLimitPacer pacer = null)
        {
            Pacer = pacer ?? new RateLimitPacer();
            _http = http;
            _service = service;
            _tokens = tokens;
            _eid = eid;
            _settings = settings ?? new ResilienceSettings();
        }

        /// <summary>
        /// The retry pipeline for the connection's current <see cref="ResilienceSettings"/>: the settings object is the
        /// connection's own (Connection.Resilience), so a change made after connecting takes effect on the next call.
        /// </summary>
        private ResiliencePipeline<HttpResponseMessage> Pipeline
        {
            get
            {
                var key = (_settings.MaxRetryAttempts, _settings.BaseDelay, _settings.MaxDelay, _settings.AttemptTimeout);
                lock (_pipelineGate)
                {
                    if (_built == null || !_builtFor.Equals(key))
                    {
                        _built = Build(_settings);
                        _builtFor = key;
                    }
                    return _built;
                }
            }
        }

        /// <summary>Paces every attempt under the service's announced rate limit (learned from its answers).</summary>
        public RateLimitPacer Pacer { get; }

        /// <summary>Retry and re-authentication notes for -Verbose; drained by the cmdlet on its own thread.</summary>
        public ConcurrentQueue<string> Notes { get; } = new ConcurrentQueue<string>();

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
            var describe = "";
            var attempts = 0;
            for (var authAttempt = 0; ; authAttempt++)
            {
                var token = await _tokens.GetAsync(cancellationToken).ConfigureAwait(false);
                HttpResponseMessage response;
                try
                {
                    response = await Pipeline.ExecuteAsync(async ct =>
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
                            Record(request, sentBody, null, "no answer: " + Describe(ex), attempt);
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
                    throw new ServiceException(_service, null, null, $"{describe}: {Describe(ex)}", ex) { OutcomeUnknown = true };
                }

                if (response.IsSuccessStatusCode) return response;
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
                var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                try
                {
                    return JsonConvert.DeserializeObject<T>(body, JsonSettings.Api);
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

        private static string Describe(Exception ex) => ex switch
        {
            TimeoutRejectedException _ => "no answer within the attempt timeout",
            OperationCanceledException _ => "the request timed out",
            _ => ex.GetBaseException().Message,
        };

        private ResiliencePipeline<HttpResponseMessage> Build(ResilienceSettings settings) =>
            new ResiliencePipelineBuilder<HttpResponseMessage>()
                .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
                {
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.BaseDelay,
                    MaxDelay = settings.MaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(IsTransient(args.Outcome, settings)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result)),
                    OnRetry = args =>
                    {
                        var what = args.Outcome.Result != null
                            ? $"{(int)args.Outcome.Result.StatusCode} {args.Outcome.Result.StatusCode}"
                            : Describe(args.Outcome.Exception);
                        Notes.Enqueue($"{_service}: {what}; retry {args.AttemptNumber + 1} of {settings.MaxRetryAttempts} in {args.RetryDelay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
                        return default;
                    },
                })
                .AddTimeout(settings.AttemptTimeout)
                .Build();

        private static bool IsTransient(Outcome<HttpResponseMessage> outcome, ResilienceSettings settings)
        {
            if (outcome.Exception != null)
                return outcome.Exception is HttpRequestException || outcome.Exception is TimeoutRejectedException
                       || (outcome.Exception is OperationCanceledException && !(outcome.Exception is TaskCanceledException tce && tce.CancellationToken.IsCancellationRequested));
            var response = outcome.Result;
            if (response == null) return false;
            var status = (int)response.StatusCode;
            if (status == 429)
            {
                var wait = RetryAfter(response);
                return wait == null || wait <= settings.MaxRetryAfter;
            }
            return status == 500 || status == 502 || status == 503 || status == 504 || status == 408;
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response?.Headers?.RetryAfter;
            if (header == null) return null;
            if (header.Delta != null) return header.Delta;
            if (header.Date != null)
            {
                var wait = header.Date.Value - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
