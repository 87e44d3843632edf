using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NzqaSync.Sandbox;

namespace NzqaSync.Tests.Security;

/// <summary>Issue #17 item 7: the sandbox stays on loopback and answers only loopback host names.</summary>
public sealed class SandboxGuardTests
{
    private static string SandboxDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "NzqaSync.Sandbox", "bin", "Debug", "net10.0", "NzqaSync.Sandbox.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException("The sandbox is not built (dotnet build NzqaSync.sln).");
    }

    [Fact]
    public async Task A_Kestrel_endpoint_from_the_environment_that_is_not_loopback_stops_the_sandbox()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { SandboxDll(), "--urls", "http://127.0.0.1:0", "--quiet", "--students", "20" }) psi.ArgumentList.Add(a);
        psi.Environment["Kestrel__Endpoints__Http__Url"] = "http://0.0.0.0:0";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A sandbox that keeps listening never exits: bound the wait so a regression fails rather than hangs.
        var exited = await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60))) is Task t && process.HasExited;
        if (!exited) process.Kill(true);

        Assert.True(exited, "the sandbox kept running on 0.0.0.0: " + (process.HasExited ? "" : "killed"));
        Assert.NotEqual(0, process.ExitCode);
        var said = await stdout + await stderr;
        Assert.Contains("--allow-remote", said);
        Assert.Contains("0.0.0.0", said);
        Assert.DoesNotContain("listening on", said);
    }

    [Fact]
    public async Task A_Kestrel_endpoint_from_configuration_is_checked_after_start()
    {
        var app = SandboxApp.Build(new SandboxOptions { Urls = "http://127.0.0.1:0", Students = 20 }, new[] { "--Kestrel:Endpoints:Http:Url=http://0.0.0.0:0" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SandboxApp.StartAsync(app, new SandboxOptions()));
        Assert.Contains("--allow-remote", error.Message);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("rebind.attacker.example:5080")]
    [InlineData("192.168.1.10")]
    public async Task A_request_to_another_host_name_is_not_answered(string host)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Students = 20 });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.Origin, "sandbox/info"));
        request.Headers.Host = host;

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("sandbox-pass", body);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Loopback_host_names_are_answered(string host)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Students = 20 });
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.Origin, "sandbox/info"));
        request.Headers.Host = host + ":" + sandbox.Origin.Port;

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sandbox-pass", await response.Content.ReadAsStringAsync());
    }
}
