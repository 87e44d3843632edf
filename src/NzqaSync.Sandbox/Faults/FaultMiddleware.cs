using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NzqaSync.Sandbox.Faults;

/// <summary>Injects latency, 429s, 503s and dropped connections into /nzqa/* and /dxp/* calls (and the ESL token
/// endpoint when IncludeTokenEndpoint is set). /sandbox/* is never touched.</summary>
public static class FaultMiddleware
{
    public static void UseSandboxFaults(this WebApplication app, SandboxState state)
    {
        app.Use(async (ctx, next) =>
        {
            var path = ctx.Request.Path;
            var api = path.StartsWithSegments("/nzqa") || path.StartsWithSegments("/dxp");
            var token = path.StartsWithSegments("/esl");
            if (!api && !token) { await next(); return; }

            if (token && !state.Faults.Current.IncludeTokenEndpoint) { await next(); return; }
            var action = state.Faults.Decide(RateKey(ctx), out var retryAfter, out var settings, out var rate);
            if (rate.Limit > 0)
            {
                // Announced on every answer, as the IETF RateLimit header fields draft has them (an assumption: see
                // docs/api-contract.md): the limit per window, what is left of it, whole seconds until it resets.
                var headers = ctx.Response.Headers;
                headers["RateLimit-Limit"] = rate.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["RateLimit-Remaining"] = rate.Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["RateLimit-Reset"] = rate.ResetSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                headers["RateLimit-Policy"] = $"{rate.Limit};w={rate.WindowSeconds}";
            }

            if (settings.LatencyMs > 0) await Task.Delay(settings.LatencyMs, ctx.RequestAborted);
            switch (action)
            {
                case FaultAction.Burst429:
                case FaultAction.RateLimited:
                    ctx.Response.Headers.RetryAfter = retryAfter.ToString();
                    await SandboxProblems.Write(ctx, 429, "RATE_LIMITED", "Too many requests",
                        action == FaultAction.Burst429 ? "Injected 429 (burst429)." : $"More than {settings.RateLimitPerSecond} calls per second for this provider.");
                    return;
                case FaultAction.ServiceUnavailable:
                    await SandboxProblems.Write(ctx, 503, "SERVICE_UNAVAILABLE", "Service unavailable", "Injected 503 (fraction5xx).");
                    return;
                case FaultAction.DropBeforeCommit:
                    ctx.Abort();
                    return;
                case FaultAction.DropAfterCommit:
                    // Run the handler so its state change commits, but never let the answer reach the client.
                    var original = ctx.Response.Body;
                    ctx.Response.Body = new MemoryStream();
                    try { await next(); }
                    finally { ctx.Response.Body = original; }
                    ctx.Abort();
                    return;
            }
            if (settings.SlowResponseMs > 0)
            {
                var delay = settings.SlowResponseMs;
                ctx.Response.OnStarting(() => Task.Delay(delay));
            }
            await next();
        });
    }

    // Per provider: the EID header, else the provider number in the path, else the caller's address.
    private static string RateKey(HttpContext ctx)
    {
        var eid = ctx.Request.Headers["EID"].ToString();
        if (!string.IsNullOrEmpty(eid)) return eid;
        var segments = ctx.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? Array.Empty<string>();
        var i = Array.IndexOf(segments, "providers");
        if (i >= 0 && i + 1 < segments.Length) return segments[i + 1];
        return ctx.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
    }
}
