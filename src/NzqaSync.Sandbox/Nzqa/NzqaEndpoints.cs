using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NzqaSync.Sandbox.Esl;

namespace NzqaSync.Sandbox.Nzqa;

/// <summary>The emulated NZQA SMS API under /nzqa/v1 (all routes are our assumption; see docs/api-contract.md).</summary>
public static class NzqaEndpoints
{
    public const int MaxBatchItems = 100;
    public const int MaxPageSize = 5000;
    public const int DefaultPageSize = 500;
    private const string Base = "/nzqa/v1";

    private delegate List<NzqaItemResult> BatchOperation(int provider, IReadOnlyList<BatchItem> items);

    public static void MapNzqaEndpoints(this WebApplication app, SandboxState state)
    {
        var g = app.MapGroup(Base);
        var json = SandboxProblems.Json;

        g.MapGet("/standards", (HttpContext ctx) =>
        {
            int.TryParse(ctx.Request.Headers["EID"].ToString(), out var eid);
            if (Authorize(ctx, state, eid, requireProvider: false) is { } denied) return denied;
            if (Paging(ctx) is not (int page, int size)) return BadPaging();
            var all = state.Nzqa.Catalogue;
            var rows = new List<NzqaStandard>();
            for (var i = (page - 1) * size; i < all.Count && rows.Count < size; i++) rows.Add(all[i]);
            return Results.Json(new { page, pageSize = size, totalCount = all.Count, results = rows }, json);
        });

        g.MapGet("/providers/{p:int}", (HttpContext ctx, int p) =>
            Authorize(ctx, state, p) ?? Results.Json(state.Nzqa.Provider(p), json));

        g.MapGet("/providers/{p:int}/enrolments", (HttpContext ctx, int p) =>
        {
            if (Authorize(ctx, state, p) is { } denied) return denied;
            if (Paging(ctx) is not (int page, int size)) return BadPaging();
            var (total, rows) = state.Nzqa.EnrolmentPage(p, page, size);
            return Results.Json(new { page, pageSize = size, totalCount = total, results = rows }, json);
        });

        g.MapGet("/providers/{p:int}/learners", (HttpContext ctx, int p) =>
        {
            if (Authorize(ctx, state, p) is { } denied) return denied;
            if (Paging(ctx) is not (int page, int size)) return BadPaging();
            var (total, rows) = state.Nzqa.LearnerPage(p, page, size);
            return Results.Json(new { page, pageSize = size, totalCount = total, results = rows }, json);
        });

        g.MapGet("/providers/{p:int}/standards", (HttpContext ctx, int p) =>
        {
            if (Authorize(ctx, state, p) is { } denied) return denied;
            if (Paging(ctx) is not (int page, int size)) return BadPaging();
            int? year = null;
            var y = ctx.Request.Query["academicYear"].ToString();
            if (y.Length > 0)
            {
                if (!int.TryParse(y, out var yy)) return SandboxProblems.Result(400, "BAD_REQUEST", "Bad academicYear", $"academicYear '{y}' is not a year.");
                year = yy;
            }
            var (total, rows) = state.Nzqa.EntryPage(p, year, page, size);
            return Results.Json(new { page, pageSize = size, totalCount = total, results = rows }, json);
        });

        MapBatch(g, state, "POST", "/providers/{p:int}/enrolments", state.Nzqa.CreateEnrolments);
        MapBatch(g, state, "PATCH", "/providers/{p:int}/enrolments", state.Nzqa.PatchEnrolments);
        MapBatch(g, state, "POST", "/providers/{p:int}/enrolments/leaving", state.Nzqa.RecordLeaving);
        MapBatch(g, state, "POST", "/providers/{p:int}/learners", state.Nzqa.CreateLearners);
        MapBatch(g, state, "PATCH", "/providers/{p:int}/learners", state.Nzqa.PatchLearners);
        MapBatch(g, state, "POST", "/providers/{p:int}/standards/entries", state.Nzqa.CreateEntries);
        MapBatch(g, state, "PUT", "/providers/{p:int}/standards/results", state.Nzqa.PutResults);
        MapBatch(g, state, "POST", "/providers/{p:int}/standards/withdrawals", state.Nzqa.Withdraw);
    }

