#nullable enable
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NzqaSync.Sandbox.Esl;

namespace NzqaSync.Sandbox.Dxp;

/// <summary>
/// The TEC DXP provider-based (SDR) submission API, emulated under <c>/dxp/submissions/v1.0/</c> (the client's base URI
/// is <c>{origin}/dxp</c>). See docs/api-contract.md, "TEC DXP provider-based (SDR) API".
/// </summary>
public static class DxpEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapDxpEndpoints(this WebApplication app, SandboxState state)
    {
        var store = state.Dxp;
        var api = app.MapGroup("/dxp/submissions/v1.0");

        api.MapGet("/returns", (HttpContext ctx) =>
        {
            if (Authenticate(ctx, state) is { } denied) return denied.Result;
            var eid = Eid(ctx);
            if (Paging(ctx, 1, 100) is not (int page, int size)) return PagingProblem(ctx);
            var includeIndicative = bool.TryParse(ctx.Request.Query["includeIndicative"], out var inc) && inc;
            var returns = store.Returns(eid).Where(r => includeIndicative || r.ReturnType != "Indicative").ToList();
            return Results.Json(new
            {
                page, pageSize = size, totalCount = returns.Count,
                results = returns.Skip((page - 1) * size).Take(size).Select(r => new
                {
                    edumis = r.Edumis, returnId = r.ReturnId, returnYear = r.ReturnYear, returnMonth = r.ReturnMonth,
                    openWindowDate = r.OpenWindowDate.UtcDateTime, closeWindowDate = r.CloseWindowDate.UtcDateTime,
                    returnStatus = store.ReturnStatus(r), returnType = r.ReturnType, closeDate = r.CloseWindowDate.UtcDateTime,
                }),
            }, Json);
        });

        api.MapPost("/token/{returnId}", (HttpContext ctx, string returnId) =>
        {
            if (Authenticate(ctx, state) is { } denied) return denied.Result;
            var eid = Eid(ctx);
            var ret = store.Returns(eid).FirstOrDefault(r => r.ReturnId == returnId);
            if (ret == null)
                return Problem(ctx, 400, "Return not found", $"There is no return '{returnId}' for EDUMIS {eid}.", "R1",
                    new Dictionary<string, string[]> { ["returnId"] = new[] { $"'{returnId}' is not a return of this provider." } });
            var sub = store.OpenSubmission(eid, ret);
            return Results.Json(SubmissionBody(ctx, store, sub), Json);
        });

        foreach (var dataset in DxpRules.Datasets.Keys)
        {
            api.MapPut("/" + dataset, (Func<HttpContext, Task<IResult>>)(ctx => Upload(ctx, state, dataset)));
            api.MapPost("/" + dataset + "/delete", (Func<HttpContext, Task<IResult>>)(ctx => Delete(ctx, state, dataset)));
            api.MapGet("/contents/{token}/" + dataset + ".csv", (HttpContext ctx, string token) => ByToken(ctx, state, token, sub =>
            {
                var csv = store.Locked(() =>
                {
                    var sb = new StringBuilder().Append(DxpRules.CsvHeader(dataset)).Append("\r\n");
                    foreach (var record in sub.Content(dataset).Values) sb.Append(DxpRules.CsvRow(dataset, record)).Append("\r\n");
                    return sb.ToString();
                });
                return Results.Text(csv, "text/csv; charset=utf-8");
            }));
        }

        // Cast as Upload's are: a lambda returning Task<IResult> would otherwise bind as a RequestDelegate (its result ignored).
        api.MapPost("/validation", (Func<HttpContext, Task<IResult>>)(ctx => ByTokenInBody(ctx, state, sub =>
        {
            var current = sub.Runs.LastOrDefault();
            if (current != null && store.RunStatus(current) is "Queued" or "InProgress")
                return Results.Json(RunBody(store, sub, current), Json);
            if (store.Locked(() => sub.Records.Values.All(c => c.Count == 0)))
                return Problem(ctx, 400, "Nothing to validate", "No data has been uploaded to this submission.", "VL1");
            return Results.Json(RunBody(store, sub, store.StartValidation(sub)), Json);
        })));

        api.MapGet("/validation", (HttpContext ctx) => ByToken(ctx, state, ctx.Request.Query["submissionToken"], sub =>
        {
            var run = sub.Runs.LastOrDefault();
            if (run == null) return NoValidation(ctx);
            return Results.Json(RunBody(store, sub, run), Json);
        }));

        api.MapGet("/validation/results", (HttpContext ctx) => ByToken(ctx, state, ctx.Request.Query["submissionToken"], sub =>
        {
            if (Paging(ctx, 1, 100) is not (int page, int size)) return PagingProblem(ctx);
            var run = sub.Runs.LastOrDefault();
            if (run == null) return NoValidation(ctx);
            if (store.RunStatus(run) != "Processed")
                return Problem(ctx, 400, "Validation not processed", $"The validation run is {store.RunStatus(run)}; results are ready when it is Processed.", "VL3");
            return Results.Json(new { page, pageSize = size, totalCount = run.Issues.Count, results = run.Issues.Skip((page - 1) * size).Take(size) }, Json);
        }));

        api.MapPost("/reset", (Func<HttpContext, Task<IResult>>)(ctx => ByTokenInBody(ctx, state, sub =>
        {
            store.Reset(sub);
            return Results.NoContent();
        })));

        app.MapPost("/sandbox/dxp/expire-submission-tokens", () =>
        {
            store.ExpireSubmissionTokens();
            return Results.NoContent();
        });
    }

    private static Task<IResult> Upload(HttpContext ctx, SandboxState state, string dataset) =>
        DatasetRequest(ctx, state, dataset, (store, sub, items) =>
        {
            if (sub.Runs.LastOrDefault() is { } run && store.RunStatus(run) is "Queued" or "InProgress")
                return Problem(ctx, 429, "Concurrent Request Not Allowed", "A validation is running for this submission; upload after it is Processed.", "DS2");
            if (items.Count > store.Options.MaxRecordPerBatch)
                return Problem(ctx, 400, "Too many records",
                    $"{items.Count} records were sent; the submission token allows {store.Options.MaxRecordPerBatch} per request (maxRecordPerBatch).", "MP1",
                    new Dictionary<string, string[]> { ["content"] = new[] { $"At most {store.Options.MaxRecordPerBatch} records per request." } });
            var schema = new Dictionary<string, List<string>>();
            for (var i = 0; i < items.Count; i++) DxpRules.CheckSchema(dataset, i, items[i], schema);
            if (schema.Count > 0)
                return Problem(ctx, 400, "The payload does not match the schema", "One or more content items have values of the wrong type.", "CV1",
                    schema.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));

            var results = store.Locked(() =>
            {
                var content = sub.Content(dataset);
                return items.Select(item =>
                {
                    var record = DxpRules.ToStored(dataset, item);
                    var localId = record["localId"]?.GetValue<string>();
                    var errors = DxpRules.UploadErrors(dataset, record, sub.Return.ReturnYear);
                    if (errors.Count == 0) content[localId!] = record;
                    return new { localId, errors };
                }).ToList();
            });
            return Results.Json(new { submissionToken = sub.Token, content = results }, Json);
        });

    private static Task<IResult> Delete(HttpContext ctx, SandboxState state, string dataset) =>
        DatasetRequest(ctx, state, dataset, (store, sub, items) =>
        {
            if (items.Count > store.Options.MaxRecordPerBatch)
                return Problem(ctx, 400, "Too many records", $"At most {store.Options.MaxRecordPerBatch} records per request.", "MP1");
            if (items.Any(i => i.ValueKind != JsonValueKind.Object || !i.TryGetProperty("localId", out var l) || l.ValueKind != JsonValueKind.String))
                return Problem(ctx, 400, "The payload does not match the schema", "Each content item is { \"localId\": string }.", "CV1");
            var results = store.Locked(() =>
            {
                var content = sub.Content(dataset);
                return items.Select(i => i.GetProperty("localId").GetString()!).Select(localId => new
                {
                    localId,
                    errors = content.Remove(localId) ? Array.Empty<string>() : new[] { $"localId: no record with localId '{localId}' in this submission's {dataset}." },
                }).ToList();
            });
            return Results.Json(new { submissionToken = sub.Token, content = results }, Json);
        });

    /// <summary>
    /// What uploads and deletes share: the EID and token, one request at a time per EID + dataset (429 DS1), the
    /// optional processing delay, the body and its envelope, and the submission its token names (SC1).
    /// </summary>
    private static async Task<IResult> DatasetRequest(HttpContext ctx, SandboxState state, string dataset,
        Func<DxpStore, DxpSubmissionState, List<JsonElement>, IResult> handle)
    {
        var store = state.Dxp;
        if (Authenticate(ctx, state) is { } denied) return denied.Result;
        var eid = Eid(ctx);
        if (!store.TryBeginRequest(eid, dataset)) return Busy(ctx, dataset);
        try
        {
            if (store.Options.ProcessingDelay > TimeSpan.Zero) await Task.Delay(store.Options.ProcessingDelay);
            var (body, bad) = await ReadBody(ctx);
            if (bad != null) return bad;
            if (Envelope(ctx, body, out var items) is { } badEnvelope) return badEnvelope;
            var sub = store.FindByToken(eid, TokenOf(body));
            if (sub == null) return SubmissionTokenNotFound(ctx);
            return handle(store, sub, items);
        }
        finally
        {
            store.EndRequest(eid, dataset);
        }
    }

    /// <summary>A request that names its submission by token (the URL or the query): the EID and bearer token, then the submission (SC1).</summary>
    private static IResult ByToken(HttpContext ctx, SandboxState state, string? token, Func<DxpSubmissionState, IResult> handle)
    {
        if (Authenticate(ctx, state) is { } denied) return denied.Result;
        var sub = state.Dxp.FindByToken(Eid(ctx), token);
        return sub == null ? SubmissionTokenNotFound(ctx) : handle(sub);
    }

    /// <summary>A POST whose body is <c>{submissionToken}</c> (validation, reset): the EID and bearer token, the body, then the submission (SC1).</summary>
    private static async Task<IResult> ByTokenInBody(HttpContext ctx, SandboxState state, Func<DxpSubmissionState, IResult> handle)
    {
        if (Authenticate(ctx, state) is { } denied) return denied.Result;
        var (body, bad) = await ReadBody(ctx);
        if (bad != null) return bad;
        var sub = state.Dxp.FindByToken(Eid(ctx), TokenOf(body));
        return sub == null ? SubmissionTokenNotFound(ctx) : handle(sub);
    }

    private static IResult NoValidation(HttpContext ctx) =>
        Problem(ctx, 400, "No validation", "No validation has been requested for this submission.", "VL2");

    private sealed record Denied(IResult Result);

    /// <summary>EID header (AM2 missing, AM1 not numeric), then an ESL bearer token of the DXP scope for that EID (401).</summary>
    private static Denied? Authenticate(HttpContext ctx, SandboxState state)
    {
        var eidText = ctx.Request.Headers["EID"].ToString();
        if (string.IsNullOrWhiteSpace(eidText))
            return new(Problem(ctx, 400, "EID header missing", "Enter the EDUMIS (Organisation) ID in the EID header.", "AM2"));
        if (!int.TryParse(eidText, NumberStyles.None, CultureInfo.InvariantCulture, out var eid))
            return new(Problem(ctx, 400, "EID not numeric", $"The EID header '{eidText}' is not a numeric EDUMIS number.", "AM1"));
        var problem = state.Tokens.Check(ctx.Request.Headers.Authorization.ToString(), SandboxState.DxpScope, eid);
        if (problem == TokenProblem.None) return null;
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return new(Problem(ctx, 401, "Authorization failed", problem switch
        {
            TokenProblem.Missing => "No bearer token was sent.",
            TokenProblem.Expired => "The access token has expired; ask ESL for a new one.",
            TokenProblem.WrongScope => "The access token is not for the DXP scope.",
            TokenProblem.WrongOrganisation => "The access token was issued for another organisation than the EID header.",
            _ => "The access token is not known.",
        }, problem == TokenProblem.WrongOrganisation ? "AU2" : "AU1"));
    }

    private static int Eid(HttpContext ctx) => int.Parse(ctx.Request.Headers["EID"].ToString(), CultureInfo.InvariantCulture);

    /// <summary>Reads the JSON body, gunzipping it when Content-Encoding is gzip (GM1 when that fails, CV1 when it is not JSON).</summary>
    private static async Task<(JsonElement Body, IResult? Problem)> ReadBody(HttpContext ctx)
    {
        var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        buffer.Position = 0;
        Stream source = buffer;
        if (ctx.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var plain = new MemoryStream();
                await using (var gz = new GZipStream(buffer, CompressionMode.Decompress)) await gz.CopyToAsync(plain);
                plain.Position = 0;
                source = plain;
            }
            catch (InvalidDataException)
            {
                return (default, Problem(ctx, 400, "Unreadable gzip body", "The request says Content-Encoding: gzip but the body could not be decompressed.", "GM1"));
            }
        }
        try
        {
            using var doc = await JsonDocument.ParseAsync(source);
            return (doc.RootElement.Clone(), null);
        }
        catch (JsonException e)
        {
            return (default, Problem(ctx, 400, "The payload does not match the schema", "The body is not JSON: " + e.Message, "CV1"));
        }
    }

    private static IResult? Envelope(HttpContext ctx, JsonElement body, out List<JsonElement> items)
    {
        items = new List<JsonElement>();
        var errors = new Dictionary<string, string[]>();
        if (body.ValueKind != JsonValueKind.Object) errors["body"] = new[] { "The body must be { submissionToken, content[] }." };
        else
        {
            if (!body.TryGetProperty("submissionToken", out var t) || t.ValueKind != JsonValueKind.String || t.GetString()!.Length == 0)
                errors["submissionToken"] = new[] { "submissionToken is a required string." };
            if (!body.TryGetProperty("content", out var c) || c.ValueKind != JsonValueKind.Array)
                errors["content"] = new[] { "content is a required array." };
            else items = c.EnumerateArray().ToList();
        }
        return errors.Count == 0 ? null : Problem(ctx, 400, "The payload does not match the schema", "The body is not { submissionToken, content[] }.", "CV1", errors);
    }

    private static string? TokenOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("submissionToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    private static (int, int)? Paging(HttpContext ctx, int defaultPage, int defaultSize)
    {
        var page = defaultPage;
        var size = defaultSize;
        var p = ctx.Request.Query["page"].ToString();
        var s = ctx.Request.Query["pageSize"].ToString();
        if (p.Length > 0 && (!int.TryParse(p, out page) || page < 1)) return null;
        if (s.Length > 0 && (!int.TryParse(s, out size) || size < 1 || size > 1000)) return null;
        return (page, size);
    }

    private static IResult PagingProblem(HttpContext ctx)
    {
        var p = ctx.Request.Query["page"].ToString();
        var pageBad = p.Length > 0 && (!int.TryParse(p, out var page) || page < 1);
        return pageBad
            ? Problem(ctx, 400, "Bad paging", "page must be 1 or more.", "PR1")
            : Problem(ctx, 400, "Bad paging", "pageSize must be between 1 and 1000.", "PR2");
    }

    private static IResult SubmissionTokenNotFound(HttpContext ctx) =>
        Problem(ctx, 400, "Submission token is not found",
            "The submission token is not found for this EID: it is unknown, has expired or was reset. Get a new one from POST token/{returnId}.", "SC1",
            new Dictionary<string, string[]> { ["submissionToken"] = new[] { "Submission token not found." } });

    private static IResult Busy(HttpContext ctx, string dataset) =>
        Problem(ctx, 429, "Concurrent Request Not Allowed", $"Another upload or delete of {dataset} for this EID is in progress; one request at a time per EID and dataset.", "DS1");

    private static IResult Problem(HttpContext ctx, int status, string title, string detail, string code, object? errors = null) =>
        Results.Json(new
        {
            type = status == 401 ? "https://tools.ietf.org/html/rfc9110#section-15.5.2" : status == 429 ? "https://tools.ietf.org/html/rfc6585#section-4" : "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            title, status, detail, instance = ctx.Request.Path.ToString(), errors = errors ?? new Dictionary<string, string[]>(), errorCode = code,
        }, Json, "application/problem+json", status);

    private static object SubmissionBody(HttpContext ctx, DxpStore store, DxpSubmissionState sub) => store.Locked(() => new
    {
        submissionToken = sub.Token,
        tokenExpiry = sub.TokenExpiry.UtcDateTime,
        maxRecordPerBatch = store.Options.MaxRecordPerBatch,
        returnId = sub.Return.ReturnId,
        edumis = sub.Edumis,
        returnYear = sub.Return.ReturnYear,
        returnMonth = sub.Return.ReturnMonth,
        submissionStatus = store.SubmissionStatus(sub),
        submissionType = sub.Return.ReturnType,
        submissionContentsUrl = $"{ctx.Request.Scheme}://{ctx.Request.Host}/dxp/submissions/v1.0/contents/{sub.Token}",
        validationRunResults = sub.Runs.Select(r => RunBody(store, sub, r)).ToList(),
    });

    private static object RunBody(DxpStore store, DxpSubmissionState sub, DxpValidationRunState run)
    {
        var status = store.RunStatus(run);
        var processed = status == "Processed";
        return new
        {
            validationRunId = run.ValidationRunId,
            submissionToken = sub.Token,
            status,
            requestedAt = run.RequestedAt.UtcDateTime,
            completedAt = processed ? (run.RequestedAt + store.Options.ValidationStepDuration * 2).UtcDateTime : (DateTime?)null,
            errorCount = processed ? run.Issues.Count(i => i.ErrorType == "Error") : (int?)null,
            warningCount = processed ? run.Issues.Count(i => i.ErrorType == "Warning") : (int?)null,
        };
    }
}
