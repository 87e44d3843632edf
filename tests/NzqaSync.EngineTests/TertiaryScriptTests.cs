using System;
using System.Collections;
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
    public async Task The_tertiary_script_uploads_the_export_validates_and_reports_what_was_not_stored()
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

            // One result per exported row; the three bad rows Invalid and named; every other record Accepted.
            var results = ((object[])Prop("Results")).Select(r => (dynamic)(r is PSObject p ? p.BaseObject : r)).ToList();
            Assert.Equal(export.CourseEnrolments + export.QualificationCompletions, results.Count);
            var invalid = results.Where(r => r.Outcome.ToString() == "Invalid").Select(r => (string)r.LocalId).OrderBy(s => s).ToArray();
            Assert.Equal(export.InvalidCourseEnrolments.Concat(export.InvalidQualificationCompletions).OrderBy(s => s).ToArray(), invalid);
            Assert.All(results.Where(r => r.Outcome.ToString() != "Invalid"), r => Assert.Equal("Accepted", r.Outcome.ToString()));
            Assert.Equal(new[] { "DxpCodeNotInList", "DxpIrdInvalid", "DxpIteSectorMissing" },
                run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]).OrderBy(s => s).ToArray());
            Assert.Equal(2, run.Warnings.Count); // the historic funding source and the completion year that does not align

            // The sandbox holds exactly the accepted records.
            var token = (string)((dynamic)Prop("Submission")).SubmissionToken;
            var heldCe = store.Records(token, "course-enrolments").Select(r => (string)r["localId"]!).OrderBy(s => s).ToArray();
            var heldQc = store.Records(token, "qualification-completions").Select(r => (string)r["localId"]!).OrderBy(s => s).ToArray();
            Assert.Equal(results.Where(r => r.Outcome.ToString() == "Accepted" && r.Kind == "CourseEnrolment").Select(r => (string)r.LocalId).OrderBy(s => s).ToArray(), heldCe);
            Assert.Equal(results.Where(r => r.Outcome.ToString() == "Accepted" && r.Kind == "QualificationCompletion").Select(r => (string)r.LocalId).OrderBy(s => s).ToArray(), heldQc);
            Assert.Equal(export.CourseEnrolments - 2, heldCe.Length);
            Assert.Equal(export.QualificationCompletions - 1, heldQc.Length);

            // TEC's validation ran to the end and found the enrolment exported twice, and the two warnings.
            dynamic validation = Prop("Validation");
            Assert.Equal("Processed", (string)validation.Status);
            Assert.Equal(1, (int)validation.ErrorCount);
            var issues = ((object[])Prop("Issues")).Select(i => (dynamic)(i is PSObject p ? p.BaseObject : i)).ToList();
            Assert.Equal(new[] { "DUP01", "SOF01", "YRM01" }, issues.Select(i => (string)i.ErrorCode).OrderBy(c => c).ToArray());
            Assert.Contains((string)issues.Single(i => i.ErrorCode == "DUP01").LocalId, export.DuplicatedCourseEnrolments);
            Assert.Contains(export.IteWithoutSector, export.InvalidCourseEnrolments); // refused before it was sent
            Assert.Equal(export.HistoricFunding, (string)issues.Single(i => i.ErrorCode == "SOF01").LocalId);

            // The journal's summary: both datasets, everything sent synced, nothing in doubt.
            var log = ((object[])Prop("Log")).Select(l => (dynamic)(l is PSObject p ? p.BaseObject : l)).OrderBy(l => (string)l.Kind).ToList();
            Assert.Equal(new[] { "CourseEnrolment", "QualificationCompletion" }, log.Select(l => (string)l.Kind).ToArray());
            Assert.Equal(export.CourseEnrolments - 2, (int)log[0].Synced);
            Assert.Equal(export.QualificationCompletions - 1, (int)log[1].Synced);
            Assert.All(log, l => Assert.Equal(0, (int)l.Failed + (int)l.InDoubt));
            Assert.StartsWith("Processed course enrolments", (string)log[0].Progress);

            // Run again: the same localIds replace, nothing doubles.
            using var again = session.Run("& $script -BaseUri $dxp -Edumis 7001 -Credential $cred -ExportFolder $export -JournalPath $journal -ValidationTimeoutSeconds 60 -PassThru", vars);
            Assert.Null(again.Thrown);
            Assert.Equal(export.CourseEnrolments - 2, store.Records(token, "course-enrolments").Count);
            Assert.Equal(export.QualificationCompletions - 1, store.Records(token, "qualification-completions").Count);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, true);
        }
    }
}
