using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Faults;
using Xunit.Abstractions;

namespace NzqaSync.EngineTests;

/// <summary>
/// A bounded fault storm: thousands of standard entries and results pushed through 429 bursts, ~10% 5xx, ~5% dropped
/// connections (half before, half after the server commits) and a token expiry mid-run. The sandbox must end up
/// holding exactly what was intended: nothing lost, nothing doubled, every record with a final outcome.
/// </summary>
public class FaultStormTests
{
    private readonly ITestOutputHelper _out;
    public FaultStormTests(ITestOutputHelper output) => _out = output;

    [Fact]
    public async Task Standards_pushed_through_a_fault_storm_arrive_exactly_once()
    {
        const int target = 10_000;
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 11, Students = 3000, Today = new DateOnly(2026, 5, 11) });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nzqasync-storm-" + Guid.NewGuid().ToString("N"));
        using var session = new ModuleSession();
        var vars = new Hashtable
        {
            ["nzqa"] = sandbox.Info.NzqaBaseUri, ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password),
            ["journal"] = journal, ["target"] = target,
        };

        // The intended state: new internal achievement-standard entries with results for enrolled students.
        using var plan = session.Run(@"
            $c = Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal -PassThru
            $c.Resilience.BaseDelay = [timespan]::FromMilliseconds(20)
            $c.Resilience.MaxDelay = [timespan]::FromSeconds(1)
            $c.Resilience.MaxRetryAttempts = 12
            $internal = @(Get-NzqaStandardDefinition | Where-Object { $_.Type -eq 'A' -and $_.Assessment -eq 'Internal' }).Number
            $taken = @{}
            foreach ($e in Get-NzqaStandard -AcademicYear 2026) { $taken[$e.Nsn + '/' + $e.StandardNumber] = $true }
            $grades = 'N', 'A', 'M', 'E'
            $local = [System.Collections.Generic.List[object]]::new()
            foreach ($enrolment in Get-NzqaEnrolment) {
                if ($enrolment.LeavingDate) { continue }
                foreach ($number in $internal) {
                    if ($local.Count -ge $target) { break }
                    if ($taken[$enrolment.Nsn + '/' + $number]) { continue }
                    $local.Add([NzqaSync.Domain.StandardRecord]@{ Nsn = $enrolment.Nsn; StandardNumber = $number; AcademicYear = 2026; Result = $grades[$local.Count % 4] })
                }
            }
            $before = @(Get-NzqaStandard -AcademicYear 2026).Count
            $local.Count; $before", vars);
        Assert.Null(plan.Thrown);
        var records = (int)plan.Output[0].BaseObject;
        var before = (int)plan.Output[1].BaseObject;
        Assert.Equal(target, records);

        sandbox.State.Faults.Set(new FaultSettings { Burst429 = 12, Fraction5xx = 0.10, DropBeforeCommitFraction = 0.025, DropAfterCommitFraction = 0.025 });
        using var expiry = new CancellationTokenSource();
        var tokensBefore = sandbox.State.Tokens.IssuedCount;
        var expire = Task.Run(async () => { await Task.Delay(1500, expiry.Token); sandbox.State.Tokens.ExpireAll(); }, expiry.Token);
        using var storm = session.Run("$local | Compare-NzqaStandard -AcademicYear 2026 | Where-Object Status -eq 'New' | Sync-NzqaStandard -BatchSize 25 -ErrorAction SilentlyContinue", vars);
        await expire;
        var injected = sandbox.State.Faults.InjectedCount;
        sandbox.State.Faults.Reset();

        var outcomes = storm.Output.GroupBy(o => o.Properties["Outcome"].Value.ToString()).ToDictionary(g => g.Key, g => g.Count());
        using var check = session.Run(@"
            $after = @($local | Compare-NzqaStandard -AcademicYear 2026)
            @($after | Where-Object { $_.Status -eq 'Match' -and $_.Local }).Count
            @($after | Where-Object { $_.Status -in 'New', 'Different' }).Count
            @(Get-NzqaStandard -AcademicYear 2026).Count
            @(Get-NzqaSyncLog -Kind Standard | Where-Object Outcome -in 'Pending', 'InDoubt').Count
            @(Get-NzqaSyncLog -Kind Standard | Where-Object Outcome -eq 'Synced').Count", vars);
        var matched = (int)check.Output[0].BaseObject;
        var stillToDo = (int)check.Output[1].BaseObject;
        var total = (int)check.Output[2].BaseObject;
        var unsettled = (int)check.Output[3].BaseObject;
        var syncedOps = (int)check.Output[4].BaseObject;
        var lost = records - matched;
        var duplicated = total - before - records;
        _out.WriteLine($"fault storm: {records} records, {injected} faults injected, {sandbox.State.Tokens.IssuedCount - tokensBefore} tokens issued; " +
                       $"sync outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}; lost {lost}, duplicated {duplicated}, unsettled journal entries {unsettled}, synced operations {syncedOps}");

        Assert.True(injected > 80, $"only {injected} faults were injected");
        Assert.True(sandbox.State.Tokens.IssuedCount - tokensBefore >= 1, "the expired token was never renewed");
        Assert.Equal(0, lost);
        Assert.Equal(0, stillToDo);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, unsettled);
        Assert.Equal(records, outcomes.GetValueOrDefault("Synced"));
        Assert.Equal(records * 2, syncedOps); // an entry and a result for each
        System.IO.Directory.Delete(journal, true);
    }
}
