using System;

namespace NzqaSync.Sandbox;

/// <summary>How a sandbox starts: its seed data, token lifetime and listening address.</summary>
public sealed class SandboxOptions
{
    public string Urls { get; set; } = "http://127.0.0.1:0";
    public int Seed { get; set; } = 42;
    public int Students { get; set; } = 300;
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(20);
    /// <summary>Binding to a non-loopback address is refused unless this is set (--allow-remote).</summary>
    public bool AllowRemote { get; set; }
    /// <summary>Quiet logging for tests and the demo.</summary>
    public bool Quiet { get; set; } = true;
}
