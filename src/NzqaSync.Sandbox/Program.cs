using Microsoft.Extensions.Hosting;
using NzqaSync.Sandbox;

var options = new SandboxOptions { Quiet = false };
var urlsGiven = false;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--urls": options.Urls = Next(); urlsGiven = true; break;
        case "--seed": options.Seed = int.Parse(Next()); break;
        case "--students": options.Students = int.Parse(Next()); break;
        case "--standards-per-student": options.StandardsPerStudent = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--token-lifetime": options.TokenLifetime = TimeSpan.FromSeconds(int.Parse(Next())); break;
        case "--allow-remote": options.AllowRemote = true; break;
        case "--quiet": options.Quiet = true; break;
        case "--today": options.Today = DateOnly.ParseExact(Next(), "yyyy-MM-dd", CultureInfo.InvariantCulture); break;
        case "--latency-ms": options.Faults.LatencyMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--rate-limit": options.Faults.RateLimitPerSecond = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--burst-429": options.Faults.Burst429 = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--fraction-5xx": options.Faults.Fraction5xx = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--drop-before": options.Faults.DropBeforeCommitFraction = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--drop-after": options.Faults.DropAfterCommitFraction = double.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--slow-response-ms": options.Faults.SlowResponseMs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'. See docs/sandbox.md.");
    }
}
// Without --urls the sandbox takes its documented port; --urls http://127.0.0.1:0 takes a free one (tests read the first line).
if (!urlsGiven) options.Urls = "http://127.0.0.1:5080";

var app = SandboxApp.Build(options, Array.Empty<string>());
await SandboxApp.StartAsync(app, options);
var origin = new Uri(app.Urls.First().TrimEnd('/') + "/");
var info = app.Services.GetService(typeof(SandboxState)) is SandboxState s ? s.Info(origin) : null;
Console.WriteLine($"NzqaSync sandbox listening on {origin}");
Console.WriteLine($"  NZQA base URI : {info!.NzqaBaseUri}");
Console.WriteLine($"  DXP base URI  : {info.DxpBaseUri}");
Console.WriteLine($"  ESL token URI : {info.TokenUri}");
foreach (var p in info.Providers)
    Console.WriteLine($"  {p.Kind,-9} {p.ProviderNumber,5} {p.Name}: machine account '{p.MachineAccount}', password '{p.Password}' (sandbox only)");
var st = (SandboxState)app.Services.GetService(typeof(SandboxState))!;
Console.WriteLine($"  NZQA today    : {st.Today:yyyy-MM-dd} (academic year {st.AcademicYear}); seed {options.Seed}, {options.Students} students at 257");
Console.WriteLine($"  SMS export    : {origin}sandbox/sms-export/{SandboxState.DemoSchool}/enrolments.csv (learners.csv, standards.csv)");
Console.WriteLine($"  Faults        : {origin}sandbox/faults (GET/PUT)");
Console.WriteLine("Press Ctrl+C to stop.");
await app.WaitForShutdownAsync();

public partial class Program { }
