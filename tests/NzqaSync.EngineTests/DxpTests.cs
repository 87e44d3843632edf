using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Dxp;

namespace NzqaSync.EngineTests;

/// <summary>The DXP cmdlets in the hosted engine against the sandbox's TEC DXP (EDUMIS 7001).</summary>
public class DxpTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public DxpTests(SandboxFixture fixture) => _fixture = fixture;

    private DxpStore Store => _fixture.Sandbox.State.Dxp;

    private EngineTest Test()
    {
        var o = Store.Options;
        o.MaxRecordPerBatch = 500;
        o.ProcessingDelay = TimeSpan.Zero;
        o.SubmissionTokenLifetime = TimeSpan.FromMinutes(60);
        o.ValidationStepDuration = TimeSpan.FromMilliseconds(300);
        var test = new EngineTest(_fixture, 7001);
        test.Variables["dxp"] = _fixture.Sandbox.Info.DxpBaseUri;
        test.Variables["edumis"] = 7001;
        return test;
    }

    private const string Connect = "Connect-Dxp -BaseUri $dxp -Edumis $edumis -Credential $cred -JournalPath $journal\n";

    /// <summary>Starts from an empty submission for <paramref name="returnId"/>.</summary>
    private static void Reset(EngineTest test, string returnId)
    {
        using var run = test.Run(Connect + $"Reset-DxpSubmission -ReturnId {returnId} -Force");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
    }

    private string TokenOf(EngineTest test, string returnId)
    {
        using var run = test.Run(Connect + $"(Get-DxpSubmission -ReturnId {returnId}).SubmissionToken");
        Assert.Empty(run.Errors);
        return (string)run.Output.Single().BaseObject;
    }

    private HashSet<string> Held(string token, string dataset) =>
        Store.Records(token, dataset).Select(r => (string)r["localId"]!).ToHashSet(StringComparer.Ordinal);

    // The module's typed records are built in the hosted engine from script so the test needs no reference to the module.
    private const string MakeEnrolments = @"
        function New-Enrolments([int]$count, [string]$prefix, [int]$first = 0) {
            for ($i = $first; $i -lt $first + $count; $i++) {
                $r = [NzqaSync.Domain.Dxp.CourseEnrolmentRecord]::new()
                $r.LocalId = '{0}-{1:d5}' -f $prefix, $i
                $r.StudentIdentificationCode = 'S{0:d7}' -f $i
                $r.QualificationCode = 'BC1234'
                $r.CourseCode = 'ECON{0}' -f (100 + $i % 50)
                $r.CourseStartDate = [datetime]::new(2026, 2, 23)
                $r.CourseEndDate = [datetime]::new(2026, 6, 19)
                $r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = '0'
                $r.IntramuralExtramuralAttendance = 1
                $r.CourseDeliverySite = '1'
                $r.SourceOfFunding = '01'
                $r.ResidentialStatus = 'N'
                $r.AustralianResidentialStatus = $false
                $r.FundingCategory = 'A1'
                $r.CourseClassification = [decimal]'1.1'
                $r.NzscedFieldOfStudy = '030101'
                $r.CourseEftsFactor = [decimal]'0.125'
                $r.NationalStudentNumber = 100000 + $i
                $r
            }
        }
        function New-Completions([int]$count, [string]$prefix) {
            for ($i = 0; $i -lt $count; $i++) {
                $r = [NzqaSync.Domain.Dxp.QualificationCompletionRecord]::new()
                $r.LocalId = '{0}-{1:d5}' -f $prefix, $i
                $r.StudentIdentificationCode = 'S{0:d7}' -f $i
                $r.NationalStudentNumber = 100000 + $i
                $r.QualificationCode = 'BC1234'
                $r.YearRequirementsMet = 2026
                $r.QualificationCompletionDate = [datetime]::new(2026, 11, 20)
                $r.IrdNumber = '49-091-850'
                $r
            }
        }
