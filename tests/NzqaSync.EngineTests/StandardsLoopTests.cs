using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;

namespace NzqaSync.EngineTests;

/// <summary>Learner Details and Standards end to end, and a transfer between two schools.</summary>
public class StandardsLoopTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public StandardsLoopTests(SandboxFixture fixture) => _fixture = fixture;

    private EngineTest NewTest(int provider = 257)
    {
        var test = new EngineTest(_fixture, provider);
        if (provider != 257) return test; // only the demo school has an SMS export
        var folder = test.JournalPath + "-data";
        Directory.CreateDirectory(folder);
        using var http = new HttpClient { BaseAddress = _fixture.Sandbox.Origin };
        foreach (var file in new[] { "learners.csv", "enrolments.csv", "standards.csv" })
        {
            File.WriteAllBytes(Path.Combine(folder, file), http.GetByteArrayAsync($"sandbox/sms-export/{provider}/{file}").GetAwaiter().GetResult());
            test.Variables[Path.GetFileNameWithoutExtension(file)] = Path.Combine(folder, file);
        }
        return test;
    }

    private static Dictionary<string, int> Statuses(IEnumerable<PSObject> output) =>
        output.Where(o => o.Properties["Status"] != null).GroupBy(o => o.Properties["Status"].Value.ToString()).ToDictionary(g => g.Key, g => g.Count());

    private static string P(PSObject o, string name) => o.Properties[name]?.Value?.ToString();
    private static string Kind(PSObject o) => P(o, "Kind");

    private const string SyncAll = @"
        Import-NzqaRecord $learners Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue | Sync-NzqaLearner -ErrorAction SilentlyContinue
        Import-NzqaRecord $enrolments Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Sync-NzqaEnrolment -ErrorAction SilentlyContinue
        Import-NzqaRecord $standards Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -ErrorAction SilentlyContinue | Sync-NzqaStandard -ErrorAction SilentlyContinue";

    [Fact]
    public void Learners_and_standards_compare_sync_compare_again_to_match()
    {
        using var test = NewTest();
        using var first = test.Run(EngineTest.Connect + @"
            Import-NzqaRecord $learners Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue
            Import-NzqaRecord $standards Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -ErrorAction SilentlyContinue");
        var learnersBefore = Statuses(first.Output.Where(o => Kind(o) == "Learner"));
        var standardsBefore = Statuses(first.Output.Where(o => Kind(o) == "Standard"));
        foreach (var status in new[] { "Match", "New", "Different", "NzqaOnly", "Invalid" })
        {
            Assert.True(learnersBefore.ContainsKey(status), $"no {status} learner");
            Assert.True(standardsBefore.ContainsKey(status), $"no {status} standard");
        }

        using var sync = test.Run(SyncAll);
        var failed = sync.Output.Where(o => o.Properties["Outcome"].Value.ToString() == "Failed").ToList();
        // What NZQA refuses in the demo data is a learner whose NSN belongs to someone else, and what follows from it.
        Assert.All(failed, f => Assert.Matches("NSN_CONFLICT|LEARNER_UNKNOWN|NOT_ENROLLED", string.Join(" ", (IEnumerable<string>)f.Properties["Errors"].Value)));

        using var second = test.Run(@"
            Import-NzqaRecord $learners Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue
            Import-NzqaRecord $standards Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -ErrorAction SilentlyContinue");
        // Only what NZQA refused, what was held back with it, and identity changes (never sent without
        // -AllowIdentityChange) are still to do.
        var notSent = sync.Output.Where(o => o.Properties["Outcome"].Value.ToString() == "Skipped" &&
            System.Text.RegularExpressions.Regex.IsMatch(string.Join(" ", (IEnumerable<string>)o.Properties["Errors"].Value), "^(Identity change not sent|Held back|Held:)")).ToList();
        Assert.NotEmpty(notSent);
        var pending = second.Output.Where(o => P(o, "Status") is "New" or "Different").ToList();
        var failedKeys = failed.Concat(notSent).Select(f => (string)f.Properties["Nsn"].Value).ToHashSet();
        Assert.All(pending, d => Assert.Contains(P(d, "Nsn"), failedKeys));
        Assert.Equal(learnersBefore["Invalid"], Statuses(second.Output.Where(o => Kind(o) == "Learner"))["Invalid"]);
    }

    [Fact]
    public void A_changed_result_shows_local_and_nzqa_side_by_side_and_syncs()
    {
        using var test = NewTest();
        using var run = test.Run(EngineTest.Connect + @"
            $achievement = @(Get-NzqaStandardDefinition | Where-Object Type -eq 'A').Number
            $entry = @(Get-NzqaStandard | Where-Object { $_.Result -eq 'A' -and $_.ResultProviderCode -in $null, 257 -and $_.StandardNumber -in $achievement })[0]
            $local = [pscustomobject]@{ NSN = $entry.Nsn; Standard = $entry.StandardNumber; Version = $entry.StandardVersion; Year = $entry.AcademicYear; Grade = 'E' }
            $diff = $local | Compare-NzqaStandard | Where-Object Status -ne 'NzqaOnly'
            $diff
            $diff | Where-Object { $_.LocalResult -ne $_.NzqaResult } | Sync-NzqaStandard
            (Get-NzqaStandard | Where-Object { $_.Nsn -eq $entry.Nsn -and $_.StandardNumber -eq $entry.StandardNumber }).Result");
        Assert.Empty(run.Errors);
        var diff = run.Output[0];
        Assert.Equal(("Different", "E", "A"), (P(diff, "Status"), P(diff, "LocalResult"), P(diff, "NzqaResult")));
        Assert.Equal("Synced", run.Output[1].Properties["Outcome"].Value.ToString());
        Assert.Equal("SubmitResult", run.Output[1].Properties["Action"].Value.ToString());
        Assert.Equal("E", run.Output[2].BaseObject);
    }

    [Fact]
    public void Each_rule_is_checked_locally_with_its_own_id_and_the_good_record_still_syncs()
    {
        using var test = NewTest();
        using var run = test.Run(EngineTest.Connect + @"
            $enrolled = @(Get-NzqaEnrolment)[0].Nsn
            $internal = @(Get-NzqaStandardDefinition | Where-Object { $_.Type -eq 'A' -and $_.Assessment -eq 'Internal' }).Number
            $taken = @(Get-NzqaStandard | Where-Object Nsn -eq $enrolled).StandardNumber
            $fresh = @($internal | Where-Object { $_ -notin $taken })
            $local = @(
                [pscustomobject]@{ NSN = $enrolled; Standard = $fresh[0]; Year = 2026; Grade = 'X' }
                [pscustomobject]@{ NSN = $enrolled; Standard = '99999'; Year = 2026; Grade = 'A' }
                [pscustomobject]@{ NSN = '9999999999'; Standard = $fresh[1]; Year = 2026; Grade = 'A' }
                [pscustomobject]@{ NSN = '12AB'; Standard = $fresh[2]; Year = 2026; Grade = 'A' }
                [pscustomobject]@{ NSN = $enrolled; Standard = $fresh[3]; Year = 2026; Grade = 'M' }
            )
            $fresh[3]
            $local | Compare-NzqaStandard -AcademicYear 2026 | Where-Object Status -ne 'NzqaOnly' | Sync-NzqaStandard");
        var ids = run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).ToList();
        Assert.Equal(new[] { "NzqaInvalidResult", "NzqaUnknownStandard", "NzqaNoActiveEnrolment", "NzqaInvalidNsn" }, ids);
        Assert.All(run.Errors, e => Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category));
        var good = (string)run.Output[0].BaseObject;
        var results = run.Output.Skip(1).ToList();
        var synced = results.Where(o => P(o, "Outcome") == "Synced").ToList();
        Assert.Equal(good, P(Assert.Single(synced), "Key").Split('/')[1]);
        Assert.Equal(4, results.Count(o => P(o, "Outcome") == "Skipped"));
    }

    [Fact]
    public void A_student_who_moves_school_keeps_the_first_schools_results()
    {
        using var school257 = NewTest(257);
        using var before = school257.Run(EngineTest.Connect + @"
            $withResults = Get-NzqaStandard | Where-Object { $_.Result -and $_.Status -ne 'Withdrawn' }
            $moving = ($withResults | Where-Object { $_.Nsn -in @(Get-NzqaEnrolment | Where-Object { -not $_.LeavingDate }).Nsn })[0].Nsn
            $moving
            @($withResults | Where-Object Nsn -eq $moving).Count
            Get-NzqaLearner | Where-Object Nsn -eq $moving");
        var nsn = (string)before.Output[0].BaseObject;
        var resultCount = (int)before.Output[1].BaseObject;
        var learner = before.Output[2];
        Assert.True(resultCount > 0);

        using var school311 = NewTest(311);
        school311.Variables["nsn"] = nsn;
        school311.Variables["learner"] = learner;
        // The new school registers the learner first (NZQA links the NSN to it), then the enrolment.
        using var move = school311.Run(EngineTest.Connect + @"
            $learner | Compare-NzqaLearner | Where-Object Status -eq 'New' | Sync-NzqaLearner
            [pscustomobject]@{ NSN = $nsn; 'Enrolment Date' = '2026-05-04'; 'Year Level' = 12 } | Compare-NzqaEnrolment | Where-Object Status -eq 'New' | Sync-NzqaEnrolment
            @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn).Count
            @(Get-NzqaStandard | Where-Object Nsn -eq $nsn).Count");
        Assert.Empty(move.Errors);
        Assert.Equal("Synced", move.Output[0].Properties["Outcome"].Value.ToString());
        Assert.Equal("Synced", move.Output[1].Properties["Outcome"].Value.ToString());
        Assert.Equal(1, move.Output[2].BaseObject);
        Assert.Equal(0, move.Output[3].BaseObject);

        school257.Variables["nsn"] = nsn;
        using var after2 = school257.Run(@"
            @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn).Count
            Get-NzqaStandard | Where-Object { $_.Nsn -eq $nsn -and $_.Result }");
        Assert.Equal(0, after2.Output[0].BaseObject);
        var kept = after2.Output.Skip(1).ToList();
        Assert.Equal(resultCount, kept.Count);
        Assert.All(kept, r => Assert.Equal("257", P(r, "ProviderNumber")));
    }
}
