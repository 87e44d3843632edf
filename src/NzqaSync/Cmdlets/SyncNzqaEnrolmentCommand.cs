using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Sends enrolment changes to NZQA: New → create, Different → update, Leaver → record leaving.</summary>
[Cmdlet(VerbsData.Sync, "NzqaEnrolment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncResult))]
public sealed class SyncNzqaEnrolmentCommand : SyncCmdlet<EnrolmentDiff>
{
    protected override PlannedRecord Plan(EnrolmentDiff diff, int provider) => EnrolmentSyncPlanner.Plan(diff, provider);

    protected override string Describe(PlannedRecord planned) => planned.Headline switch
    {
        SyncAction.Create => "Create enrolment",
        SyncAction.RecordLeaving => $"Record leaving {Domain.CalendarDate.Format(((EnrolmentDiff)planned.Diff).Local.LeavingDate)} ({((EnrolmentDiff)planned.Diff).Local.LeavingReason})",
        _ => "Update enrolment (" + string.Join(", ", planned.Diff.Differences.Select(d => d.Field)) + ")",
    };
}