    private static void MapBatch(RouteGroupBuilder g, SandboxState state, string method, string pattern, BatchOperation operation)
    {
        var route = $"{method} {Base}{pattern.Replace(":int", "")}";
        g.MapMethods(pattern, new[] { method }, async (HttpContext ctx, int p) =>
        {
            state.Nzqa.CountWriteCall(route);
            if (Authorize(ctx, state, p) is { } denied) return denied;
            var (items, problem) = await ReadItems(ctx);
            if (problem != null) return problem;
            var results = operation(p, items);
            state.Nzqa.CountWriteItems(route, items.Count);
            return Results.Json(new { results }, SandboxProblems.Json);
        });
    }

    private static async Task<(List<BatchItem> Items, IResult Problem)> ReadItems(HttpContext ctx)
    {
        JsonDocument doc;
        try
        {
            Stream body = ctx.Request.Body;
            if (string.Equals(ctx.Request.Headers.ContentEncoding.ToString(), "gzip", StringComparison.OrdinalIgnoreCase))
                body = new GZipStream(body, CompressionMode.Decompress);
            doc = await JsonDocument.ParseAsync(body, default, ctx.RequestAborted);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return (null, SandboxProblems.Result(400, "BAD_REQUEST", "Body is not JSON", $"The request body could not be read as JSON: {ex.Message}"));
        }
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var arr) || arr.ValueKind != JsonValueKind.Array)
            return (null, SandboxProblems.Result(400, "BAD_REQUEST", "Body has no items", "Send { \"items\": [ ... ] }."));
        var count = arr.GetArrayLength();
        if (count > MaxBatchItems)
            return (null, SandboxProblems.Result(400, "BATCH_TOO_LARGE", "Too many items", $"{count} items sent; at most {MaxBatchItems} per request."));
        var items = new List<BatchItem>(count);
        foreach (var e in arr.EnumerateArray()) items.Add(new BatchItem(e));
        return (items, null);
    }

    private static (int, int)? Paging(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var page = 1;
        var size = DefaultPageSize;
        if (q["page"].Count > 0 && (!int.TryParse(q["page"], out page) || page < 1)) return null;
        if (q["pageSize"].Count > 0 && (!int.TryParse(q["pageSize"], out size) || size < 1 || size > MaxPageSize)) return null;
        return (page, size);
    }

    private static IResult BadPaging() => SandboxProblems.Result(400, "PAGING_INVALID", "Bad paging",
        $"page must be 1 or more and pageSize from 1 to {MaxPageSize}.");

    /// <summary>401 for a missing, unknown, expired or wrong-scope token; 404 for an unknown provider; 403 when the
    /// token's org, the EID header and the path's provider disagree. Null when the call may proceed.</summary>
    private static IResult Authorize(HttpContext ctx, SandboxState state, int provider, bool requireProvider = true)
    {
        var problem = state.Tokens.Check(ctx.Request.Headers.Authorization.ToString(), SandboxState.NzqaScope, provider);
        if (problem is TokenProblem.Missing or TokenProblem.Unknown or TokenProblem.Expired or TokenProblem.WrongScope)
        {
            ctx.Response.Headers.WWWAuthenticate = problem == TokenProblem.Expired
                ? "Bearer error=\"invalid_token\", error_description=\"The token expired\""
                : "Bearer";
            var (code, detail) = problem switch
            {
                TokenProblem.Missing => ("TOKEN_MISSING", "Send Authorization: Bearer <token> from ESL."),
                TokenProblem.Expired => ("TOKEN_EXPIRED", "The token expired; ask ESL for a new one."),
                TokenProblem.WrongScope => ("TOKEN_WRONG_SCOPE", $"The token was not issued for the NZQA scope {SandboxState.NzqaScope}."),
                _ => ("TOKEN_INVALID", "The token is not one ESL issued."),
            };
            return SandboxProblems.Result(401, code, "Authorization failed", detail);
        }
        if (requireProvider && state.Nzqa.Provider(provider) == null)
            return SandboxProblems.Result(404, "PROVIDER_UNKNOWN", "Unknown provider", $"Provider {provider} is not a school known to NZQA.");
        var eid = ctx.Request.Headers["EID"].ToString();
        if (eid != provider.ToString())
            return SandboxProblems.Result(403, "PROVIDER_MISMATCH", "Provider mismatch", string.IsNullOrEmpty(eid)
                ? "The EID header is missing: send your provider number."
                : $"The EID header ({eid}) does not match the provider in the path ({provider}).");
        if (problem == TokenProblem.WrongOrganisation)
            return SandboxProblems.Result(403, "PROVIDER_MISMATCH", "Provider mismatch", $"The token was issued for another organisation, not provider {provider}.");
        return null;
    }
}
