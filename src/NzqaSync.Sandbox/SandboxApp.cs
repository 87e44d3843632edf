using System;
using System.Linq;
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
        app.UseSandboxFaults(state);
        app.MapGet("/sandbox/info", (HttpContext ctx) => Results.Json(state.Info(new Uri($"{ctx.Request.Scheme}://{ctx.Request.Host}/"))));
        app.MapEslEndpoints(state);
        app.MapNzqaEndpoints(state);
        app.MapSandboxEndpoints(state);
        app.MapDxpEndpoints(state);
        return app;
    }

    private static void RefuseRemoteBinding(SandboxOptions options)
    {
        if (options.AllowRemote) return;
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var host = new Uri(url.Replace("*", "wildcard").Replace("+", "wildcard")).Host;
            var loopback = host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
                throw new InvalidOperationException($"The sandbox binds to loopback only; '{url}' is not loopback. Pass --allow-remote to bind it anyway.");
        }
    }
}
