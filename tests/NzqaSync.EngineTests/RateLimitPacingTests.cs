using System;
using System.Collections;
using System.Linq;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;
using Xunit.Abstractions;

namespace NzqaSync.EngineTests;

/// <summary>
/// A push longer than one rate-limit window, with the sandbox announcing its limit (RateLimit-* headers): the module
/// paces itself and meets at most a couple of 429s (5% of the calls on a loaded CI machine), counted on the sandbox's
/// side — never a timing assertion.
/// </summary>
public class RateLimitPacingTests
{
    private readonly ITestOutputHelper _out;
    public RateLimitPacingTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public async Task A_push_under_the_rate_limit_meets_at_most_a_couple_of_429s()
    {
        const int target = 1_500;
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 17, Students = 400, Today = new DateOnly(2026, 5, 11) });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nzqasync-pace-" + Guid.NewGuid().ToString("N"));
        using var session = new ModuleSession();
        var vars = new Hashtable
        {
            ["nzqa"] = sandbox.Info.NzqaBaseUri, ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password),
            ["journal"] = journal, ["target"] = target,
        };
        using var plan = session.Run(@"
            Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal
            $internal = @(Get-NzqaStandardDefinition | Where-Object { $_.Type -eq 'A' -and $_.Assessment -eq 'Internal' }).Number
            $taken = @{}
            foreach ($e in Get-NzqaStandard -AcademicYear 2026) { $taken[$e.Nsn + '/' + $e.StandardNumber] = $true }
            $local = [System.Collections.Generic.List[object]]::new()
            foreach ($enrolment in Get-NzqaEnrolment) {
                if ($enrolment.LeavingDate) { continue }
                foreach ($number in $internal) {
                    if ($local.Count -ge $target) { break }
                    if ($taken[$enrolment.Nsn + '/' + $number]) { continue }
                    $local.Add([NzqaSync.Domain.StandardRecord]@{ Nsn = $enrolment.Nsn; StandardNumber = $number; AcademicYear = 2026; Result = 'A' })
                }
            }
            $diffs = @($local | Compare-NzqaStandard -AcademicYear 2026 | Where-Object Status -eq 'New')
            $diffs.Count", vars);
        Assert.Null(plan.Thrown);
        Assert.Equal(target, (int)plan.Output[0].BaseObject);

        // 20 calls per second per provider; 1,500 new entries with results in batches of 25 are ~120 calls, 4 at a time.
        sandbox.State.Faults.Update(f => f.RateLimitPerSecond = 20);
        sandbox.State.Faults.ResetStats();
        using var push = session.Run("$diffs | Sync-NzqaStandard -BatchSize 25 -ErrorAction SilentlyContinue", vars);
        var stats = sandbox.State.Faults.Stats;
        sandbox.State.Faults.Reset();

        var synced = push.Output.Count(o => o.Properties["Outcome"].Value.ToString() == "Synced");
        _out.WriteLine($"paced push: {stats.ApiCalls} calls, {stats.RateLimited429} answered 429; {synced} of {target} synced; errors {push.Errors.Count}");
        Assert.Equal(target, synced);
        Assert.True(stats.ApiCalls >= 100, $"only {stats.ApiCalls} calls: the push did not span several rate-limit windows");
        // The issue's "no more than 2" is measured by the benchmark on a quiet machine. Here CI may run on two busy cores,
        // where a thread that took its token in one window can reach the server in the next; allow 5% of the calls
        // (6 of ~120). Without pacing, 4 requests in flight at 20 ms meet a 429 on most calls past the first 20 a second.
        var allowed = Math.Max(2, stats.ApiCalls / 20);
        Assert.True(stats.RateLimited429 <= allowed, $"{stats.RateLimited429} of {stats.ApiCalls} calls met 429 RATE_LIMITED (at most {allowed})");
        System.IO.Directory.Delete(journal, true);
    }
}
