using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Sends standard entries and results to NZQA: create entries, submit or change results, withdraw entries.</summary>
[Cmdlet(VerbsData.Sync, "NzqaStandard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SyncResult))]
public sealed class SyncNzqaStandardCommand : SyncCmdlet<StandardDiff>
{
    protected override PlannedRecord Plan(StandardDiff diff, int provider) => StandardSyncPlanner.Plan(diff, provider);

    protected override string Describe(PlannedRecord planned)
    {
        var diff = (StandardDiff)planned.Diff;
        switch (planned.Headline)
        {
            case SyncAction.Withdraw: return $"Withdraw entry {diff.StandardNumber} ({diff.AcademicYear})";
            case SyncAction.Create: return $"Create entry {diff.StandardNumber} ({diff.AcademicYear})" + (diff.LocalResult != null ? $" with result {diff.LocalResult}" : "");
            case SyncAction.SubmitResult: return $"Submit result {diff.LocalResult} for {diff.StandardNumber} (NZQA has {diff.NzqaResult ?? "none"})";
            default: return $"Update entry {diff.StandardNumber} (" + string.Join(", ", diff.Differences.Select(d => d.Field)) + ")";
        }
    }
}
