using System;
using NzqaSync.Sandbox;

namespace NzqaSync.Tests.Sandbox;

public class SandboxBindingTests
{
    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("http://*:5080")]
    [InlineData("http://192.168.1.10:5080")]
    public void The_sandbox_refuses_a_non_loopback_address_unless_asked(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SandboxApp.Build(new SandboxOptions { Urls = urls }, Array.Empty<string>()));
        Assert.Contains("--allow-remote", error.Message);
    }

    [Fact]
    public void Loopback_is_fine()
    {
        var app = SandboxApp.Build(new SandboxOptions { Urls = "http://127.0.0.1:0" }, Array.Empty<string>());
        Assert.NotNull(app);
    }
}
