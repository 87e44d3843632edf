using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Faults;
using Xunit.Abstractions;

namespace NzqaSync.EngineTests;

/// <summary>A sync killed hard in another process is finished by the next run: nothing lost, nothing doubled.</summary>
public class KilledRunTests
{
    private readonly ITestOutputHelper _out;
    public KilledRunTests(ITestOutputHelper output) => _out = output;

    private const string SyncScript = @"
        Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal -ErrorAction Stop
        Import-NzqaRecord -Path $csv -Kind Standard | Compare-NzqaStandard -AcademicYear 2026 | Where-Object Status -in 'New', 'Different' |
            Sync-NzqaStandard -BatchSize 10 -ThrottleLimit 1";

    [Fact]
    public async Task A_run_killed_mid_sync_is_finished_by_the_next_run_and_the_log_tells_the_story()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 5, Students = 600, Today = new DateOnly(2026, 5, 11) });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var work = Directory.CreateTempSubdirectory("nzqasync-kill-").FullName;
        var journal = Path.Combine(work, "journal");
        var csv = Path.Combine(work, "standards.csv");
        var nzqa = sandbox.State.Nzqa;
        var internals = nzqa.Catalogue.Where(s => s.Type == "A" && s.Assessment == "Internal").Select(s => s.Number).ToList();
        var taken = nzqa.Entries(257, 2026).Select(e => e.Nsn + "/" + e.StandardNumber).ToHashSet();
        var rows = (from e in nzqa.Enrolments(257) where e.LeavingDate == null
                    from n in internals where !taken.Contains(e.Nsn + "/" + n)
                    select $"{e.Nsn},{n},2026,A").Take(1500).ToList();
        File.WriteAllText(csv, "NSN,Standard,Year,Result\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(true));
        var before = nzqa.Entries(257, 2026).Count;
        var script = Path.Combine(work, "sync.ps1");
        File.WriteAllText(script, SyncScript);

        sandbox.State.Faults.Set(new FaultSettings { LatencyMs = 40 });
        var demo = Path.Combine(AppContext.BaseDirectory, "NzqaSync.Demo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { demo, "--script", script, "--var", $"nzqa={sandbox.Info.NzqaBaseUri}", "--var", $"journal={journal}", "--var", $"csv={csv}",
                                  "--credential", school.MachineAccount, school.Password })
            start.ArgumentList.Add(a);
        using var child = Process.Start(start)!;
        _ = child.StandardOutput.ReadToEndAsync();
        _ = child.StandardError.ReadToEndAsync();

        // Kill it hard once it is well into the push.
        // A generous deadline: on a loaded machine the child's start and first pushes can take a minute or more.
        var deadline = DateTime.UtcNow.AddSeconds(240);
        while (nzqa.Entries(257, 2026).Count - before < 300 && DateTime.UtcNow < deadline && !child.HasExited) await Task.Delay(50);
        Assert.False(child.HasExited, "the first run finished before it could be killed");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        sandbox.State.Faults.Reset();
        var afterKill = nzqa.Entries(257, 2026).Count - before;
        Assert.InRange(afterKill, 300, rows.Count - 1);

        using var session = new ModuleSession();
        var vars = new Hashtable { ["nzqa"] = sandbox.Info.NzqaBaseUri, ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password), ["journal"] = journal, ["csv"] = csv };
        using var story = session.Run(@"
            Get-NzqaSyncLog -Path $journal -Summary
            @(Get-NzqaSyncLog -Path $journal | Where-Object Outcome -eq 'InDoubt').Count
            @(Get-NzqaSyncLog -Path $journal | Where-Object Outcome -eq 'Synced').Count", vars);
        var banner = story.Output[0];
        Assert.False((bool)banner.Properties["InProgress"].Value); // the killed process is gone: not "in progress" forever
        Assert.Null(banner.Properties["LastSync"].Value);           // and it never finished
        var inDoubt = (int)story.Output[1].BaseObject;
        _out.WriteLine($"killed after {afterKill} of {rows.Count} entries reached NZQA; journal: {(int)story.Output[2].BaseObject} synced operations, {inDoubt} in doubt");

        using var rerun = session.Run(SyncScript + " -ErrorAction SilentlyContinue", vars);
        Assert.Null(rerun.Thrown);
        Assert.DoesNotContain(rerun.Output, o => o.Properties["Outcome"].Value.ToString() == "Failed");

        using var final = session.Run(@"
            @(Import-NzqaRecord -Path $csv -Kind Standard | Compare-NzqaStandard -AcademicYear 2026 | Where-Object Status -ne 'Match' | Where-Object Status -ne 'NzqaOnly').Count
            @(Get-NzqaSyncLog | Where-Object Outcome -in 'Pending', 'InDoubt').Count
            @(Get-NzqaSyncLog -Summary).Count
            (Get-NzqaSyncLog -Summary).LastSync -ne $null", vars);
        Assert.Equal(0, final.Output[0].BaseObject);                       // nothing lost
        Assert.Equal(rows.Count, nzqa.Entries(257, 2026).Count - before);  // nothing doubled
        Assert.Equal(0, final.Output[1].BaseObject);                       // every send settled
        Assert.True((bool)final.Output[3].BaseObject);
        Directory.Delete(work, true);
    }
}
