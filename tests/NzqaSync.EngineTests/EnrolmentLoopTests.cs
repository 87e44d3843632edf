using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>The daily enrolment loop end to end: the real module in the hosted engine against the sandbox.</summary>
public class EnrolmentLoopTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public EnrolmentLoopTests(SandboxFixture fixture) => _fixture = fixture;

    private EngineTest NewTest(int provider = 257)
    {
        var test = new EngineTest(_fixture, provider);
        var folder = test.JournalPath + "-data";
        Directory.CreateDirectory(folder);
        using var http = new HttpClient { BaseAddress = _fixture.Sandbox.Origin };
        foreach (var file in new[] { "learners.csv", "enrolments.csv", "standards.csv" })
            File.WriteAllBytes(Path.Combine(folder, file), http.GetByteArrayAsync($"sandbox/sms-export/{provider}/{file}").GetAwaiter().GetResult());
        test.Variables["csv"] = Path.Combine(folder, "enrolments.csv");
        test.Variables["learnersCsv"] = Path.Combine(folder, "learners.csv");
        test.Variables["standardsCsv"] = Path.Combine(folder, "standards.csv");
        return test;
    }

    private static Dictionary<string, int> Statuses(ScriptRun run) =>
        run.Output.Where(o => o.Properties["Status"] != null).GroupBy(o => o.Properties["Status"].Value.ToString()).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void Compare_sync_compare_again_leaves_everything_matched()
    {
        using var test = NewTest();
        using var first = test.Run(EngineTest.Connect + "Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment");
        var before = Statuses(first);
        foreach (var status in new[] { "Match", "New", "Different", "Leaver", "NzqaOnly", "Invalid" })
            Assert.True(before.ContainsKey(status), $"the demo data has no {status} enrolment: {string.Join(", ", before)}");
        Assert.All(first.Errors.Where(e => e.FullyQualifiedErrorId.Contains("CompareNzqaEnrolment")),
            e => Assert.StartsWith("Nzqa", e.FullyQualifiedErrorId));

        // NZQA needs the learner before the enrolment: Learner Details go first, as in the daily script.
        using var learners = test.Run("Import-NzqaRecord -Path $learnersCsv -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue | Sync-NzqaLearner -ErrorAction SilentlyContinue");
        using var sync = test.Run("Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Status -ne 'Match' | Sync-NzqaEnrolment");
        var results = sync.Output.Select(o => o.Properties).ToList();
        // The Helix banner's words, as Write-Progress: "Processing enrolments 150 of 387 (created 34, patched 64)".
        Assert.Contains(sync.Progress, p => System.Text.RegularExpressions.Regex.IsMatch(p.StatusDescription ?? "", @"^Processing enrolments \d+ of \d+ \(created \d+, patched \d+, failed \d+\)$"));
        Assert.Contains(first.Progress, p => p.Activity.StartsWith("Reading NZQA enrolments"));
        var sent = before["New"] + before["Different"] + before["Leaver"];
        // Nothing is sent that NZQA must refuse: the new student whose learner row cannot be read (an impossible date of
        // birth) was Invalid in the learner compare, so its new enrolment is held back, not POSTed to fail (LEARNER_UNKNOWN).
        var failed = results.Where(r => r["Outcome"].Value.ToString() == "Failed").ToList();
        Assert.Empty(failed);
        // The learner NZQA refused (NSN_CONFLICT) holds its new enrolment back too: Skipped, naming the learner's failure.
        var heldBack = results.Where(r => r["Outcome"].Value.ToString() == "Skipped" && string.Join(" ", (IEnumerable<string>)r["Errors"].Value).StartsWith("Held back")).ToList();
        Assert.Equal(2, heldBack.Count);
        Assert.Single(heldBack, r => string.Join(" ", (IEnumerable<string>)r["Errors"].Value).Contains("NSN_CONFLICT"));
        Assert.Single(heldBack, r => string.Join(" ", (IEnumerable<string>)r["Errors"].Value).Contains("its row in the SMS export is Invalid: DateOfBirth"));
        Assert.Equal(sent - failed.Count - heldBack.Count, results.Count(r => r["Outcome"].Value.ToString() == "Synced"));
        Assert.Equal(before["Leaver"], results.Count(r => r["Action"].Value.ToString() == "RecordLeaving" && r["SyncStatus"].Value.ToString() == "Leaver"));

        using var second = test.Run("Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue");
        var after = Statuses(second);
        Assert.Equal(new[] { "Invalid", "Match", "New", "NzqaOnly" }, after.Keys.OrderBy(k => k));
        Assert.Equal(failed.Count + heldBack.Count, after["New"]);
        Assert.Equal(before["Invalid"], after["Invalid"]);
        Assert.Equal(before["NzqaOnly"], after["NzqaOnly"]);

        using var log = test.Run("Get-NzqaSyncLog -Summary -Kind Enrolment; Get-NzqaSyncLog -Outcome Synced");
        var summary = log.Output[0].Properties;
        Assert.Equal("Enrolment", summary["Kind"].Value);
        var tried = sent - heldBack.Count; // what was held back was never sent
        Assert.Equal(tried - failed.Count, (int)summary["Synced"].Value);
        Assert.Equal(failed.Count, (int)summary["Failed"].Value);
        Assert.False((bool)summary["InProgress"].Value);
        Assert.StartsWith($"Processed enrolments {tried} of {tried} (created {before["New"] - failed.Count - heldBack.Count}", (string)summary["Progress"].Value);
        Assert.True(log.Output.Count - 2 >= tried - failed.Count);
    }

    [Fact]
    public void WhatIf_sends_nothing_and_says_what_it_would_do()
    {
        using var test = NewTest();
        using var first = test.Run(EngineTest.Connect + "Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue");
        var before = Statuses(first);
        using var whatIf = test.Run("Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Sync-NzqaEnrolment -WhatIf");
        Assert.DoesNotContain(whatIf.Output, o => o.Properties["Outcome"].Value.ToString() != "Skipped");
        Assert.Contains(test.Session.Host.Lines, l => l.StartsWith("What if: Performing the operation \"Create enrolment\" on target \"NSN "));
        using var second = test.Run("Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue");
        Assert.Equal(before, Statuses(second));
        Assert.False(Directory.Exists(test.JournalPath) && Directory.GetFiles(test.JournalPath).Length > 0, "-WhatIf wrote to the journal");
    }

    [Fact]
    public void A_bad_record_gets_its_own_error_and_the_others_still_sync()
    {
        using var test = NewTest();
        using var run = test.Run(EngineTest.Connect + @"
            $nzqaSide = @(Get-NzqaEnrolment)
            $good = $nzqaSide[0]
            $local = @(
                [pscustomobject]@{ NSN = $good.Nsn; 'Student ID' = $good.LocalStudentId; 'First Name' = $good.FirstName; 'Last Name' = $good.LastName
                                   'Enrolment Date' = $good.EnrolmentDate.ToString('yyyy-MM-dd'); 'Year Level' = $good.YearLevel + 1 }
                [pscustomobject]@{ NSN = '12AB'; 'First Name' = 'Hēmi'; 'Last Name' = 'Bad'; 'Enrolment Date' = '2026-02-02'; 'Year Level' = 10 }
            )
            $local | Compare-NzqaEnrolment | Where-Object Status -in 'Different', 'Invalid' | Sync-NzqaEnrolment");

        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaInvalidNsn,NzqaSync.Cmdlets.CompareNzqaEnrolmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("12AB", ((System.Management.Automation.PSObject)error.TargetObject).Properties["NSN"].Value);
        Assert.Contains("Hēmi", error.Exception.Message);
        var outcomes = run.Output.Select(o => (o.Properties["Nsn"].Value, o.Properties["Outcome"].Value.ToString())).ToList();
        Assert.Equal(2, outcomes.Count);
        Assert.Contains(outcomes, o => o.Item2 == "Synced");
        Assert.Contains(outcomes, o => (string)o.Item1 == "12AB" && o.Item2 == "Skipped");
    }

    [Fact]
    public void The_same_diffs_synced_twice_are_sent_once()
    {
        using var test = NewTest();
        using var run = test.Run(EngineTest.Connect + @"
            $good = @(Get-NzqaEnrolment)[0]
            $diff = @([pscustomobject]@{ NSN = $good.Nsn; 'Student ID' = $good.LocalStudentId; 'First Name' = $good.FirstName; 'Last Name' = $good.LastName
                                         'Enrolment Date' = $good.EnrolmentDate.ToString('yyyy-MM-dd'); 'Year Level' = $good.YearLevel + 1 } | Compare-NzqaEnrolment | Where-Object Status -eq 'Different')
            $first = @($diff | Sync-NzqaEnrolment)
            $second = @($diff | Sync-NzqaEnrolment)
            [pscustomobject]@{ First = ($first | ForEach-Object { '{0}/{1}/{2}' -f $_.Action, $_.Outcome, ($_.Errors -join '|') }) -join ';'
                               Second = $second[0].Outcome.ToString(); Why = ($second[0].Errors -join ' ')
                               Runs = @(Get-NzqaSyncLog | Where-Object Outcome -eq 'Synced').Count }");
        Assert.Empty(run.Errors);
        var r = Assert.Single(run.Output).Properties;
        Assert.Equal("Update/Synced/", r["First"].Value);
        Assert.Equal("Skipped", r["Second"].Value);
        Assert.Contains("Already synced", (string)r["Why"].Value);
        Assert.Equal(1, r["Runs"].Value);
    }

    [Fact]
    public void A_record_nzqa_refuses_fails_with_the_services_own_words_and_sets_an_error()
    {
        using var test = NewTest();
        // Without -ReleaseHeld the module does not send it at all: NZQA holds no learner with that NSN for the school.
        using var held = test.Run(EngineTest.Connect + @"
            [pscustomobject]@{ NSN = '9999999999'; 'First Name' = 'Nobody'; 'Last Name' = 'Known'; 'Enrolment Date' = '2026-02-02'; 'Year Level' = 10 } |
                Compare-NzqaEnrolment | Where-Object Status -eq 'New' | Sync-NzqaEnrolment -WarningAction SilentlyContinue");
        var skipped = Assert.Single(held.Output).Properties;
        Assert.Equal("Skipped", skipped["Outcome"].Value.ToString());
        Assert.Contains("NZQA holds no learner with NSN 9999999999", ((IEnumerable<string>)skipped["Errors"].Value).Single());
        // Sent anyway (-ReleaseHeld), NZQA refuses it in its own words.
        using var run = test.Run(@"
            [pscustomobject]@{ NSN = '9999999999'; 'First Name' = 'Nobody'; 'Last Name' = 'Known'; 'Enrolment Date' = '2026-02-02'; 'Year Level' = 10 } |
                Compare-NzqaEnrolment | Where-Object Status -eq 'New' | Sync-NzqaEnrolment -ReleaseHeld");
        var result = Assert.Single(run.Output).Properties;
        Assert.Equal("Failed", result["Outcome"].Value.ToString());
        Assert.Contains("LEARNER_UNKNOWN", ((IEnumerable<string>)result["Errors"].Value).Single());
        Assert.Equal("NzqaRefusedLearnerUnknown,NzqaSync.Cmdlets.SyncNzqaEnrolmentCommand", Assert.Single(run.Errors).FullyQualifiedErrorId);
        using var log = test.Run("Get-NzqaSyncLog -Outcome Failed");
        Assert.Equal("9999999999", Assert.Single(log.Output).Properties["Key"].Value);
        Assert.Null(Assert.Single(log.Output).Properties["Exchange"].Value); // read only when asked

        // The exact exchange for NZQA's support desk: this record's request and NZQA's answer, redacted.
        using var exchange = test.Run("Get-NzqaSyncLog -Key 9999999999 -IncludeExchange");
        var value = Assert.Single(exchange.Output).Properties["Exchange"].Value;
        Assert.Equal("NzqaSync.Journal.HttpExchange", value.GetType().FullName);
        var kept = System.Management.Automation.PSObject.AsPSObject(value).Properties;
        Assert.Equal("POST", kept["Method"].Value);
        Assert.Contains("/enrolments", (string)kept["Uri"].Value);
        Assert.Equal("Bearer [redacted]", ((System.Collections.IDictionary)kept["RequestHeaders"].Value)["Authorization"]);
        Assert.Contains("\"nsn\": \"9999999999\"", (string)kept["RequestBody"].Value);
        Assert.Contains("LEARNER_UNKNOWN", (string)kept["ResponseBody"].Value);
        Assert.NotNull(kept["StatusCode"].Value);
        Assert.Contains("LEARNER_UNKNOWN", value.ToString());
    }

    [Fact]
    public void Passwords_and_tokens_appear_in_no_stream_error_or_journal()
    {
        using var test = NewTest();
        var canary = _fixture.School().Password;
        using var run = test.Run(EngineTest.Connect.Trim() + @" -Verbose -Debug -KeepExchanges All
            $diff = Import-NzqaRecord -Path $csv -Kind Enrolment -Verbose -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -Verbose -Debug -ErrorAction SilentlyContinue
            # -ReleaseHeld: the enrolments held for want of a learner go too, so NZQA refuses some and their exchanges are kept.
            $diff | Where-Object Status -ne 'Match' | Sync-NzqaEnrolment -ReleaseHeld -Verbose -Debug -ErrorAction SilentlyContinue
            Get-NzqaSyncLog -Verbose
            Test-NzqaConnection -Verbose
            Get-NzqaEnrolment -Verbose -Debug | Where-Object Nsn -eq 'none'
            Get-NzqaSyncLog -IncludeExchange | Where-Object Exchange | ForEach-Object { $_.Exchange.ToString(); $_ | ConvertTo-Json -Depth 5 }");
        var tokens = _fixture.Sandbox.State.Tokens.IssuedValues().ToList();
        Assert.NotEmpty(tokens);
        var everything = new List<string>();
        everything.AddRange(run.Output.Select(o => o?.ToString() ?? ""));
        everything.AddRange(run.Verbose.Select(v => v.Message));
        everything.AddRange(run.Debug.Select(v => v.Message));
        everything.AddRange(run.Warnings.Select(v => v.Message));
        everything.AddRange(run.Errors.Select(e => e.ToString() + e.Exception));
        everything.AddRange(run.Information.Select(i => i.ToString()));
        everything.AddRange(test.Session.Host.Lines);
        everything.AddRange(Directory.GetFiles(test.JournalPath).Select(File.ReadAllText));
        Assert.Contains(everything, s => s.Contains("Sync run"));
        // The new paths are really exercised: kept exchanges came back, and -Debug wrote exchanges.
        Assert.Contains(run.Output, o => o?.ToString()?.Contains("Bearer [redacted]") == true);
        Assert.Contains(run.Debug, d => d.Message.StartsWith("HTTP exchange") && d.Message.Contains("Authorization: Bearer [redacted]"));
        Assert.Contains(Directory.GetFiles(test.JournalPath).Select(File.ReadAllText), t => t.Contains("\"exchange\""));
        foreach (var text in everything)
        {
            Assert.DoesNotContain(canary, text);
            foreach (var token in tokens) Assert.DoesNotContain(token, text);
            Assert.DoesNotContain("Basic ", text);
        }
    }
}
