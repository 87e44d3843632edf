using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NzqaSync.Sandbox.Dxp;
using NzqaSync.Sandbox.Esl;
using NzqaSync.Sandbox.Faults;
using NzqaSync.Sandbox.Nzqa;

namespace NzqaSync.Sandbox;

/// <summary>Builds the sandbox web application: ESL, NZQA and DXP routes over one in-memory state.</summary>
public static class SandboxApp
{
    public static WebApplication Build(SandboxOptions options, string[] args)
    {
        RefuseRemoteBinding(options);
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls(options.Urls);
        if (options.Quiet) builder.Logging.ClearProviders();
        var state = new SandboxState(options);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        if (!options.AllowRemote) app.Use(AnswerLoopbackHostsOnly);
        app.UseSandboxFaults(state);
        app.MapGet("/sandbox/info", (HttpContext ctx) => Results.Json(state.Info(new Uri($"{ctx.Request.Scheme}://{ctx.Request.Host}/"))));
        app.MapEslEndpoints(state);
        app.MapNzqaEndpoints(state);
        app.MapSandboxEndpoints(state);
        app.MapDxpEndpoints(state);
        return app;
    }

    /// <summary>
    /// Starts the app and checks the addresses Kestrel actually bound: configuration or the environment
    /// (Kestrel__Endpoints__…) can override --urls, so a non-loopback address found after start stops the sandbox
    /// unless --allow-remote.
    /// </summary>
    public static async Task StartAsync(WebApplication app, SandboxOptions options)
    {
        await app.StartAsync().ConfigureAwait(false);
        if (options.AllowRemote) return;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? new List<string>();
        var remote = bound.Where(a => !IsLoopbackUrl(a)).ToList();
        if (remote.Count == 0) return;
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        throw new InvalidOperationException($"The sandbox binds to loopback only, but it was bound to {string.Join(", ", remote)} " +
                                            "(Kestrel endpoints from configuration or the environment override --urls); it has been stopped. Pass --allow-remote to bind it anyway.");
    }

    /// <summary>
    /// Answers only requests addressed to a loopback name (localhost, 127.0.0.1, [::1]): a page on another site that
    /// rebinds its own name to 127.0.0.1 cannot read /sandbox/info, which carries the seeded passwords.
    /// </summary>
    private static async Task AnswerLoopbackHostsOnly(HttpContext context, Func<Task> next)
    {
        var host = context.Request.Host.Host ?? "";
        if (IsLoopbackHost(host))
        {
            await next().ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"The sandbox answers only requests to localhost, 127.0.0.1 or [::1], not to '{host}' (run it with --allow-remote to change that).").ConfigureAwait(false);
    }

    internal static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsLoopbackUrl(string url)
    {
        var host = new Uri(url.Replace("*", "wildcard").Replace("+", "wildcard")).Host;
        return IsLoopbackHost(host);
    }

    private static void RefuseRemoteBinding(SandboxOptions options)
    {
        if (options.AllowRemote) return;
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsLoopbackUrl(url))
                throw new InvalidOperationException($"The sandbox binds to loopback only; '{url}' is not loopback. Pass --allow-remote to bind it anyway.");
        }
    }
}
