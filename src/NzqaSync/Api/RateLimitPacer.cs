using System.Net.Http;

namespace NzqaSync.Api;

/// <summary>
/// Client-side pacing for one connection, so a long run stays under the service's rate limit instead of meeting
/// it as a storm of 429s. A token bucket refilled once per window: it holds <c>limit</c> tokens, every request
/// takes one, and when none is left callers wait for the next window. The bucket learns from the answers:
/// <c>RateLimit-Limit</c> / <c>RateLimit-Policy: N;w=S</c> give its size and window (until then it does not pace),
/// <c>RateLimit-Remaining</c> trims what is left of the current window (other clients of the same provider count
/// too), and a 429 with <c>Retry-After</c> holds every caller until then — and, with no headers to go by, sets
/// the limit to a little under what was sent in that window (as the adaptive client-side limiting of the large
/// cloud SDKs does). The window is stretched a little beyond the announced one (<see cref="Stretch"/>; each 429
/// met while pacing widens it) because the client cannot see where the server's windows start.
/// Thread-safe; waits on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class RateLimitPacer
{
    private const double MaxStretch = 1.3;
    private readonly TimeProvider _time;
    private readonly object _gate = new object();
    private int _limit;                 // 0 = not known: no pacing
    private TimeSpan _window = TimeSpan.FromSeconds(1);
    private long _windowId;
    private bool _windowOpen;
    private long _windowEnds;           // timestamp
    private int _taken;                 // tokens taken in the open window
    private long _pausedUntil;          // timestamp; 0 = not paused
    private long _rateLimitedCount;
    private bool _announced;            // the limit came from RateLimit-* headers (else from 429s, or none)
    private bool _limitedInWindow;      // a 429 was met in the open window

    public RateLimitPacer(TimeProvider time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Requests allowed per window, as last learned (0 = not known yet, so not pacing).</summary>
    public int Limit { get { lock (_gate) return _limit; } }

    /// <summary>The window as announced by the service (before <see cref="Stretch"/>).</summary>
    public TimeSpan Window { get { lock (_gate) return _window; } }

    /// <summary>How much longer than the announced window the client's own window is.</summary>
    public double Stretch { get; private set; } = 1.05;

    /// <summary>429s with Retry-After this pacer has seen.</summary>
    public long RateLimitedCount { get { lock (_gate) return _rateLimitedCount; } }

    /// <summary>A place in a window: what <see cref="Observe"/> needs to tell a stale answer from a current one.</summary>
    public readonly struct Ticket
    {
        internal Ticket(long windowId) { WindowId = windowId; }
        internal long WindowId { get; }
    }

    /// <summary>Waits until a request may go, and takes its token.</summary>
    public async Task<Ticket> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetTimestamp();
                if (_pausedUntil != 0 && now < _pausedUntil)
                {
                    wait = _time.GetElapsedTime(now, _pausedUntil);
                }
                else
                {
                    _pausedUntil = 0;
                    if (!_windowOpen || now >= _windowEnds) OpenWindow(now);
                    if (_limit == 0 || _taken < _limit)
                    {
                        _taken++;
                        return new Ticket(_windowId);
                    }
                    wait = _time.GetElapsedTime(now, _windowEnds);
                }
            }
            if (wait > TimeSpan.Zero)
                await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
            else
                cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Learns from one answer: its RateLimit-* headers, and a 429's Retry-After.</summary>
    public void Observe(Ticket ticket, HttpResponseMessage response)
    {
        if (response == null) return;
        var limit = Header(response, "RateLimit-Limit");
        var remaining = Header(response, "RateLimit-Remaining");
        var windowSeconds = PolicyWindow(response);
        TimeSpan? retryAfter = null;
        if ((int)response.StatusCode == 429)
        {
            var h = response.Headers.RetryAfter;
            if (h?.Delta != null) retryAfter = h.Delta;
            else if (h?.Date != null) retryAfter = h.Date.Value - _time.GetUtcNow();
        }
        Learn(ticket, limit, remaining, windowSeconds, retryAfter);
    }

    /// <summary>What <see cref="Observe"/> does, from values already read: the limit and its window in seconds
    /// (RateLimit-Limit, RateLimit-Policy's w), what is left (RateLimit-Remaining) and a 429's Retry-After.</summary>
    public void Learn(Ticket ticket, int? limit, int? remaining, int? windowSeconds, TimeSpan? retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (limit > 0)
            {
                _limit = limit.Value;
                _announced = true;
                if (windowSeconds > 0) _window = TimeSpan.FromSeconds(windowSeconds.Value);
            }
            // Remaining counts everyone's calls in the server's window; only an answer from this window may trim it.
            if (remaining != null && _limit > 0 && _windowOpen && ticket.WindowId == _windowId)
                _taken = Math.Max(_taken, _limit - remaining.Value);

            if (retryAfter == null) return;
            _rateLimitedCount++;
            _limitedInWindow = true;
            if (!_announced)
            {
                // No headers to go by: a little under what this window sent (multiplicative decrease).
                var sent = _limit == 0 ? _taken : Math.Min(_limit, _taken);
                _limit = Math.Max(1, (int)Math.Floor(sent * 0.9));
            }
            else if (ticket.WindowId == _windowId)
            {
                Stretch = Math.Min(MaxStretch, Stretch + 0.05);  // paced and still limited: the windows drift
            }
            var until = now + (long)(Math.Max(0, retryAfter.Value.TotalSeconds) * _time.TimestampFrequency);
            if (until > _pausedUntil) _pausedUntil = until;
            _windowOpen = false; // the next window starts when the pause ends
        }
    }

    private void OpenWindow(long now)
    {
        // A limit only guessed from 429s grows again while windows fill without one (so one stray 429 does not
        // slow a whole run); an announced limit is taken as given.
        if (!_announced && _limit > 0 && _windowOpen && _taken >= _limit && !_limitedInWindow)
            _limit = (int)Math.Ceiling(_limit * 1.5);
        _limitedInWindow = false;
        _windowId++;
        _windowOpen = true;
        _taken = 0;
        _windowEnds = now + (long)(_window.TotalSeconds * Stretch * _time.TimestampFrequency);
    }

    private static int? Header(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues(name, out var values)) return null;
        var first = values.FirstOrDefault()?.Split(',')[0].Trim();
        return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : (int?)null;
    }

    // RateLimit-Policy: 20;w=1 (the draft's quota policy: 20 requests per 1-second window).
    private static int? PolicyWindow(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("RateLimit-Policy", out var values)) return null;
        foreach (var part in (values.FirstOrDefault() ?? "").Split(';'))
        {
            var kv = part.Trim().Split('=');
            if (kv.Length == 2 && kv[0].Trim() == "w" && int.TryParse(kv[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && w > 0)
                return w;
        }
        return null;
    }
}
