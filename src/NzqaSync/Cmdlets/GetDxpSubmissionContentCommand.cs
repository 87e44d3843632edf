using System.Management.Automation;
using CsvHelper;
using CsvHelper.Configuration;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Reads back what DXP holds for one dataset of the submission (the CSV at submissionContentsUrl): typed records with
/// New Zealand dates (DXP returns UTC), one per localId, or the CSV text with -Raw.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DxpSubmissionContent", DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpLearnerRecord), typeof(DxpCourseRecord), typeof(CourseEnrolmentRecord), typeof(DxpCourseCompletionRecord), typeof(QualificationCompletionRecord), typeof(string))]
public sealed class GetDxpSubmissionContentCommand : DxpReturnCmdlet
{
    /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(DxpDatasetCompleter))]
    public string Dataset { get; set; }

    /// <summary>The CSV text as DXP sent it.</summary>
    [Parameter]
    public SwitchParameter Raw { get; set; }

    protected override void ProcessRecord()
    {
        var dataset = DatasetOrError(Dataset);
        if (dataset == null) return;
        var returnId = CurrentReturnId();
        WriteVerbose($"GET contents/…/{dataset}.csv for return {returnId}.");
        if (!TryCall(returnId, s => Dxp.Client.GetContentsCsvAsync(s, dataset, StopToken), out var csv)) return;
        if (Raw)
        {
            WriteObject(csv);
            return;
        }
        foreach (var record in ReadBack(dataset, csv)) WriteObject(record);
    }
}
