using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NzqaSync.Sandbox;
using Xunit.Abstractions;

namespace NzqaSync.EngineTests;

/// <summary>
/// The module loads and works beside other versions of its dependencies (Polly.Core 8.5.2, Newtonsoft.Json 12.0.3),
/// whichever is loaded first. Each case runs in its own process, as a PowerShell session would.
/// </summary>
public class DependencyConflictTests
{
    private readonly ITestOutputHelper _out;
    public DependencyConflictTests(ITestOutputHelper output) => _out = output;

    private static string Meta(string key) => typeof(DependencyConflictTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private const string Script = @"
        Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal -ErrorAction Stop
        $e = @(Get-NzqaEnrolment | Where-Object { -not $_.LeavingDate })[0]
        if ($otherFirst -eq 'no') {
            # Another module loads its own, older Polly and Newtonsoft after NzqaSync has started using its own.
            [void][Reflection.Assembly]::LoadFrom($polly); [void][Reflection.Assembly]::LoadFrom($newtonsoft)
        }
        $result = [pscustomobject]@{ NSN = $e.Nsn; 'Enrolment Date' = $e.EnrolmentDate; 'Year Level' = $e.YearLevel; 'Student ID' = 'DEP' + $otherFirst } |
            Compare-NzqaEnrolment | Where-Object Status -eq 'Different' | Sync-NzqaEnrolment
        'outcome=' + $result.Outcome
        foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies()) {
            if ($a.GetName().Name -in 'Polly.Core', 'Newtonsoft.Json') { 'loaded=' + $a.GetName().Name + ' ' + $a.GetCustomAttributes([Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion }
        }";

    [Theory]
    [InlineData("yes")]
    [InlineData("no")]
    public async Task Syncs_beside_other_versions_of_polly_and_newtonsoft(string otherFirst)
    {
        Assert.True(File.Exists(Meta("ConflictingPolly")), Meta("ConflictingPolly"));
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 9, Students = 60 });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var work = Directory.CreateTempSubdirectory("nzqasync-deps-").FullName;
        File.WriteAllText(Path.Combine(work, "script.ps1"), Script);

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "NzqaSync.Demo.dll"), "--script", Path.Combine(work, "script.ps1"),
                                  "--var", $"nzqa={sandbox.Info.NzqaBaseUri}", "--var", $"journal={Path.Combine(work, "journal")}",
                                  "--var", $"otherFirst={otherFirst}", "--var", $"polly={Meta("ConflictingPolly")}", "--var", $"newtonsoft={Meta("ConflictingNewtonsoft")}",
                                  "--credential", school.MachineAccount, school.Password })
            start.ArgumentList.Add(a);
        if (otherFirst == "yes")
            start.Environment["NZQASYNC_DEMO_PRELOAD"] = Meta("ConflictingPolly") + Path.PathSeparator + Meta("ConflictingNewtonsoft");
        using var child = Process.Start(start)!;
        var stdout = await child.StandardOutput.ReadToEndAsync();
        var stderr = await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        _out.WriteLine(stdout + stderr);

        Assert.Equal(0, child.ExitCode);
        Assert.Contains("outcome=Synced", stdout);
        var polly = stdout.Split('\n').Where(l => l.StartsWith("loaded=Polly.Core")).ToList();
        Assert.Contains(polly, l => l.Contains("8.5.2"));                   // the other module's copy is there
        if (otherFirst == "no") Assert.Contains(polly, l => l.Contains("8.9.1")); // and NzqaSync kept its own beside it
        Directory.Delete(work, true);
    }
}
