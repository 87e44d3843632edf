using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using static NzqaSync.Tests.Sandbox.SandboxTestClient;

namespace NzqaSync.Tests.Sandbox;

public sealed class SandboxFaultTests
{
    private static Task<HttpResponseMessage> PutFaults(SandboxTestClient c, string json)
        => c.Http.PutAsync("sandbox/faults", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Burst429_answers_the_next_calls_with_429_and_Retry_After_then_recovers()
    {
        await using var c = await StartAsync();
        var token = await c.TokenAsync(257);
        using (var set = await PutFaults(c, "{\"burst429\":2}")) Assert.True(set.IsSuccessStatusCode);
        using (var info = await c.Http.GetAsync("sandbox/info")) Assert.Equal(HttpStatusCode.OK, info.StatusCode); // never faulted

        for (var i = 0; i < 2; i++)
        {
            using var limited = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257");
            Assert.Equal((HttpStatusCode)429, limited.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter.Delta);
            Assert.Equal("RATE_LIMITED", (await ReadJsonAsync(limited)).GetProperty("errorCode").GetString());
        }
        using var ok = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Rate_limit_per_provider_answers_429_beyond_the_limit()
    {
        await using var c = await StartAsync(o => o.Faults.RateLimitPerSecond = 3);
        var token = await c.TokenAsync(257);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var r = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257");
            return (int)r.StatusCode;
        }));
        Assert.Contains(429, statuses);
        Assert.Contains(200, statuses);
        Assert.True(statuses.Count(s => s == 200) <= 6); // at most 3 per one-second window, and 8 calls span at most two windows
    }

    [Fact]
    public async Task Rate_limit_is_announced_in_headers_and_its_429s_are_counted()
    {
        await using var c = await StartAsync(o => o.Faults.RateLimitPerSecond = 3);
        var token = await c.TokenAsync(257);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var r = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257");
            return (Status: (int)r.StatusCode,
                    Limit: r.Headers.GetValues("RateLimit-Limit").Single(),
                    Remaining: int.Parse(r.Headers.GetValues("RateLimit-Remaining").Single()),
                    Policy: r.Headers.GetValues("RateLimit-Policy").Single(),
                    Reset: int.Parse(r.Headers.GetValues("RateLimit-Reset").Single()),
                    RetryAfter: r.Headers.RetryAfter?.Delta);
        }));
        Assert.All(answers, a => Assert.Equal("3", a.Limit));
        Assert.All(answers, a => Assert.Equal("3;w=1", a.Policy));
        Assert.All(answers, a => Assert.InRange(a.Reset, 1, 1));
        Assert.All(answers.Where(a => a.Status == 429), a => { Assert.Equal(0, a.Remaining); Assert.Equal(TimeSpan.FromSeconds(1), a.RetryAfter); });
        Assert.Contains(answers, a => a.Status == 200 && a.Remaining < 3);

        using var stats = await c.Http.GetAsync("sandbox/stats");
        var json = System.Text.Json.JsonDocument.Parse(await stats.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(answers.Count(a => a.Status == 429), json.GetProperty("rateLimited429").GetInt64());
        Assert.True(json.GetProperty("apiCalls").GetInt64() >= 8);
    }

    [Fact]
    public async Task Drop_after_commit_loses_the_answer_but_keeps_the_change_and_drop_before_changes_nothing()
    {
        await using var c = await StartAsync();
        var token = await c.TokenAsync(257);
        var nsn = c.State.Nzqa.Enrolments(257).First(e => e.Status == "Active").Nsn;
        var body = new { items = new[] { new { nsn, yearLevel = 3 } } };

        using (var set = await PutFaults(c, "{\"dropBeforeCommitFraction\":1}")) Assert.True(set.IsSuccessStatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => c.SendAsync(HttpMethod.Patch, "nzqa/v1/providers/257/enrolments", token, "257", body));
        Assert.NotEqual(3, c.State.Nzqa.Enrolment(nsn).YearLevel);

        using (var set = await PutFaults(c, "{\"dropBeforeCommitFraction\":0,\"dropAfterCommitFraction\":1}")) Assert.True(set.IsSuccessStatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => c.SendAsync(HttpMethod.Patch, "nzqa/v1/providers/257/enrolments", token, "257", body));
        Assert.Equal(3, c.State.Nzqa.Enrolment(nsn).YearLevel);

        using (var reset = await c.Http.DeleteAsync("sandbox/faults")) Assert.True(reset.IsSuccessStatusCode);
        var retry = await c.BatchAsync(257, HttpMethod.Patch, "nzqa/v1/providers/257/enrolments", new { nsn, yearLevel = 3 });
        Assert.Equal("Unchanged", Outcome(retry[0])); // the retry after a lost answer does not double anything
    }

    [Fact]
    public async Task Fault_settings_are_validated_and_merged()
    {
        await using var c = await StartAsync(o => o.Faults.LatencyMs = 5);
        using (var bad = await PutFaults(c, "{\"fraction5xx\":2}")) Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var unknown = await PutFaults(c, "{\"nonsense\":1}")) Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var ok = await PutFaults(c, "{\"fraction5xx\":1}");
        var s = await ReadJsonAsync(ok);
        Assert.Equal((5, 1.0), (s.GetProperty("latencyMs").GetInt32(), s.GetProperty("fraction5xx").GetDouble()));
        using var failing = await c.AsProviderAsync(257, HttpMethod.Get, "nzqa/v1/providers/257"); // the token endpoint is not faulted
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
    }

    [Fact]
    public async Task Write_counter_counts_write_calls_and_items_but_not_reads()
    {
        await using var c = await StartAsync();
        using (await c.AsProviderAsync(257, HttpMethod.Get, "nzqa/v1/providers/257/enrolments")) { }
        Assert.Equal(0, c.State.Nzqa.WriteCount);
        var nsn = c.State.Nzqa.Enrolments(257).First().Nsn;
        await c.BatchAsync(257, HttpMethod.Patch, "nzqa/v1/providers/257/enrolments", new { nsn, yearLevel = 12 }, new { nsn, yearLevel = 13 });
        Assert.Equal(1, c.State.Nzqa.WriteCount);
        Assert.Equal(2, c.State.Nzqa.WriteItemCount);
        Assert.Equal(1, c.State.Nzqa.WriteCountsByRoute["PATCH /nzqa/v1/providers/{p}/enrolments"]);
    }
}