";

    [Fact]
    public void A_few_thousand_records_upload_in_batches_and_the_sandbox_holds_exactly_them()
    {
        using var test = Test();
        Store.Options.MaxRecordPerBatch = 250;
        Reset(test, "202604");
        using var run = test.Run(Connect + MakeEnrolments + @"
            $ce = New-Enrolments 2000 'ce'
            $qc = New-Completions 1000 'qc'
            $a = $ce | Send-DxpCourseEnrolment -ReturnId 202604 -Verbose
            $b = $qc | Send-DxpQualificationCompletion -ReturnId 202604 -Verbose
            $a; $b");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var results = run.Output.Select(o => o.BaseObject).ToList();
        Assert.Equal(3000, results.Count);
        Assert.All(results, r => Assert.Equal("Accepted", ((dynamic)r).Outcome.ToString()));
        Assert.Equal("NzqaSync.Sync.DxpUploadResult", results[0].GetType().FullName);

        var token = TokenOf(test, "202604");
        var ce = Held(token, "course-enrolments");
        var qc = Held(token, "qualification-completions");
        Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"ce-{i:d5}").ToHashSet(), ce);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"qc-{i:d5}").ToHashSet(), qc);
        Assert.Equal(2000, Store.Records(token, "course-enrolments").Count);

        var verbose = run.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, m => m.Contains("batch 8 of 8, 250 records"));
        Assert.Contains(verbose, m => m.Contains("2000 records in 8 batches of up to 250"));
        Assert.Contains(verbose, m => m.Contains("gzipped"));
        Assert.Contains(run.Progress, p => p.StatusDescription.Contains("of 2000 course enrolments"));

        using var log = test.Run(Connect + "Get-NzqaSyncLog -Api Dxp");
        Assert.Empty(log.Errors);
        var groups = log.Output.Select(o => (dynamic)o.BaseObject).GroupBy(e => $"{e.Kind}, {e.Outcome}").Select(g => $"{g.Key}={g.Count()}").OrderBy(s => s).ToArray();
        Assert.Equal(new[] { "CourseEnrolment, Synced=2000", "QualificationCompletion, Synced=1000" }, groups);

        AssertNoSecret(test, run, log);
    }

    [Fact]
    public void Re_uploading_a_changed_record_replaces_it_and_the_csv_read_back_shows_one_copy_with_the_new_values()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect + @"
            $row = [pscustomobject]@{
                'Student ID' = 'S0000042'; 'Qualification' = 'BC1234'; 'Course Code' = 'ACCT101'
                'Course Start Date' = '23/02/2026'; 'Course End Date' = '2026-06-19'
                'Category of Fees' = '00'; 'Attendance' = '1'; 'Delivery Site' = '01'; 'Funding Source' = '1'
                'Residential Status' = 'n'; 'Australian Resident' = 'N'; 'Funding Category' = 'A1'
                'Course Classification' = '1.1'; 'NZSCED' = '030101'; 'EFTS Factor' = '0.125'; 'NSN' = '100042'
            }
            $first = $row | Send-DxpCourseEnrolment -ReturnId 202608
            $row.'EFTS Factor' = '0.1'; $row.'Course End Date' = '2026-04-30'
            $second = $row | Send-DxpCourseEnrolment -ReturnId 202608
            $first; $second
            Get-DxpSubmissionContent -ReturnId 202608 -Dataset CourseEnrolment
            Get-DxpSubmissionContent -ReturnId 202608 -Dataset CourseEnrolment -Raw");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        dynamic first = run.Output[0].BaseObject, second = run.Output[1].BaseObject;
        Assert.Equal("Accepted", first.Outcome.ToString());
        Assert.Equal("Accepted", second.Outcome.ToString());
        Assert.StartsWith("ce-", (string)first.LocalId);
        Assert.Equal((string)first.LocalId, (string)second.LocalId); // derived from the natural key: the re-upload replaces

        dynamic back = Assert.Single(run.Output.Skip(2).Where(o => o.BaseObject.GetType().Name == "CourseEnrolmentRecord")).BaseObject;
        Assert.Equal((string)first.LocalId, (string)back.LocalId);
        Assert.Equal(0.1m, (decimal)back.CourseEftsFactor);
        Assert.Equal(new DateTime(2026, 4, 30), (DateTime)back.CourseEndDate);   // NZ date again, from UTC
        Assert.Equal(new DateTime(2026, 2, 23), (DateTime)back.CourseStartDate);
        Assert.Equal(new[] { 0.0334m, 0.0333m, 0.0333m }, (decimal[])back.EftsByMonth);
        var csv = (string)run.Output.Last().BaseObject;
        Assert.Equal(2, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("2026-02-23T00:00:00Z", csv);
    }

    [Fact]
    public void A_bad_record_is_refused_locally_naming_the_field_and_the_others_go()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect + MakeEnrolments + @"
            $records = @(New-Enrolments 3 'bad')
            $records[1].SourceOfFunding = '99'
            $records | Send-DxpCourseEnrolment -ReturnId 202608
            '$?=' + $?");
        Assert.Null(run.Thrown);
        var error = Assert.Single(run.Errors);
        Assert.Equal("DxpCodeNotInList,NzqaSync.Cmdlets.SendDxpCourseEnrolmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("sourceOfFunding", error.Exception.Message);
        Assert.Contains("bad-00001", error.Exception.Message);
        Assert.Equal("CourseEnrolmentRecord", (error.TargetObject is PSObject pso ? pso.BaseObject : error.TargetObject).GetType().Name);
        var outcomes = run.Output.Where(o => o.BaseObject is not string).Select(o => ((dynamic)o.BaseObject).Outcome.ToString() + " " + ((dynamic)o.BaseObject).LocalId).OrderBy(s => (string)s).ToArray();
        Assert.Equal(new[] { "Accepted bad-00000", "Accepted bad-00002", "Invalid bad-00001" }, outcomes);
        Assert.Equal("$?=False", run.Output.Last().ToString());
        Assert.Equal(new[] { "bad-00000", "bad-00002" }.ToHashSet(), Held(TokenOf(test, "202608"), "course-enrolments"));
    }

    [Fact]
    public void A_repeated_localId_is_caught_before_sending()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect + MakeEnrolments + @"
            $records = @(New-Enrolments 2 'dup')
            $records[1].LocalId = $records[0].LocalId
            $records | Send-DxpCourseEnrolment -ReturnId 202608");
        var error = Assert.Single(run.Errors);
        Assert.Equal("DxpLocalIdDuplicate,NzqaSync.Cmdlets.SendDxpCourseEnrolmentCommand", error.FullyQualifiedErrorId);
        Assert.Single(Held(TokenOf(test, "202608"), "course-enrolments"));
    }

    [Fact]
    public void Two_sessions_racing_on_one_dataset_never_lose_a_record()
    {
        using var a = Test();
        using var b = Test();
        Store.Options.MaxRecordPerBatch = 100;
        Store.Options.ProcessingDelay = TimeSpan.FromMilliseconds(40);
        Reset(a, "202612");
        var script = Connect + MakeEnrolments + "New-Enrolments 600 $prefix $first | Send-DxpCourseEnrolment -ReturnId 202612 -Verbose";
        a.Variables["prefix"] = "race-a"; a.Variables["first"] = 0;
        b.Variables["prefix"] = "race-b"; b.Variables["first"] = 600;
        var ta = Task.Run(() => a.Run(script));
        var tb = Task.Run(() => b.Run(script));
        using var ra = ta.Result;
        using var rb = tb.Result;
        Assert.Empty(ra.Errors);
        Assert.Empty(rb.Errors);
        Assert.Equal(1200, ra.Output.Count + rb.Output.Count);
        Assert.All(ra.Output.Concat(rb.Output), o => Assert.Equal("Accepted", ((dynamic)o.BaseObject).Outcome.ToString()));
        var held = Held(TokenOf(a, "202612"), "course-enrolments");
        Assert.Equal(1200, held.Count);
        // DXP answered DS1 (one request at a time per EID + dataset) and the sender waited and tried again.
        Assert.Contains(ra.Verbose.Concat(rb.Verbose), v => v.Message.Contains("429"));
    }

    [Fact]
    public void A_submission_token_expiring_mid_upload_is_renewed_without_losing_or_doubling_anything()
    {
        using var test = Test();
        Store.Options.MaxRecordPerBatch = 100;
        Store.Options.ProcessingDelay = TimeSpan.FromMilliseconds(30);
        Reset(test, "202603");
        var token = TokenOf(test, "202603");
        using var stop = new CancellationTokenSource();
        var expiries = 0;
        var expirer = Task.Run(async () =>
        {
            // Expire the token twice: once a third of the records are in, and again later.
            while (!stop.IsCancellationRequested && Store.Records(token, "course-enrolments").Count < 300) await Task.Delay(5);
            Store.ExpireSubmissionTokens();
            expiries++;
        });
        using var run = test.Run(Connect + MakeEnrolments + "New-Enrolments 1000 'exp' | Send-DxpCourseEnrolment -ReturnId 202603 -Verbose");
        stop.Cancel();
        expirer.Wait();
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        Assert.Equal(1, expiries);
        Assert.Equal(1000, run.Output.Count);
        Assert.All(run.Output, o => Assert.Equal("Accepted", ((dynamic)o.BaseObject).Outcome.ToString()));
        Assert.Contains(run.Verbose, v => v.Message.Contains("SC1") && v.Message.Contains("new submission token"));
        var newToken = TokenOf(test, "202603");
        Assert.NotEqual(token, newToken);
        var records = Store.Records(newToken, "course-enrolments");
        Assert.Equal(1000, records.Count);
        Assert.Equal(1000, records.Select(r => (string)r["localId"]!).Distinct().Count());
    }

    [Fact]
    public void Validation_runs_and_its_results_page_through_as_objects()
    {
        using var test = Test();
        Reset(test, "202604");
        using var run = test.Run(Connect + MakeEnrolments + @"
            $records = @(New-Enrolments 4 'val')
            $records[3].StudentIdentificationCode = $records[2].StudentIdentificationCode
            $records[3].CourseCode = $records[2].CourseCode          # same student, course and start: DUP01
            $records[0].SourceOfFunding = '11'                           # a historic fund: SOF01 warning
            $null = $records | Send-DxpCourseEnrolment -ReturnId 202604 -WarningAction SilentlyContinue
            $started = Start-DxpValidation -ReturnId 202604
            $done = Get-DxpValidation -ReturnId 202604 -Wait -TimeoutSeconds 30
            $issues = @(Get-DxpValidationResult -ReturnId 202604 -PageSize 1)
            $started.Status; $done.Status; $done.ErrorCount; $done.WarningCount
            $issues");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        Assert.Equal("Queued", run.Output[0].ToString());
        Assert.Equal("Processed", run.Output[1].ToString());
        Assert.Equal(1, (int)run.Output[2].BaseObject);
        Assert.Equal(1, (int)run.Output[3].BaseObject);
        var issues = run.Output.Skip(4).Select(o => (dynamic)o.BaseObject).ToList();
        Assert.Equal(2, issues.Count);
        Assert.Equal(new[] { "DUP01", "SOF01" }, issues.Select(i => (string)i.ErrorCode).OrderBy(c => c).ToArray());
        Assert.Contains(run.Progress, p => p.Activity.Contains("Validating DXP return 202604"));
    }

    [Fact]
    public void Reset_with_Force_drops_the_records_and_without_it_a_non_interactive_host_is_not_prompted()
    {
        using var test = Test();
        Reset(test, "202608");
        using (var up = test.Run(Connect + MakeEnrolments + "$null = New-Enrolments 3 'rst' | Send-DxpCourseEnrolment -ReturnId 202608"))
            Assert.Empty(up.Errors);
        var token = TokenOf(test, "202608");

        using var refused = test.Run(Connect + "Reset-DxpSubmission -ReturnId 202608; 'after'");
        Assert.Null(refused.Thrown);
        var error = Assert.Single(refused.Errors);
        Assert.Equal("DxpResetNotConfirmed,NzqaSync.Cmdlets.ResetDxpSubmissionCommand", error.FullyQualifiedErrorId);
        Assert.Equal("after", refused.Output.Last().ToString());
        Assert.Equal(1, test.Session.Host.Prompts);   // ShouldContinue asked; this host cannot answer, so nothing was reset
        Assert.Equal(3, Store.Records(token, "course-enrolments").Count);

        using var whatIf = test.Run(Connect + "Reset-DxpSubmission -ReturnId 202608 -Force -WhatIf");
        Assert.Empty(whatIf.Errors);
        Assert.Equal(3, Store.Records(token, "course-enrolments").Count);

        using var forced = test.Run(Connect + "Reset-DxpSubmission -ReturnId 202608 -Force; (Get-DxpSubmission -ReturnId 202608).SubmissionToken");
        Assert.Empty(forced.Errors);
        var fresh = (string)forced.Output.Single().BaseObject;
        Assert.NotEqual(token, fresh);
        Assert.Empty(Store.Records(fresh, "course-enrolments"));
        Assert.Equal(1, test.Session.Host.Prompts);   // -WhatIf and -Force asked nothing more
    }

    [Fact]
    public void Remove_DxpRecord_takes_upload_results_from_the_pipeline()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect + MakeEnrolments + @"
            $sent = New-Enrolments 3 'rm' | Send-DxpCourseEnrolment -ReturnId 202608
            $sent[0], $sent[2] | Remove-DxpRecord
            Remove-DxpRecord -ReturnId 202608 -Dataset CourseEnrolment -LocalId 'no-such-id'");
        var removed = run.Output.Select(o => (dynamic)o.BaseObject).ToList();
        Assert.Equal(new[] { "Removed rm-00000", "Removed rm-00002", "Rejected no-such-id" }, removed.Select(r => r.Outcome.ToString() + " " + (string)r.LocalId).ToArray());
        var error = Assert.Single(run.Errors);
        Assert.Equal("DxpRecordNotDeleted,NzqaSync.Cmdlets.RemoveDxpRecordCommand", error.FullyQualifiedErrorId);
        Assert.Equal(new[] { "rm-00001" }.ToHashSet(), Held(TokenOf(test, "202608"), "course-enrolments"));
    }

    [Fact]
    public void Cmdlets_say_when_not_connected_and_Test_DxpConnection_reports_without_throwing()
    {
        using var test = Test();
        test.Variables["bad"] = ModuleSession.Credential("te-awa-machine", "canary-Wrong-Passw0rd");
        using var run = test.Run(@"
            Disconnect-Dxp
            Get-DxpReturn -ErrorAction SilentlyContinue
            Test-DxpConnection -BaseUri $dxp -Edumis $edumis -Credential $cred
            Test-DxpConnection -BaseUri $dxp -Edumis $edumis -Credential $bad
            Test-DxpConnection -BaseUri $dxp -Edumis 257 -Credential $cred");
        var error = Assert.Single(run.Errors);
        Assert.Equal("DxpNotConnected,NzqaSync.Cmdlets.GetDxpReturnCommand", error.FullyQualifiedErrorId);
        var problems = run.Output.Select(o => (string)o.Properties["Problem"].Value).ToArray();
        Assert.Equal(new[] { "None", "BadCredentials", "WrongProvider" }, problems);
        Assert.DoesNotContain(run.Output, o => o.ToString()!.Contains("canary"));

        using var returns = test.Run(Connect + "Get-DxpReturn -IncludeIndicative | ForEach-Object ReturnId");
        Assert.Equal(new[] { "202603", "202604", "202608", "202612" }, returns.Output.Select(o => o.ToString()).ToArray());
    }

    /// <summary>The machine password never appears in any stream, error or the journal.</summary>
    [Fact]
    public void Debug_writes_each_exchange_with_no_bearer_or_submission_token()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect + MakeEnrolments + @"
            New-Enrolments 5 'dbg' | Send-DxpCourseEnrolment -ReturnId 202608 -Debug -Verbose | Out-Null
            $DebugPreference = 'Continue'
            Get-DxpSubmissionContent -ReturnId 202608 -Dataset CourseEnrolment | Out-Null
            $DebugPreference = 'SilentlyContinue'
            Get-NzqaSyncLog -Api Dxp -IncludeExchange | ForEach-Object { if ($_.Exchange) { $_.Exchange.ToString() } }");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var debug = run.Debug.Select(d => d.Message).Where(m => m.StartsWith("HTTP exchange", StringComparison.Ordinal)).ToList();
        Assert.True(debug.Any(m => m.Contains("PUT ") && m.Contains("dbg-00004") && m.Contains("Authorization: Bearer [redacted]")), string.Join("\n---\n", debug));
        Assert.Contains(debug, m => m.Contains("\"submissionToken\": \"[redacted]\""));
        Assert.Contains(debug, m => m.Contains("/contents/[redacted]") || m.Contains("submissionToken=[redacted]") || m.Contains("/token/"));
        var secrets = _fixture.Sandbox.State.Tokens.IssuedValues().Append(TokenOf(test, "202608")).ToList();
        var texts = run.Debug.Select(d => d.Message).Concat(run.Output.Select(o => o?.ToString() ?? "")).Concat(run.Verbose.Select(v => v.Message))
            .Concat(Directory.GetFiles(test.JournalPath, "*", SearchOption.AllDirectories).Select(File.ReadAllText)).ToList();
        foreach (var secret in secrets) Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        AssertNoSecret(test, run);
    }

    /// <summary>A record TEC refuses keeps its redacted request and answer for TEC's support desk; no secret anywhere.</summary>
    [Fact]
    public void A_record_DXP_refuses_keeps_its_redacted_exchange_for_Get_NzqaSyncLog_IncludeExchange()
    {
        using var test = Test();
        Reset(test, "202608");
        using var run = test.Run(Connect.Trim() + @" -Verbose -Debug
            Remove-DxpRecord -ReturnId 202608 -Dataset CourseEnrolment -LocalId 'xch-missing' -Verbose -Debug");
        Assert.Equal("DxpRecordNotDeleted,NzqaSync.Cmdlets.RemoveDxpRecordCommand", Assert.Single(run.Errors).FullyQualifiedErrorId);
        using var log = test.Run(@"
            Get-NzqaSyncLog -Path $journal -Key 'xch-missing' -IncludeExchange
            Get-NzqaSyncLog -Path $journal -Key 'xch-missing' -IncludeExchange | ForEach-Object { $_.Exchange.ToString(); $_ | ConvertTo-Json -Depth 5 }");
        Assert.Empty(log.Errors);
        var entry = log.Output[0];
        Assert.Equal("Failed", entry.Properties["Outcome"].Value);
        var kept = PSObject.AsPSObject(entry.Properties["Exchange"].Value).Properties;
        Assert.Equal("POST", kept["Method"].Value);
        Assert.EndsWith("/course-enrolments/delete", (string)kept["Uri"].Value);
        Assert.Equal("Bearer [redacted]", ((IDictionary)kept["RequestHeaders"].Value)["Authorization"]);
        Assert.Contains("\"localId\": \"xch-missing\"", (string)kept["RequestBody"].Value);
        Assert.Contains("\"submissionToken\": \"[redacted]\"", (string)kept["RequestBody"].Value);
        Assert.Contains("no record with localId 'xch-missing'", (string)kept["ResponseBody"].Value);

        var secrets = _fixture.Sandbox.State.Tokens.IssuedValues().Append(TokenOf(test, "202608")).Append(_fixture.School(7001).Password).ToList();
        var texts = new[] { run, log }.SelectMany(r => r.Output.Select(o => o?.ToString() ?? "")
                .Concat(r.Errors.Select(e => e.ToString() + e.Exception)).Concat(r.Verbose.Select(v => v.Message)).Concat(r.Debug.Select(d => d.Message)))
            .Concat(Directory.GetFiles(test.JournalPath, "*", SearchOption.AllDirectories).Select(File.ReadAllText)).ToList();
        Assert.Contains(texts, t => t.Contains("Bearer [redacted]", StringComparison.Ordinal)); // the kept exchange really came back
        foreach (var secret in secrets) Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        AssertNoSecret(test, run, log);
    }

    private void AssertNoSecret(EngineTest test, params ScriptRun[] runs)
    {
        var password = _fixture.School(7001).Password;
        foreach (var run in runs)
        {
            var texts = run.Output.Select(o => o?.ToString() ?? "")
                .Concat(run.Errors.Select(e => e.ToString() + e.Exception))
                .Concat(run.Verbose.Select(v => v.Message))
                .Concat(run.Warnings.Select(w => w.Message))
                .Concat(run.Debug.Select(d => d.Message))
                .Concat(run.Information.Select(i => i.ToString()))
                .Concat(run.Progress.Select(p => p.Activity + p.StatusDescription));
            Assert.DoesNotContain(texts, t => t.Contains(password, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(test.Session.Host.Lines, l => l.Contains(password, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(test.JournalPath, "*", SearchOption.AllDirectories))
            Assert.DoesNotContain(password, File.ReadAllText(file));
    }
}
