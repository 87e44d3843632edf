using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;

namespace NzqaSync.Tests.Api;

/// <summary>The pacer on a fake clock: which requests may go now and which wait, never how long anything took.</summary>
public class RateLimitPacerTests
{
    private static HttpResponseMessage Answer(int status, int? limit = null, int? remaining = null, int? window = null, int? retryAfter = null)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status);
        if (limit != null) r.Headers.TryAddWithoutValidation("RateLimit-Limit", limit.ToString());
        if (remaining != null) r.Headers.TryAddWithoutValidation("RateLimit-Remaining", remaining.ToString());
        if (window != null) r.Headers.TryAddWithoutValidation("RateLimit-Policy", $"{limit};w={window}");
        if (limit != null) r.Headers.TryAddWithoutValidation("RateLimit-Reset", "1");
        if (retryAfter != null) r.Headers.TryAddWithoutValidation("Retry-After", retryAfter.ToString());
        return r;
    }

    // Waits released by the fake clock continue on the thread pool: let them land (or not) before counting.
    private static int Done<T>(IReadOnlyCollection<Task<T>> tasks, int expected)
    {
        SpinWait.SpinUntil(() => tasks.Count(t => t.IsCompleted) >= expected, TimeSpan.FromSeconds(10));
        Thread.Sleep(30);
        return tasks.Count(t => t.IsCompleted);
    }

    private static List<Task<RateLimitPacer.Ticket>> Start(RateLimitPacer pacer, int n) =>
        Enumerable.Range(0, n).Select(_ => pacer.AcquireAsync(CancellationToken.None)).ToList();

    [Fact]
    public async Task Before_any_answer_nothing_waits()
    {
        var pacer = new RateLimitPacer(new FakeTime());
        var all = Start(pacer, 500);
        Assert.All(all, t => Assert.True(t.IsCompletedSuccessfully));
        await Task.WhenAll(all);
        Assert.Equal(0, pacer.Limit);
    }

    [Fact]
    public void Announced_limit_lets_that_many_go_per_window_and_the_rest_wait_for_the_next()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        var first = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(first, Answer(200, limit: 20, remaining: 19, window: 1));
        Assert.Equal(20, pacer.Limit);
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Window);

        var next = Start(pacer, 45);
        Assert.Equal(19, Done(next, 19));        // 20 in the first window, one already taken
        time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(19, Done(next, 19));        // the window is not over
        time.Advance(TimeSpan.FromSeconds(0.6));                  // past the (stretched) window
        Assert.Equal(39, Done(next, 39));
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(45, Done(next, 45));
    }

    [Fact]
    public void Remaining_from_other_clients_trims_this_window()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        var first = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(first, Answer(200, limit: 10, remaining: 9, window: 1));
        var second = pacer.AcquireAsync(CancellationToken.None).Result;
        // Someone else used the provider's window too: only 2 left after our second call.
        pacer.Observe(second, Answer(200, limit: 10, remaining: 2, window: 1));
        var next = Start(pacer, 5);
        Assert.Equal(2, Done(next, 2));
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(5, Done(next, 5));
    }

    [Fact]
    public void A_stale_answer_from_an_earlier_window_does_not_hold_up_the_current_one()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        var first = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(first, Answer(200, limit: 5, remaining: 4, window: 1));
        var old = pacer.AcquireAsync(CancellationToken.None).Result;
        time.Advance(TimeSpan.FromSeconds(1.1));
        var now = pacer.AcquireAsync(CancellationToken.None).Result;   // opens a new window
        pacer.Observe(old, Answer(200, limit: 5, remaining: 0, window: 1));
        var next = Start(pacer, 4);
        Assert.Equal(4, Done(next, 4));
    }

    [Fact]
    public void A_429_with_Retry_After_holds_every_caller_until_then()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        var first = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(first, Answer(200, limit: 50, remaining: 49, window: 1));
        var t = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(t, Answer(429, limit: 50, remaining: 0, window: 1, retryAfter: 3));
        var next = Start(pacer, 3);
        time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.Equal(0, Done(next, 0));
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(3, Done(next, 3));
        Assert.Equal(1, pacer.RateLimitedCount);
        Assert.True(pacer.Stretch > 1.05);                      // limited while pacing: the window widens
    }

    [Fact]
    public void A_429_without_headers_teaches_a_limit_a_little_under_what_was_sent()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        var sent = Start(pacer, 30).Select(t => t.Result).ToList();
        pacer.Observe(sent[^1], Answer(429, retryAfter: 1));
        Assert.Equal(27, pacer.Limit);
        var next = Start(pacer, 60);
        Assert.Equal(0, Done(next, 0));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(27, Done(next, 27));
        time.Advance(TimeSpan.FromSeconds(1.1));
        Assert.Equal(60, Done(next, 60));                       // a full window without a 429: the guess grows (27 → 41)
        Assert.Equal(41, pacer.Limit);
    }

    [Fact]
    public void A_429_that_is_not_rate_limiting_teaches_nothing()
    {
        // DXP's 429 DS1 (another upload of the dataset in flight) carries no Retry-After and no RateLimit headers.
        var pacer = new RateLimitPacer(new FakeTime());
        var t = pacer.AcquireAsync(CancellationToken.None).Result;
        pacer.Observe(t, Answer(429));
        Assert.Equal(0, pacer.Limit);
        Assert.All(Start(pacer, 100), x => Assert.True(x.IsCompleted));
    }

    [Fact]
    public async Task A_waiting_caller_can_be_cancelled()
    {
        var time = new FakeTime();
        var pacer = new RateLimitPacer(time);
        pacer.Learn(default, 1, 0, 1, null);
        await pacer.AcquireAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var waiting = pacer.AcquireAsync(cts.Token);
        Assert.False(waiting.IsCompleted);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

/// <summary>A clock that moves only when told; timers fire on Advance.</summary>
internal sealed class FakeTime : TimeProvider
{
    private readonly object _gate = new();
    private long _ticks;
    private readonly List<FakeTimer> _timers = new();

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() { lock (_gate) return _ticks; }
    public override DateTimeOffset GetUtcNow() { lock (_gate) return new DateTimeOffset(2026, 5, 11, 0, 0, 0, TimeSpan.Zero).AddTicks(_ticks); }

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _ticks += by.Ticks;
            due = _timers.Where(t => t.DueAt <= _ticks).ToList();
            foreach (var t in due) _timers.Remove(t);
        }
        foreach (var t in due) t.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class FakeTimer : ITimer
    {
        private readonly FakeTime _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        public long DueAt;
        public FakeTimer(FakeTime owner, TimerCallback callback, object? state) { _owner = owner; _callback = callback; _state = state; }
        public void Fire() => _callback(_state);
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                _owner._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                DueAt = _owner._ticks + dueTime.Ticks;
                _owner._timers.Add(this);
            }
            if (dueTime == TimeSpan.Zero) { lock (_owner._gate) _owner._timers.Remove(this); Fire(); }
            return true;
        }
        public void Dispose() { lock (_owner._gate) _owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return default; }
    }
}
