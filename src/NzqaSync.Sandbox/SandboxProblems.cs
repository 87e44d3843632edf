using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NzqaSync.Sandbox;

/// <summary>Problem-details bodies for whole-request errors: { type, title, status, detail, errorCode }.</summary>
public static class SandboxProblems
{
    // camelCase; non-ASCII (macrons) written as UTF-8, not \u escapes, so clients' UTF-8 handling is exercised.
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public sealed record Problem(string Type, string Title, int Status, string Detail, string ErrorCode);

    public static IResult Result(int status, string errorCode, string title, string detail) =>
        Results.Json(new Problem("about:blank", title, status, detail, errorCode), Json, "application/problem+json", status);

    public static Task Write(HttpContext ctx, int status, string errorCode, string title, string detail)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/problem+json";
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(new Problem("about:blank", title, status, detail, errorCode), Json));
    }
}
