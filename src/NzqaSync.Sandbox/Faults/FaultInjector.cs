namespace NzqaSync.Sandbox.Faults;

/// <summary>The fault settings as GET/PUT /sandbox/faults reads and writes them.</summary>
public sealed class FaultSettings
{
    /// <summary>Milliseconds added before each call is handled (--latency-ms).</summary>
    public int LatencyMs { get; set; }
    /// <summary>Calls per second per provider before 429 RATE_LIMITED with Retry-After; 0 = unlimited (--rate-limit).</summary>
    public int RateLimitPerSecond { get; set; }
    /// <summary>The next N calls answer 429 with Retry-After: 1 (--burst-429).</summary>
    public int Burst429 { get; set; }
    /// <summary>Fraction (0–1) of calls answered 503 (--fraction-5xx).</summary>
    public double Fraction5xx { get; set; }
    /// <summary>Fraction (0–1) of calls whose connection is aborted before the handler runs: nothing changes (--drop-before).</summary>
    public double DropBeforeCommitFraction { get; set; }
    /// <summary>Fraction (0–1) of calls that run and commit, then lose the response: the connection is aborted (--drop-after).</summary>
    public double DropAfterCommitFraction { get; set; }
    /// <summary>Milliseconds the response waits after the handler has committed (--slow-response-ms).</summary>
    public int SlowResponseMs { get; set; }
    /// <summary>When true the faults also apply to the ESL token endpoint.</summary>
    public bool IncludeTokenEndpoint { get; set; }

    public FaultSettings Clone() => (FaultSettings)MemberwiseClone();
}

/// <summary>What the fault middleware does to one call.</summary>
public enum FaultAction { None, RateLimited, Burst429, ServiceUnavailable, DropBeforeCommit, DropAfterCommit }

/// <summary>What the rate limiter tells the caller in RateLimit-* headers: the limit per window, what is left of the
/// current window after this call, and whole seconds until the window resets. Limit 0 = no limit (no headers).</summary>
public readonly record struct RateStatus(int Limit, int Remaining, int ResetSeconds, int WindowSeconds);

/// <summary>Counts the sandbox keeps of what it answered (GET /sandbox/stats): how a benchmark or test sees the 429s a
/// client met without timing anything.</summary>
public sealed record SandboxStats(long ApiCalls, long RateLimited429, long Injected429, long Injected5xx, long Drops);

/// <summary>Decides which fault (if any) hits each call. Random choices come from one Random seeded by --seed,
/// behind a lock, so a run with the same seed and the same call order sees the same faults.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _random;
    private FaultSettings _settings;
    private readonly Dictionary<string, (long Second, int Count)> _windows = new(StringComparer.Ordinal);
    private long _injected;
    private long _calls, _rateLimited, _burst429, _5xx, _drops;

    public FaultInjector(SandboxOptions options)
    {
        _random = new Random(options.Seed);
        _settings = options.Faults.Clone();
    }

    /// <summary>A copy of the current settings (Burst429 counts down as calls use it).</summary>
    public FaultSettings Current
    {
        get { lock (_gate) return _settings.Clone(); }
    }

    /// <summary>Faults injected so far (429s, 503s and drops).</summary>
    public long InjectedCount { get { lock (_gate) return _injected; } }

    /// <summary>Calls seen and what they were answered, since start or the last <see cref="ResetStats"/>.</summary>
    public SandboxStats Stats
    {
        get { lock (_gate) return new SandboxStats(_calls, _rateLimited, _burst429, _5xx, _drops); }
    }

    public void ResetStats()
    {
        lock (_gate) { _calls = 0; _rateLimited = 0; _burst429 = 0; _5xx = 0; _drops = 0; }
    }

    public void Set(FaultSettings settings)
    {
        Validate(settings);
        lock (_gate)
        {
            _settings = settings.Clone();
            _windows.Clear();
        }
    }

    /// <summary>Applies a change to a copy of the current settings, validates it and makes it current.</summary>
    public FaultSettings Update(Action<FaultSettings> change)
    {
        lock (_gate)
        {
            var next = _settings.Clone();
            change(next);
            Validate(next);
            _settings = next;
            _windows.Clear();
            return next.Clone();
        }
    }

    public void Reset() => Set(new FaultSettings());

    private static void Validate(FaultSettings s)
    {
        static void Fraction(double f, string name)
        {
            if (double.IsNaN(f) || f < 0 || f > 1) throw new ArgumentException($"{name} must be between 0 and 1.");
        }
        Fraction(s.Fraction5xx, "fraction5xx");
        Fraction(s.DropBeforeCommitFraction, "dropBeforeCommitFraction");
        Fraction(s.DropAfterCommitFraction, "dropAfterCommitFraction");
        if (s.LatencyMs < 0 || s.SlowResponseMs < 0 || s.RateLimitPerSecond < 0 || s.Burst429 < 0)
            throw new ArgumentException("latencyMs, slowResponseMs, rateLimitPerSecond and burst429 must not be negative.");
    }

    /// <summary>Chooses this call's fault. <paramref name="retryAfterSeconds"/> is set for 429s; <paramref name="rate"/>
    /// is what the RateLimit-* headers announce (Limit 0 when no limit is on).</summary>
    public FaultAction Decide(string rateKey, out int retryAfterSeconds, out FaultSettings settings, out RateStatus rate)
    {
        var action = Decide(rateKey, out retryAfterSeconds, out settings, out rate, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return action;
    }

    public FaultAction Decide(string rateKey, out int retryAfterSeconds, out FaultSettings settings) =>
        Decide(rateKey, out retryAfterSeconds, out settings, out _);

    private FaultAction Decide(string rateKey, out int retryAfterSeconds, out FaultSettings settings, out RateStatus rate, long nowMs)
    {
        retryAfterSeconds = 0;
        rate = default;
        lock (_gate)
        {
            _calls++;
            settings = _settings.Clone();
            if (_settings.RateLimitPerSecond > 0)
            {
                // Fixed windows of one clock second per provider; the headers say what is left of this one.
                var second = nowMs / 1000;
                var reset = (int)Math.Ceiling(((second + 1) * 1000 - nowMs) / 1000.0);
                _windows.TryGetValue(rateKey, out var w);
                if (w.Second != second) w = (second, 0);
                w.Count++;
                _windows[rateKey] = w;
                rate = new RateStatus(_settings.RateLimitPerSecond, Math.Max(0, _settings.RateLimitPerSecond - w.Count), Math.Max(1, reset), 1);
                if (w.Count > _settings.RateLimitPerSecond)
                {
                    retryAfterSeconds = 1; // the window ends within the next second
                    _injected++;
                    _rateLimited++;
                    return FaultAction.RateLimited;
                }
            }
            if (_settings.Burst429 > 0)
            {
                _settings.Burst429--;
                retryAfterSeconds = 1;
                _injected++;
                _burst429++;
                return FaultAction.Burst429;
            }
            if (_settings.Fraction5xx > 0 && _random.NextDouble() < _settings.Fraction5xx) { _injected++; _5xx++; return FaultAction.ServiceUnavailable; }
            if (_settings.DropBeforeCommitFraction > 0 && _random.NextDouble() < _settings.DropBeforeCommitFraction) { _injected++; _drops++; return FaultAction.DropBeforeCommit; }
            if (_settings.DropAfterCommitFraction > 0 && _random.NextDouble() < _settings.DropAfterCommitFraction) { _injected++; _drops++; return FaultAction.DropAfterCommit; }
            return FaultAction.None;
        }
    }
}
