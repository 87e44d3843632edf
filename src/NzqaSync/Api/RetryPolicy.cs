using System.Collections.Concurrent;
using System.Net.Http;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace NzqaSync.Api;

/// <summary>
/// The retry rules every HTTP call of a connection follows — API calls and the ESL token request alike: a
/// per-attempt timeout, 429 honouring Retry-After, transient 5xx, timeouts and dropped connections retried with
/// jittered backoff; other 4xx (and 3xx, which are never followed) are not retried. The pipeline is rebuilt when
/// the connection's <see cref="ResilienceSettings"/> change, so a change made after connecting applies to the next call.
/// </summary>
internal sealed class RetryPolicy
{
    private readonly string _service;
    private readonly ResilienceSettings _settings;
    private readonly ConcurrentQueue<string> _notes;
    private readonly object _gate = new object();
    private (int, TimeSpan, TimeSpan, TimeSpan) _builtFor;
    private ResiliencePipeline<HttpResponseMessage> _built;

    public RetryPolicy(string service, ResilienceSettings settings, ConcurrentQueue<string> notes)
    {
        _service = service;
        _settings = settings ?? new ResilienceSettings();
        _notes = notes ?? new ConcurrentQueue<string>();
    }

    public ResilienceSettings Settings => _settings;

    public ResiliencePipeline<HttpResponseMessage> Pipeline
    {
        get
        {
            var key = (_settings.MaxRetryAttempts, _settings.BaseDelay, _settings.MaxDelay, _settings.AttemptTimeout);
            lock (_gate)
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

    public static string Describe(Exception ex) => ex switch
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
                    _notes.Enqueue($"{_service}: {what}; retry {args.AttemptNumber + 1} of {settings.MaxRetryAttempts} in {args.RetryDelay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s.");
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

    /// <summary>A 3xx answer: never followed (the body and the EID header would go wherever it points).</summary>
    public static bool IsRedirect(HttpResponseMessage response) => (int)response.StatusCode >= 300 && (int)response.StatusCode < 400;

    /// <summary>The error for a redirect, naming where it pointed.</summary>
    public static ServiceException Redirected(string service, HttpResponseMessage response, string describe)
    {
        var location = response.Headers.Location;
        if (location != null && !location.IsAbsoluteUri && response.RequestMessage?.RequestUri != null)
            location = new Uri(response.RequestMessage.RequestUri, location);
        var where = location == null ? "no Location" : "'" + location.GetLeftPart(UriPartial.Path) + "'";
        return new ServiceException(service, response.StatusCode, "Redirected",
            $"{describe} was redirected to {where}. NzqaSync does not follow redirects (the request body would be sent to another address); " +
            "check -BaseUri and -TokenUri are the service's own addresses.");
    }
}
