using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;

namespace NzqaSync.EngineTests;

/// <summary>samples/nightly-sync.ps1, the unattended script, run against the sandbox: its exit code both ways.</summary>
public class NightlySyncTests
{
    private static readonly string Script = Path.Combine(ModuleSession.RepoRoot, "samples", "nightly-sync.ps1");

    private static (int Exit, string[] Lines) RunNightly(SandboxHost sandbox, string export, string password = null)
    {
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        using var session = new ModuleSession();
        using var run = session.Run("& $script -BaseUri $nzqa -ProviderNumber 257 -SmsExportFolder $export -Credential $cred -JournalPath $journal; $LASTEXITCODE", new Hashtable
        {
            ["script"] = Script,
            ["nzqa"] = sandbox.Info.NzqaBaseUri,
            ["export"] = export,
            ["cred"] = ModuleSession.Credential(school.MachineAccount, password ?? school.Password),
            ["journal"] = Path.Combine(export, "journal"),
        });
        Assert.Null(run.Thrown);
        Assert.Equal(0, session.Host.Prompts);
        var lines = run.Output.Take(run.Output.Count - 1).Select(o => o.ToString()).ToArray();
        return ((int)run.Output.Last().BaseObject, lines);
    }

    private static async Task<string> SandboxExport(SandboxHost sandbox)
    {
        var folder = Directory.CreateTempSubdirectory("nzqasync-nightly-").FullName;
        using var http = new HttpClient { BaseAddress = sandbox.Origin };
        foreach (var file in new[] { "learners.csv", "enrolments.csv", "standards.csv" })
            await File.WriteAllBytesAsync(Path.Combine(folder, file), await http.GetByteArrayAsync($"sandbox/sms-export/257/{file}"));
        return folder;
    }

    /// <summary>An export that agrees with NZQA except for one year level: everything it needs to send can be sent.</summary>
    private static string CleanExport(SandboxHost sandbox)
    {
        var folder = Directory.CreateTempSubdirectory("nzqasync-nightly-").FullName;
        var nzqa = sandbox.State.Nzqa;
        static string D(DateOnly? d) => d?.ToString("yyyy-MM-dd") ?? "";
        static string Q(string s) => s == null ? "" : s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
        var learners = new StringBuilder("NSN,Student ID,First Name,Middle Name,Last Name,Date of Birth,Gender,Ethnicity 1,Ethnicity 2,Ethnicity 3\n");
        foreach (var l in nzqa.Learners(257))
            learners.Append($"{l.Nsn},{Q(l.LocalStudentId)},{Q(l.FirstName)},{Q(l.MiddleName)},{Q(l.LastName)},{D(l.DateOfBirth)},{l.Gender},{l.Ethnicities.ElementAtOrDefault(0)},{l.Ethnicities.ElementAtOrDefault(1)},{l.Ethnicities.ElementAtOrDefault(2)}\n");
        var enrolments = new StringBuilder("NSN,Student ID,First Name,Last Name,Enrolment Date,Year Level,Leaving Date,Leaving Reason\n");
        var first = true;
        foreach (var e in nzqa.Enrolments(257))
        {
            var year = first && e.LeavingDate == null ? e.YearLevel + 1 : e.YearLevel;
            if (e.LeavingDate == null) first = false;
            enrolments.Append($"{e.Nsn},{Q(e.LocalStudentId)},{Q(e.FirstName)},{Q(e.LastName)},{D(e.EnrolmentDate)},{year},{D(e.LeavingDate)},{e.LeavingReason}\n");
        }
        var standards = new StringBuilder("NSN,Standard,Version,Year,Entry Method,Result,Result Provider,Withdrawn\n");
        foreach (var s in nzqa.Entries(257))
            standards.Append($"{s.Nsn},{s.StandardNumber},{s.StandardVersion},{s.AcademicYear},{s.EntryMethod},{s.Result},{s.ResultProviderCode},{(s.Status == "Withdrawn" ? "Y" : "")}\n");
        File.WriteAllText(Path.Combine(folder, "learners.csv"), learners.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "enrolments.csv"), enrolments.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "standards.csv"), standards.ToString(), new UTF8Encoding(true));
        return folder;
    }

    [Fact]
    public async Task Exits_0_when_everything_needed_was_synced_and_1_when_records_were_invalid_or_refused()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 3, Students = 150, Today = new DateOnly(2026, 5, 11) });

        var clean = CleanExport(sandbox);
        var (ok, okLines) = RunNightly(sandbox, clean);
        Assert.True(ok == 0, string.Join("\n", okLines));
        Assert.Contains("Enrolment: ", okLines.Single(l => l.StartsWith("Enrolment:")));
        Assert.Contains(", 1 synced, 0 failed, 0 invalid", okLines.Single(l => l.StartsWith("Enrolment:")));
        Assert.Contains(okLines, l => l.StartsWith("Journal: "));

        var messy = await SandboxExport(sandbox);
        var (bad, badLines) = RunNightly(sandbox, messy);
        Assert.Equal(1, bad);
        Assert.Matches(@"Learner: \d+ compared, \d+ synced, \d+ failed, [1-9]\d* invalid", badLines.Single(l => l.StartsWith("Learner:")));
        Directory.Delete(clean, true);
        Directory.Delete(messy, true);
    }

    [Fact]
    public async Task Exits_2_without_prompting_when_it_cannot_start()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 3, Students = 60 });
        // The exports are there; the password is wrong.
        var folder = await SandboxExport(sandbox);
        var (code, lines) = RunNightly(sandbox, folder, password: "Zq9-canary");
        Assert.Equal(2, code);
        Assert.Contains(lines, l => l.Contains("cannot connect") && l.Contains("invalid_client"));
        Assert.DoesNotContain(lines, l => l.Contains("Zq9-canary"));
        // No exports at all (the right password): each missing file named, nothing sent.
        var empty = Directory.CreateTempSubdirectory("nzqasync-nightly-").FullName;
        (code, lines) = RunNightly(sandbox, empty);
        Assert.Equal(2, code);
        Assert.Equal(3, lines.Count(l => l.Contains("no export at")));
        Directory.Delete(folder, true);
        Directory.Delete(empty, true);
    }
}
