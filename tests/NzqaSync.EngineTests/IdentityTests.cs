using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>
/// Identities are never overwritten by accident (issue 12, item 3), tried as a new user would over two nights against
/// the sandbox's seeded NSN conflict (an NSN NZQA registered with another date of birth).
/// </summary>
public class IdentityTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public IdentityTests(SandboxFixture fixture) => _fixture = fixture;

    private EngineTest NewTest()
    {
        var test = new EngineTest(_fixture);
        var folder = test.JournalPath + "-data";
        Directory.CreateDirectory(folder);
        using var http = new HttpClient { BaseAddress = _fixture.Sandbox.Origin };
        foreach (var file in new[] { "learners.csv", "enrolments.csv", "standards.csv" })
            File.WriteAllBytes(Path.Combine(folder, file), http.GetByteArrayAsync($"sandbox/sms-export/257/{file}").GetAwaiter().GetResult());
        test.Variables["learnersCsv"] = Path.Combine(folder, "learners.csv");
        test.Variables["enrolmentsCsv"] = Path.Combine(folder, "enrolments.csv");
        test.Variables["standardsCsv"] = Path.Combine(folder, "standards.csv");
        return test;
    }

    private const string Night = EngineTest.Connect + @"
$learners = @(Import-NzqaRecord -Path $learnersCsv -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue |
    Where-Object Status -in 'New','Different','Leaver' | Sync-NzqaLearner -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
$enrolments = @(Import-NzqaRecord -Path $enrolmentsCsv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue |
    Where-Object Status -in 'New','Different','Leaver' | Sync-NzqaEnrolment -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
$standards = @(Import-NzqaRecord -Path $standardsCsv -Kind Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -ErrorAction SilentlyContinue |
    Where-Object Status -in 'New','Different','Leaver' | Sync-NzqaStandard -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
[pscustomobject]@{ Learners = $learners; Enrolments = $enrolments; Standards = $standards }
";

    private static IReadOnlyList<PSObject> Area(ScriptRun run, string name) =>
        ((IEnumerable<object>)run.Output.Last().Properties[name].Value).Select(PSObject.AsPSObject).ToList();

    private static string Errors(PSObject r) => string.Join(" ", (IEnumerable<string>)r.Properties["Errors"].Value);

    [Fact]
    public void An_nsn_conflict_is_held_its_enrolment_and_entries_held_back_and_released_when_the_sms_changes()
    {
        using var test = NewTest();
        var store = _fixture.Sandbox.State.Nzqa;

        // Night 1: NZQA refuses the learner; its enrolment and entries are not sent the same night.
        using var night1 = test.Run(Night);
        Assert.Null(night1.Thrown);
        var refused = Assert.Single(Area(night1, "Learners"), r => Errors(r).Contains("NSN_CONFLICT"));
        Assert.Equal("Failed", refused.Properties["Outcome"].Value.ToString());
        var nsn = (string)refused.Properties["Nsn"].Value;
        var dobAtNzqa = store.Learner(nsn).DateOfBirth;
        var enrolment = Assert.Single(Area(night1, "Enrolments"), r => (string)r.Properties["Nsn"].Value == nsn);
        Assert.Equal("Skipped", enrolment.Properties["Outcome"].Value.ToString());
        Assert.Contains("Held back", Errors(enrolment));
        Assert.Contains("NSN_CONFLICT", Errors(enrolment));
        Assert.DoesNotContain(store.Enrolments(257), e => e.Nsn == nsn);
        var entries = Area(night1, "Standards").Where(r => (string)r.Properties["Nsn"].Value == nsn).ToList();
        Assert.All(entries, e => Assert.Equal("Skipped", e.Properties["Outcome"].Value.ToString()));
        Assert.DoesNotContain(store.Entries(257), e => e.Nsn == nsn);

        // Night 2 (a new connection): the learner is held with NZQA's words and the run that was refused; nothing of it is sent.
        using var night2 = test.Run(Night);
        var held = Assert.Single(Area(night2, "Learners"), r => (string)r.Properties["Nsn"].Value == nsn);
        Assert.Equal("Skipped", held.Properties["Outcome"].Value.ToString());
        Assert.Contains("Held: NZQA refused this learner in run " + refused.Properties["RunId"].Value, Errors(held));
        Assert.Contains("NSN_CONFLICT", Errors(held));
        Assert.Equal(dobAtNzqa, store.Learner(nsn).DateOfBirth);
        Assert.Equal("Skipped", Assert.Single(Area(night2, "Enrolments"), r => (string)r.Properties["Nsn"].Value == nsn).Properties["Outcome"].Value.ToString());
        Assert.DoesNotContain(store.Enrolments(257), e => e.Nsn == nsn);

        // The school corrects the date of birth in the SMS: the changed data is sent (and accepted), then the enrolment.
        var lines = File.ReadAllLines((string)test.Variables["learnersCsv"]!).ToList();
        var header = lines[0].Split(',').ToList();
        var dobColumn = header.FindIndex(h => h.Replace(" ", "").Equals("DateOfBirth", StringComparison.OrdinalIgnoreCase) || h.Equals("DOB", StringComparison.OrdinalIgnoreCase));
        Assert.True(dobColumn >= 0, lines[0]);
        var row = lines.FindIndex(l => l.Contains(nsn));
        var cells = lines[row].Split(',');
        cells[dobColumn] = dobAtNzqa.ToString("yyyy-MM-dd");
        lines[row] = string.Join(",", cells);
        File.WriteAllLines((string)test.Variables["learnersCsv"]!, lines);
        using var night3 = test.Run(Night);
        Assert.Equal("Synced", Assert.Single(Area(night3, "Learners"), r => (string)r.Properties["Nsn"].Value == nsn).Properties["Outcome"].Value.ToString());
        Assert.Equal("Synced", Assert.Single(Area(night3, "Enrolments"), r => (string)r.Properties["Nsn"].Value == nsn).Properties["Outcome"].Value.ToString());
        Assert.Contains(store.Enrolments(257), e => e.Nsn == nsn);
    }

    [Fact]
    public void A_date_of_birth_change_of_a_learner_NZQA_holds_is_sent_only_with_AllowIdentityChange()
    {
        using var test = NewTest();
        var store = _fixture.Sandbox.State.Nzqa;
        using var first = test.Run(EngineTest.Connect + "Import-NzqaRecord -Path $learnersCsv -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue | Where-Object Status -eq 'Match'");
        var learner = store.Learner((string)first.Output.First().Properties["Nsn"].Value);
        var changed = learner.DateOfBirth.AddDays(1).ToString("yyyy-MM-dd");
        test.Variables["nsn"] = learner.Nsn;
        test.Variables["dob"] = changed;
        const string Diff = EngineTest.Connect + @"
Import-NzqaRecord -Path $learnersCsv -Kind Learner -ErrorAction SilentlyContinue | ForEach-Object { if ($_.Nsn -eq $nsn) { $_.DateOfBirth = [datetime]$dob }; $_ } |
    Compare-NzqaLearner -ErrorAction SilentlyContinue | Where-Object Nsn -eq $nsn";
        using var compare = test.Run(Diff);
        var diff = Assert.Single(compare.Output);
        Assert.Equal("Different", diff.Properties["Status"].Value.ToString());
        Assert.True((bool)diff.Properties["IdentityChange"].Value);

        using var plain = test.Run(Diff + " | Sync-NzqaLearner -WarningVariable w; $w");
        var result = plain.Output.First(o => o.BaseObject.GetType().Name == "SyncResult");
        Assert.Equal("Skipped", result.Properties["Outcome"].Value.ToString());
        Assert.Contains("-AllowIdentityChange", Errors(result));
        Assert.Contains(plain.Output, o => o.BaseObject is WarningRecord w && w.Message.Contains("Identity change not sent"));
        Assert.Equal(learner.DateOfBirth, store.Learner(learner.Nsn).DateOfBirth);

        using var allowed = test.Run(Diff + " | Sync-NzqaLearner -AllowIdentityChange");
        Assert.Equal("Synced", allowed.Output.Single().Properties["Outcome"].Value.ToString());
        Assert.Equal(changed, store.Learner(learner.Nsn).DateOfBirth.ToString("yyyy-MM-dd"));
    }
}
