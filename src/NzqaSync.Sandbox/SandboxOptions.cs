namespace NzqaSync.Sandbox;

/// <summary>How a sandbox starts: its seed data, token lifetime, listening address, clock and injected faults.</summary>
public sealed class SandboxOptions
{
    public string Urls { get; set; } = "http://127.0.0.1:0";
    /// <summary>Seeds the generated data and the fault injector's random choices (--seed).</summary>
    public int Seed { get; set; } = 42;
    /// <summary>Students seeded at provider 257, Kōwhai High School (--students; a few hundred up to 100,000).</summary>
    public int Students { get; set; } = 300;
    /// <summary>Standard entries this year for each NCEA student (year 11–13) at 257 (--standards-per-student); 0 = 3–6 at
    /// their own level. A number past what their level offers is drawn from the adjacent levels too (multi-level study,
    /// as NZQA allows), e.g. 34 gives ~60,000 entries for 3,000 students: a large school's whole year.</summary>
    public int StandardsPerStudent { get; set; }
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(20);
    /// <summary>Binding to a non-loopback address is refused unless this is set (--allow-remote).</summary>
    public bool AllowRemote { get; set; }
    /// <summary>Quiet logging for tests and the demo.</summary>
    public bool Quiet { get; set; } = true;

    /// <summary>NZQA's "today" (--today yyyy-MM-dd): drives the academic year seeded and the 1 September external
    /// entry cut-off. Null means the real New Zealand (Pacific/Auckland) date.</summary>
    public DateOnly? Today { get; set; }

    /// <summary>Fault injection at start (sandbox only; --latency-ms, --rate-limit, --burst-429, --fraction-5xx,
    /// --drop-before, --drop-after, --slow-response-ms). Applies to /nzqa/* and /dxp/*, never to /sandbox/*; see docs/sandbox.md.</summary>
    public Faults.FaultSettings Faults { get; } = new();
}
