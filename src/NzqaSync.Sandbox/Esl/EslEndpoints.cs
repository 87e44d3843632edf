using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NzqaSync.Sandbox.Esl;

/// <summary>The Education Sector Logon token endpoint: OAuth2 client credentials for machine accounts.</summary>
public static class EslEndpoints
{
    public static void MapEslEndpoints(this WebApplication app, SandboxState state)
    {
        app.MapPost("/esl/oauth2/access_token", async (HttpContext ctx) =>
        {
            var basic = TokenService.ReadBasic(ctx.Request.Headers.Authorization.ToString());
            var provider = basic is { } b
                ? state.Providers.FirstOrDefault(p => p.MachineAccount == b.Account && p.Password == b.Password)
                : null;
            if (provider == null)
                return Results.Json(new { error = "invalid_client", error_description = "Unknown machine account or wrong password." }, statusCode: 401);
            if (!ctx.Request.HasFormContentType)
                return Results.Json(new { error = "invalid_request", error_description = "Send the form body grant_type, scope and org_id." }, statusCode: 400);
            var form = await ctx.Request.ReadFormAsync();
            if (form["grant_type"] != "client_credentials")
                return Results.Json(new { error = "unsupported_grant_type", error_description = "Only client_credentials is supported." }, statusCode: 400);
            var scope = form["scope"].ToString();
            if (scope != SandboxState.NzqaScope && scope != SandboxState.DxpScope)
                return Results.Json(new { error = "invalid_scope", error_description = $"Unknown scope '{scope}'." }, statusCode: 400);
            if (!int.TryParse(form["org_id"], out var orgId) || orgId != provider.ProviderNumber)
                return Results.Json(new { error = "invalid_request", error_description = $"The machine account is not authorised for org_id '{form["org_id"]}'." }, statusCode: 400);
            var token = state.Tokens.Issue(scope, orgId, provider.MachineAccount);
            return Results.Json(new { access_token = token.Value, token_type = "Bearer", expires_in = (int)Math.Max(1, state.Options.TokenLifetime.TotalSeconds) });
        });
    }
}
