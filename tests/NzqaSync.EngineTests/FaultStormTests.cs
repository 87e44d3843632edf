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

    /// <summary>
    /// The DXP side: 10,000 course enrolments through the same faults, a submission-token expiry and an ESL token expiry
    /// mid-run. DXP replaces by localId, so whatever the storm left in doubt is settled by sending the same records again.
    /// </summary>
    [Fact]
    public async Task Course_enrolments_pushed_through_a_fault_storm_arrive_exactly_once()
    {
        const int target = 10_000;
        const string dataset = "course-enrolments";
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 13, Students = 30, Today = new DateOnly(2026, 5, 11) });
        var store = sandbox.State.Dxp;
        store.Options.MaxRecordPerBatch = 20;
        store.Options.ProcessingDelay = TimeSpan.Zero;
        var teo = sandbox.Info.Providers.Single(p => p.ProviderNumber == 7001);
        var journal = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nzqasync-dxpstorm-" + Guid.NewGuid().ToString("N"));
        using var session = new ModuleSession();
        var vars = new Hashtable
        {
            ["dxp"] = sandbox.Info.DxpBaseUri, ["cred"] = ModuleSession.Credential(teo.MachineAccount, teo.Password),
            ["journal"] = journal, ["target"] = target,
        };

        // The intended state: 10,000 distinct course enrolments, each with values of its own.
        using var plan = session.Run(@"
            $c = Connect-Dxp -BaseUri $dxp -Edumis 7001 -Credential $cred -JournalPath $journal -PassThru
            $c.Resilience.BaseDelay = [timespan]::FromMilliseconds(20)
            $c.Resilience.MaxDelay = [timespan]::FromSeconds(1)
            $c.Resilience.MaxRetryAttempts = 12
            Reset-DxpSubmission -ReturnId 202604 -Force
            $local = [System.Collections.Generic.List[object]]::new()
            for ($i = 0; $i -lt $target; $i++) {
                $r = [NzqaSync.Domain.Dxp.CourseEnrolmentRecord]::new()
                $r.LocalId = 'storm-{0:d5}' -f $i
                $r.StudentIdentificationCode = 'S{0:d7}' -f ($i % 2500)
                $r.QualificationCode = 'BC1234'
                $r.CourseCode = 'C{0:d5}' -f $i
                $r.CourseStartDate = [datetime]::new(2026, 2 + $i % 3, 16)
                $r.CourseEndDate = [datetime]::new(2026, 6 + $i % 4, 19)
                $r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = '00'
                $r.IntramuralExtramuralAttendance = 1
                $r.CourseDeliverySite = '01'
                $r.SourceOfFunding = '1'
                $r.ResidentialStatus = 'N'
                $r.AustralianResidentialStatus = $false
                $r.FundingCategory = 'A1'
                $r.CourseClassification = [decimal]'1.1'
                $r.NzscedFieldOfStudy = '030101'
                $r.CourseEftsFactor = [decimal]0.01 + [decimal]($i % 97) / 1000
                $r.NationalStudentNumber = 100000 + $i % 2500
                $local.Add($r)
            }
            $local.Count
            (Get-DxpSubmission -ReturnId 202604).SubmissionToken", vars);
        Assert.Null(plan.Thrown);
        Assert.Empty(plan.Errors);
        Assert.Equal(target, (int)plan.Output[0].BaseObject);
        var firstToken = (string)plan.Output[1].BaseObject;
        var submission = store.FindAnyByToken(firstToken)!;
        var intended = Enumerable.Range(0, target).ToDictionary(i => $"storm-{i:d5}", i => (Course: $"C{i:d5}", Efts: 0.01m + (i % 97) / 1000m));

        sandbox.State.Faults.Set(new FaultSettings { Burst429 = 12, Fraction5xx = 0.10, DropBeforeCommitFraction = 0.025, DropAfterCommitFraction = 0.025 });
        var eslBefore = sandbox.State.Tokens.IssuedCount;
        using var stop = new CancellationTokenSource();
        var expiries = new List<string>();
        int Held() => store.Records(submission.Token!, dataset).Count;
        var expire = Task.Run(async () =>
        {
            // The submission token once a quarter of the records are in, the ESL token at a half.
            while (!stop.IsCancellationRequested && Held() < target / 4) await Task.Delay(50);
            if (stop.IsCancellationRequested) return;
            store.ExpireSubmissionTokens();
            expiries.Add("submission token at " + Held());
            while (!stop.IsCancellationRequested && Held() < target / 2) await Task.Delay(50);
            if (stop.IsCancellationRequested) return;
            sandbox.State.Tokens.ExpireAll();
            expiries.Add("ESL token at " + Held());
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var storm = session.Run("$local | Send-DxpCourseEnrolment -ReturnId 202604 -ErrorAction SilentlyContinue", vars);
        var stormTime = watch.Elapsed;
        stop.Cancel();
        await expire;
        var injected = sandbox.State.Faults.InjectedCount;
        Assert.Null(storm.Thrown);
        var outcomes = storm.Output.GroupBy(o => o.Properties["Outcome"].Value.ToString()!).ToDictionary(g => g.Key, g => g.Count());
        foreach (var r in storm.Output.Where(o => o.Properties["Outcome"].Value.ToString() != "Accepted").Take(3))
            _out.WriteLine($"not accepted: {r.Properties["LocalId"].Value}: {r.Properties["ErrorSummary"].Value}");

        // What the storm left: entries without a final outcome, and the records not known to be stored.
        const string Unsettled = "@(Get-NzqaSyncLog -Api Dxp -Kind CourseEnrolment | Where-Object Outcome -in 'Pending', 'InDoubt').Count";
        using var afterStorm = session.Run(Unsettled, vars);
        var inDoubtAfterStorm = (int)afterStorm.Output[0].BaseObject;
        var heldAfterStorm = Held();

        // Aftershock: 1,000 of the same records again with one retry and a third of the answers dropped after DXP
        // commits, so uploads end in doubt (the run stops at the first batch it cannot finish).
        sandbox.State.Faults.Set(new FaultSettings { DropAfterCommitFraction = 0.35 });
        using var aftershock = session.Run(@"
            $c.Resilience.MaxRetryAttempts = 1
            $local.GetRange(0, 1000) | Send-DxpCourseEnrolment -ReturnId 202604 -ErrorAction SilentlyContinue
            $c.Resilience.MaxRetryAttempts = 12", vars);
        Assert.Null(aftershock.Thrown);
        using var afterAftershock = session.Run(Unsettled, vars);
        var inDoubtAfterAftershock = (int)afterAftershock.Output[0].BaseObject;
        Assert.True(inDoubtAfterAftershock > 0, "the aftershock left nothing in doubt");

        // Faults off; send again every record whose upload did not come back Accepted (same localIds: DXP replaces).
        sandbox.State.Faults.Reset();
        using var resend = session.Run(@"
            $again = @(@($storm) + @($aftershock) | Where-Object Outcome -ne 'Accepted' | ForEach-Object Record)
            $again.Count
            $again | Send-DxpCourseEnrolment -ReturnId 202604", new Hashtable(vars) { ["storm"] = storm.Output.ToArray(), ["aftershock"] = aftershock.Output.ToArray() });
        Assert.Null(resend.Thrown);
        Assert.Empty(resend.Errors);
        var resent = (int)resend.Output[0].BaseObject;
        Assert.All(resend.Output.Skip(1), o => Assert.Equal("Accepted", o.Properties["Outcome"].Value.ToString()));

        using var check = session.Run(Unsettled + @"
            @(Get-NzqaSyncLog -Api Dxp -Kind CourseEnrolment).Count
            @(Get-NzqaSyncLog -Api Dxp -Kind CourseEnrolment | Where-Object Detail -like 'Settled*').Count", vars);
        var unsettled = (int)check.Output[0].BaseObject;
        var entries = (int)check.Output[1].BaseObject;
        var settled = (int)check.Output[2].BaseObject;

        var held = store.Records(submission.Token!, dataset);
        var ids = held.Select(r => (string)r["localId"]!).ToList();
        var lost = intended.Keys.Count(k => !ids.Contains(k));
        var duplicated = ids.Count - ids.Distinct().Count();
        var extra = ids.Count(id => !intended.ContainsKey(id));
        var wrongValues = held.Count(r => intended.TryGetValue((string)r["localId"]!, out var want)
            && ((string)r["courseCode"]! != want.Course || (decimal)r["courseEftsFactor"]! != want.Efts));
        _out.WriteLine($"DXP fault storm: {target} course enrolments in batches of {store.Options.MaxRecordPerBatch}, {injected} faults injected, " +
                       $"{string.Join(" and ", expiries)} expired, {sandbox.State.Tokens.IssuedCount - eslBefore} ESL tokens issued, {stormTime.TotalSeconds:0} s; " +
                       $"upload outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}; after the storm DXP held {heldAfterStorm} and " +
                       $"{inDoubtAfterStorm} journal entries were in doubt; an aftershock (1,000 records, 1 retry, 35% of answers dropped) left {inDoubtAfterAftershock} in doubt; re-sent {resent}; settled {settled}; " +
                       $"final: held {ids.Count}, lost {lost}, duplicated {duplicated}, extra {extra}, wrong values {wrongValues}, journal entries {entries}, unsettled {unsettled}");

        Assert.True(injected > 80, $"only {injected} faults were injected");
        Assert.Equal(2, expiries.Count);
        Assert.True(sandbox.State.Tokens.IssuedCount - eslBefore >= 1, "the expired ESL token was never renewed");
        Assert.NotEqual(firstToken, submission.Token); // the submission token was renewed, the submission (and its records) kept
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicated);
        Assert.Equal(0, extra);
        Assert.Equal(0, wrongValues);
        Assert.Equal(target, ids.Count);
        Assert.Equal(0, unsettled);
        Assert.True(settled >= inDoubtAfterStorm + inDoubtAfterAftershock, $"only {settled} of {inDoubtAfterStorm + inDoubtAfterAftershock} in-doubt entries were settled by the re-send");
        System.IO.Directory.Delete(journal, true);
    }
}
