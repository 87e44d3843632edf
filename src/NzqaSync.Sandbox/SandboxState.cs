using NzqaSync.Sandbox.Dxp;
using NzqaSync.Sandbox.Esl;
using NzqaSync.Sandbox.Faults;
using NzqaSync.Sandbox.Nzqa;
using NzqaSync.Sandbox.Seeding;

namespace NzqaSync.Sandbox;

/// <summary>Everything the sandbox holds: providers and their machine accounts, NZQA's store, DXP's store,
/// the school's local SMS export, the clock and the fault injector.</summary>
public sealed class SandboxState
{
    public const string NzqaScope = "https://api.nzqa.govt.nz/sms";
    public const string DxpScope = "https://web.prd.dxs.pub.tec.govt.nz";

    /// <summary>The demo school whose SMS export is seeded to differ from NZQA in every way.</summary>
    public const int DemoSchool = 257;

    private readonly object _clockGate = new();
    private DateOnly? _today;
    private readonly Dictionary<int, SmsExport> _exports = new();

    public SandboxState(SandboxOptions options)
    {
        Options = options;
        _today = options.Today;
        Providers = new List<SandboxProvider>
        {
            new(257, "Kōwhai High School", "School", "kowhai-high-machine", "sandbox-pass-257"),
            new(311, "Harbourside College", "School", "harbourside-machine", "sandbox-pass-311"),
            new(498, "Te Aho o Te Kura Pounamu", "School", "te-kura-machine", "sandbox-pass-498"),
            new(7001, "Te Awa Institute of Technology", "Tertiary", "te-awa-machine", "sandbox-pass-7001"),
        };
        Tokens = new TokenService(this);
        Dxp = new DxpStore(this);
        Nzqa = new NzqaStore(this);
        Faults = new FaultInjector(options);
        AcademicYear = Today.Year;
        _exports[DemoSchool] = SandboxSeeder.Seed(this);
    }

    public TokenService Tokens { get; }
    public DxpStore Dxp { get; }

    /// <summary>What the emulated NZQA holds (learners, enrolments, entries and results) and its write counters.</summary>
    public NzqaStore Nzqa { get; }

    /// <summary>Run-time fault settings (GET/PUT /sandbox/faults).</summary>
    public FaultInjector Faults { get; }

    public SandboxOptions Options { get; }
    public List<SandboxProvider> Providers { get; }

    /// <summary>The academic year the data was seeded for (the year of <see cref="Today"/> at start).</summary>
    public int AcademicYear { get; }

    /// <summary>NZQA's today: <see cref="SandboxOptions.Today"/> or <see cref="SetToday"/>, else the real date in New Zealand.</summary>
    public DateOnly Today
    {
        get { lock (_clockGate) return _today ?? NewZealandToday(); }
    }

    /// <summary>Moves NZQA's clock (null = the real New Zealand date again). Does not reseed.</summary>
    public void SetToday(DateOnly? today)
    {
        lock (_clockGate) _today = today;
    }

    /// <summary>The school's local SMS export (what its SMS holds), or null when none was seeded for that provider.</summary>
    public SmsExport SmsExport(int provider) => _exports.TryGetValue(provider, out var e) ? e : null;

    public SandboxInfo Info(Uri origin) => new(
        new Uri(origin, "nzqa/v1").ToString(),
        new Uri(origin, "dxp").ToString(),
        new Uri(origin, "esl/oauth2/access_token").ToString(),
        NzqaScope,
        DxpScope,
        Providers);

    private static DateOnly NewZealandToday()
    {
        try
        {
            var tz = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");
            return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tz).DateTime);
        }
        catch (TimeZoneNotFoundException)
        {
            return DateOnly.FromDateTime(DateTime.UtcNow.AddHours(12));
        }
    }
}
