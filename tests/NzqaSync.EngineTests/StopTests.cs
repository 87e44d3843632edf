using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Faults;

namespace NzqaSync.EngineTests;

/// <summary>Ctrl+C during a sync: it stops promptly and the journal stays consistent (no record left "in progress").</summary>
public class StopTests
{
    [Fact]
    public async Task Stopping_a_sync_cancels_promptly_and_leaves_the_journal_consistent()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 4, Students = 400, Today = new DateOnly(2026, 5, 11) });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var journal = Path.Combine(Path.GetTempPath(), "nzqasync-stop-" + Guid.NewGuid().ToString("N"));
        using var session = new ModuleSession();
        var vars = new Hashtable { ["nzqa"] = sandbox.Info.NzqaBaseUri, ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password), ["journal"] = journal };
        using (var setup = session.Run(@"
            Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal
            $diff = @(Get-NzqaEnrolment | Where-Object { -not $_.LeavingDate } | ForEach-Object {
                [pscustomobject]@{ NSN = $_.Nsn; 'Enrolment Date' = $_.EnrolmentDate; 'Year Level' = $_.YearLevel; 'Student ID' = 'STOP' } } | Compare-NzqaEnrolment)
            $diff.Count", vars))
            Assert.True((int)setup.Output[0].BaseObject > 200);

        sandbox.State.Faults.Set(new FaultSettings { LatencyMs = 300 });
        using var ps = PowerShell.Create();
        ps.Runspace = session.Runspace;
        ps.AddScript("$diff | Where-Object Status -eq 'Different' | Sync-NzqaEnrolment -BatchSize 5 -ThrottleLimit 1");
        var handle = ps.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sandbox.State.Nzqa.WriteCount < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop();
        try { ps.EndInvoke(handle); } catch (PipelineStoppedException) { }
        stopwatch.Stop();
        sandbox.State.Faults.Reset();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {stopwatch.Elapsed}");
        var sent = sandbox.State.Nzqa.WriteCount;
        await Task.Delay(1000);
        Assert.Equal(sent, sandbox.State.Nzqa.WriteCount); // nothing more is sent after the stop

        using var log = session.Run("Get-NzqaSyncLog -Summary; Get-NzqaSyncLog", vars);
        var summary = log.Output[0];
        Assert.False((bool)summary.Properties["InProgress"].Value);
        Assert.NotNull(summary.Properties["LastSync"].Value); // the run was ended in the journal
        var outcomes = log.Output.Skip(1).Select(o => o.Properties["Outcome"].Value.ToString()).ToList();
        Assert.NotEmpty(outcomes);
        Assert.DoesNotContain("Pending", outcomes);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "Synced", "InDoubt" }));

        // The next compare settles whatever was in flight when the stop came.
        using var settle = session.Run("$diff.Local | Compare-NzqaEnrolment | Out-Null; @(Get-NzqaSyncLog | Where-Object Outcome -eq 'InDoubt').Count", vars);
        Assert.Equal(0, settle.Output[0].BaseObject);
        Directory.Delete(journal, true);
    }
}
