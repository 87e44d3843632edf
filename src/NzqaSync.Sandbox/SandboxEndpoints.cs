using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NzqaSync.Sandbox.Faults;

namespace NzqaSync.Sandbox;

/// <summary>Sandbox-only routes: the school's SMS export, fault settings and NZQA's clock. Never faulted.</summary>
public static class SandboxEndpoints
{
    public static void MapSandboxEndpoints(this WebApplication app, SandboxState state)
    {
        var json = SandboxProblems.Json;

        app.MapGet("/sandbox/sms-export/{p:int}/{file}", (int p, string file) =>
        {
            var export = state.SmsExport(p);
            var area = file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? file[..^4].ToLowerInvariant() : null;
            var bytes = export == null || area == null ? null : export.ToCsvBytes(area);
            return bytes == null
                ? SandboxProblems.Result(404, "NOT_FOUND", "No such export", $"No SMS export '{file}' for provider {p}. Seeded: {SandboxState.DemoSchool} enrolments.csv, learners.csv, standards.csv.")
                : Results.File(bytes, "text/csv; charset=utf-8", file);
        });

        app.MapGet("/sandbox/faults", () => Results.Json(state.Faults.Current, json));
        app.MapPut("/sandbox/faults", async (HttpContext ctx) =>
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException("Send a JSON object.");
                var next = state.Faults.Update(s => Merge(s, doc.RootElement));
                return Results.Json(next, json);
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
            {
                return SandboxProblems.Result(400, "BAD_REQUEST", "Bad fault settings", ex.Message);
            }
        });
        app.MapDelete("/sandbox/faults", () =>
        {
            state.Faults.Reset();
            return Results.Json(state.Faults.Current, json);
        });
        app.MapGet("/sandbox/stats", () => Results.Json(state.Faults.Stats, json));
        app.MapDelete("/sandbox/stats", () =>
        {
            state.Faults.ResetStats();
            return Results.Json(state.Faults.Stats, json);
        });
        app.MapPost("/sandbox/faults/expire-tokens", () =>
        {
            state.Tokens.ExpireAll();
            return Results.NoContent();
        });

        app.MapGet("/sandbox/clock", () => Results.Json(new { today = state.Today, academicYear = state.AcademicYear }, json));
        app.MapPut("/sandbox/clock", async (HttpContext ctx) =>
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(ctx.Request.Body);
                var t = doc.RootElement.GetProperty("today");
                state.SetToday(t.ValueKind == JsonValueKind.Null ? null : DateOnly.ParseExact(t.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture));
                return Results.Json(new { today = state.Today, academicYear = state.AcademicYear }, json);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or System.Collections.Generic.KeyNotFoundException)
            {
                return SandboxProblems.Result(400, "BAD_REQUEST", "Bad clock", "Send { \"today\": \"yyyy-MM-dd\" } or { \"today\": null }.");
            }
        });
    }

    // PUT /sandbox/faults changes only the fields sent; the others keep their values.
    private static void Merge(FaultSettings s, JsonElement body)
    {
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name.ToLowerInvariant())
            {
                case "latencyms": s.LatencyMs = p.Value.GetInt32(); break;
                case "ratelimitpersecond": s.RateLimitPerSecond = p.Value.GetInt32(); break;
                case "burst429": s.Burst429 = p.Value.GetInt32(); break;
                case "fraction5xx": s.Fraction5xx = p.Value.GetDouble(); break;
                case "dropbeforecommitfraction": s.DropBeforeCommitFraction = p.Value.GetDouble(); break;
                case "dropaftercommitfraction": s.DropAfterCommitFraction = p.Value.GetDouble(); break;
                case "slowresponsems": s.SlowResponseMs = p.Value.GetInt32(); break;
                case "includetokenendpoint": s.IncludeTokenEndpoint = p.Value.GetBoolean(); break;
                default: throw new ArgumentException($"Unknown fault setting '{p.Name}'.");
            }
        }
    }
}
