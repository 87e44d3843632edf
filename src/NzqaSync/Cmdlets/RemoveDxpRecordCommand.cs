using System.Collections.Concurrent;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Deletes records from a DXP submission by localId (POST {dataset}/delete). Binds Dataset, LocalId and ReturnId by
/// property name, so Send-Dxp* results pipe straight in. One DxpRemoveResult per localId; a failed one also gets an error.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "DxpRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpRemoveResult))]
public sealed class RemoveDxpRecordCommand : DxpReturnCmdlet
{
    private readonly List<(string ReturnId, string Dataset, string LocalId)> _planned = new List<(string, string, string)>();
    /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion (the route names learners, courses, course-enrolments, ... also work).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DxpDatasetCompleter))]
    public string Dataset { get; set; }

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] LocalId { get; set; }

    protected override void ProcessRecord()
    {
        var dataset = DatasetOrError(Dataset);
        if (dataset == null) return;
        var returnId = CurrentReturnId();
        foreach (var id in LocalId)
            if (ShouldProcess($"{DxpDatasets.KindOf(dataset)} {id} in DXP return {returnId}", "Delete")) _planned.Add((returnId, dataset, id));
    }

    protected override void EndProcessing()
    {
        if (_planned.Count == 0) return;
        var journal = new SyncJournal(Dxp.JournalPath);
        var runId = SyncRun.NewRunId();
        foreach (var group in _planned.GroupBy(p => (p.ReturnId, p.Dataset)))
        {
            var ids = group.Select(p => p.LocalId).Distinct(StringComparer.Ordinal).ToList();
            var kind = DxpDatasets.KindOf(group.Key.Dataset);
            WriteVerbose($"Delete run {runId}: {ids.Count} {kind} records from return {group.Key.ReturnId}.");
            var (results, _) = Delete(Dxp, journal, runId, group.Key.ReturnId, group.Key.Dataset, ids);
            if (results == null) continue;
            foreach (var r in results)
            {
                WriteObject(r);
                if (r.Outcome != DxpRemoveOutcome.Removed)
                    WriteError(new ErrorRecord(new InvalidOperationException($"{r.Kind} {r.LocalId} was not deleted: {r.ErrorSummary}"),
                        r.Outcome == DxpRemoveOutcome.Rejected ? ErrorIds.DxpRecordNotDeleted : ErrorIds.DxpDeleteFailed,
                        r.Outcome == DxpRemoveOutcome.Rejected ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidResult, r));
            }
        }
        ApplyRetention(journal, Dxp.JournalRetentionDays);
    }
}
