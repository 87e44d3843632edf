using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NzqaSync.Sandbox;

/// <summary>The sandbox running in this process: used by the demo host and the end-to-end tests.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri origin, SandboxState state)
    {
        _app = app;
        Origin = origin;
        State = state;
    }

    /// <summary>The origin the sandbox listens on, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Origin { get; }

    /// <summary>The sandbox's whole store, for test assertions on what the services hold.</summary>
    public SandboxState State { get; }

    public SandboxInfo Info => State.Info(Origin);

    public static async Task<SandboxHost> StartAsync(SandboxOptions options)
    {
        var app = SandboxApp.Build(options, Array.Empty<string>());
        await SandboxApp.StartAsync(app, options).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"), app.Services.GetRequiredService<SandboxState>());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
