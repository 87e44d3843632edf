using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;

namespace NzqaSync.EngineTests;

/// <summary>
/// samples/tertiary-sync.ps1 (the demo's --tertiary part) run in the hosted engine against the sandbox's TEC DXP with the
/// demo's SDR export: the outcome is checked as objects (-PassThru), in the sandbox's store and in the journal.
/// </summary>
public class TertiaryScriptTests
{
    [Fact]
    public async Task The_tertiary_round_sends_the_five_files_refuses_what_breaks_the_rules_validates_and_sends_nothing_the_second_time()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 5, Students = 40, Today = new DateOnly(2026, 8, 12) });
        var store = sandbox.State.Dxp;
        store.Options.ValidationStepDuration = TimeSpan.FromMilliseconds(200);
        // DXP's clock in the August SDR window (NZ 8–21 August), moving: 202608 is the open return.
        var offset = new DateTimeOffset(2026, 8, 12, 0, 0, 0, TimeSpan.Zero) - DateTimeOffset.UtcNow;
        store.Clock = () => DateTimeOffset.UtcNow + offset;

        var work = Path.Combine(Path.GetTempPath(), "nzqasync-tertiary-" + Guid.NewGuid().ToString("N"));
        try
        {
            var export = TertiaryExport.Write(Path.Combine(work, "sdr"), seed: 3);
            var teo = sandbox.Info.Providers.Single(p => p.ProviderNumber == 7001);
            using var session = new ModuleSession();
            var vars = new Hashtable
            {
                ["script"] = Path.Combine(ModuleSession.RepoRoot, "samples", "tertiary-sync.ps1"),
                ["dxp"] = sandbox.Info.DxpBaseUri,
                ["cred"] = ModuleSession.Credential(teo.MachineAccount, teo.Password),
                ["export"] = Path.GetDirectoryName(export.CourseEnrolmentsPath),
                ["journal"] = Path.Combine(work, "journal"),
            };
            using var run = session.Run("& $script -BaseUri $dxp -Edumis 7001 -Credential $cred -ExportFolder $export -JournalPath $journal -ValidationTimeoutSeconds 60 -PassThru", vars);
            Assert.Null(run.Thrown);
            var outcome = run.Output.Single(o => o.BaseObject is PSCustomObject);
            dynamic Prop(string name) => outcome.Properties[name].Value is PSObject p ? p.BaseObject : outcome.Properties[name].Value;

            // The open return was picked.
            Assert.Equal("202608", (string)((dynamic)Prop("Return")).ReturnId);

            var code = session.Runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
            Assert.Equal(1, code); // the export has records that are refused: exit 1, as nightly-sync.ps1 does
            Assert.Equal(1, (int)Prop("ExitCode"));

            // One diff per exported row, the bad rows Invalid and named (their own rules and the rules across the files).
            var diffs = ((object[])Prop("Diffs")).Select(r => (dynamic)(r is PSObject p ? p.BaseObject : r)).ToList();
            Assert.Equal(export.Total, diffs.Count);
            var invalid = diffs.Where(d => d.Status.ToString() == "Invalid").Select(d => (string)d.LocalId).OrderBy(x => x).ToArray();
            var expectedInvalid = export.InvalidCourseEnrolments.Concat(export.InvalidQualificationCompletions)
                .Concat(new[] { export.EnrolmentInCourseNotInRegister, export.CompletionWithoutLearner }).OrderBy(x => x).ToArray();
            Assert.Equal(expectedInvalid, invalid);
            var problems = diffs.Where(d => d.Status.ToString() == "Invalid").SelectMany(d => (IEnumerable<dynamic>)d.Problems).ToList();
            Assert.Equal(new[] { "DxpCodeNotInList", "DxpCourseNotInRegister", "DxpIrdInvalid", "DxpIteSectorMissing", "DxpLearnerMissing" },
                problems.Select(p => (string)p.Code).OrderBy(x => x).ToArray());
            var notInRegister = (string)problems.Single(p => p.Code == "DxpCourseNotInRegister").Message;
            Assert.Contains(export.EnrolmentInCourseNotInRegister, notInRegister);
            Assert.Contains(export.CourseNotInRegister, notInRegister);
            Assert.Contains(export.CompletionWithoutLearner, (string)problems.Single(p => p.Code == "DxpLearnerMissing").Message);
            // The script shows each refusal with the record and the rule.
            var text = string.Join("\n", run.Output.Select(o => o.ToString()));
            Assert.Contains(notInRegister, text);

            // Every valid record was new and is uploaded; nothing else was sent.
            var results = ((object[])Prop("Results")).Select(r => (dynamic)(r is PSObject p ? p.BaseObject : r)).ToList();
            Assert.Equal(export.Total - expectedInvalid.Length, results.Count);
            Assert.All(results, r => Assert.Equal(("Upload", "Synced"), (r.Action.ToString(), r.Outcome.ToString())));

            // The sandbox holds exactly the uploaded records of each collection.
            var token = (string)((dynamic)Prop("Submission")).SubmissionToken;
            foreach (var (dataset, kind) in new[] { ("learners", "Learner"), ("courses", "Course"), ("course-enrolments", "CourseEnrolment"), ("course-completions", "CourseCompletion"), ("qualification-completions", "QualificationCompletion") })
            {
                var held = store.Records(token, dataset).Select(r => (string)r["localId"]!).OrderBy(x => x).ToArray();
                Assert.Equal(results.Where(r => r.Kind == kind).Select(r => (string)r.LocalId).OrderBy(x => x).ToArray(), held);
            }
            Assert.Equal(export.Learners, store.Records(token, "learners").Count);
            Assert.Equal(export.CourseEnrolments - 3, store.Records(token, "course-enrolments").Count);

            // TEC's validation ran to the end: the enrolment exported twice, the two warnings, nothing across the files.
            dynamic validation = Prop("Validation");
            Assert.Equal("Processed", (string)validation.Status);
            Assert.Equal(1, (int)validation.ErrorCount);
            var issues = ((object[])Prop("Issues")).Select(i => (dynamic)(i is PSObject p ? p.BaseObject : i)).ToList();
            // The completion year that does not align is a warning (YRM01); the ITE enrolment without its sector was
            // refused before it was sent (an error for returns from 2026).
            Assert.Equal(new[] { "DUP01", "SOF01", "YRM01" }, issues.Select(i => (string)i.ErrorCode).OrderBy(c => c).ToArray());
            Assert.Contains((string)issues.Single(i => i.ErrorCode == "DUP01").LocalId, export.DuplicatedCourseEnrolments);
            Assert.Contains(export.IteWithoutSector, export.InvalidCourseEnrolments);
            Assert.Equal(export.HistoricFunding, (string)issues.Single(i => i.ErrorCode == "SOF01").LocalId);

            // The journal's summary: the five collections, everything sent synced, nothing in doubt.
            var log = ((object[])Prop("Log")).Select(l => (dynamic)(l is PSObject p ? p.BaseObject : l)).ToList();
            Assert.Equal(new[] { "Course", "CourseCompletion", "CourseEnrolment", "Learner", "QualificationCompletion" }, log.Select(l => (string)l.Kind).OrderBy(k => k).ToArray());
            Assert.All(log, l => Assert.Equal(0, (int)l.Failed + (int)l.InDoubt));

            // Run again with nothing changed: nothing is sent, nothing doubles.
            using var again = session.Run("& $script -BaseUri $dxp -Edumis 7001 -Credential $cred -ExportFolder $export -JournalPath $journal -ValidationTimeoutSeconds 60 -PassThru", vars);
            Assert.Null(again.Thrown);
            var second = again.Output.Single(o => o.BaseObject is PSCustomObject);
            Assert.Empty((object[])(second.Properties["Results"].Value is PSObject rp ? rp.BaseObject : second.Properties["Results"].Value));
            Assert.Equal(export.CourseEnrolments - 3, store.Records(token, "course-enrolments").Count);
            Assert.Equal(export.Learners, store.Records(token, "learners").Count);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, true);
        }
    }
}
