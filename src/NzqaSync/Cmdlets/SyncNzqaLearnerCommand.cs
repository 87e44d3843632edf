using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Sends learner detail changes to NZQA: New → create, Different → update of the changed fields only.</summary>
[Cmdlet(VerbsData.Sync, "NzqaLearner", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncResult))]
public sealed class SyncNzqaLearnerCommand : SyncCmdlet<LearnerDiff>
{
    /// <summary>Send changes to the legal names or date of birth of learners NZQA already holds.</summary>
    [Parameter]
    public SwitchParameter AllowIdentityChange { get; set; }

    protected override PlannedRecord Plan(LearnerDiff diff, int provider) => LearnerSyncPlanner.Plan(diff, provider, AllowIdentityChange.IsPresent);

    protected override IDictionary<PlannedRecord, string> HoldBack(IReadOnlyList<PlannedRecord> planned, NzqaConnection connection) =>
        ReleaseHeld.IsPresent ? null : SyncHolds.HeldLearners(SyncHolds.JournalEntries(connection.JournalPath), planned);

    protected override void Ran(IReadOnlyList<SyncResult> results, NzqaConnection connection)
    {
        foreach (var r in results)
        {
            var nsn = Domain.NationalStudentNumber.Normalise(r.Nsn) ?? r.Key;
            if (nsn == null) continue;
            if (r.Outcome == SyncOutcome.Synced) connection.LearnersNotAccepted.TryRemove(nsn, out _);
            else if (r.Outcome == SyncOutcome.Failed || r.Outcome == SyncOutcome.Skipped)
                connection.LearnersNotAccepted[nsn] = r.Outcome == SyncOutcome.Failed ? "NZQA refused it: " + r.ErrorSummary : "held after NZQA refused it for identity";
        }
    }

    protected override string Describe(PlannedRecord planned) => planned.Headline == SyncAction.Create
        ? "Create learner"
        : "Update learner (" + string.Join(", ", planned.Diff.Differences.Select(d => d.Field)) + ")";
}
