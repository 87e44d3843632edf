using System.Collections;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Compares local SDR records of one dataset (from the pipeline) with what the return's submission holds (its CSV
/// read-back, or -DxpRecord): one DxpRecordDiff per record, New / Different (with field Differences) / Match /
/// DxpOnly / Invalid. Each local record is normalised and checked first — its own rules, and with -Learner/-Course the
/// rules across collections — and an Invalid one gets an error naming the record and the rule (both records for a
/// cross-collection rule).
/// </summary>
[Cmdlet(VerbsData.Compare, "DxpRecord", DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpRecordDiff))]
public sealed class CompareDxpRecordCommand : DxpApiCmdlet
{
    private DxpLocalIntake _intake;
    private SdrCrossCheck _cross;
    private string _dataset;

    /// <summary>A local record: a typed DXP record, or any object whose properties name the fields.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public object InputObject { get; set; }

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ReturnId)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string ReturnId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Submission)]
    public DxpSubmission Submission { get; set; }

    /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ArgumentCompleter(typeof(DxpDatasetCompleter))]
    public string Dataset { get; set; }

    /// <summary>The learner file's records: enrolments and completions are checked against them.</summary>
    [Parameter]
    public object[] Learner { get; set; }

    /// <summary>The course register's records: enrolments and completions are checked against them.</summary>
    [Parameter]
    public object[] Course { get; set; }

    /// <summary>What the submission holds, already read (Get-DxpSubmissionContent); when given, DXP is not called.</summary>
    [Parameter]
    public object[] DxpRecord { get; set; }

    /// <summary>Names the input's properties: @{ studentIdentificationCode = 'Learner No' }.</summary>
    [Parameter]
    public Hashtable ColumnMap { get; set; }

    /// <summary>Compares even when no local record of the dataset came in (every record DXP holds is then DxpOnly).</summary>
    [Parameter]
    public SwitchParameter AllowEmpty { get; set; }

    protected override void Begin()
    {
        _dataset = DxpDatasets.Normalise(Dataset);
        if (_dataset == null)
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Dataset '{Dataset}' is not {DxpDatasets.KindList}."), ErrorIds.DxpUnknownDataset, ErrorCategory.InvalidArgument, Dataset));
        if (DxpRecord == null) ResolveConnection(); // not connected: said before the records are read, not after
        var reader = DxpRecordReader.For(_dataset, ColumnMap);
        RefuseUnknownColumnMapKeys(reader.UnknownColumnMapKeys(), reader.FieldNames, DxpDatasets.KindOf(_dataset), ColumnMap);
        _intake = new DxpLocalIntake(this, _dataset, reader);
        // The learners and courses being compared are their own register: a learner or course given twice is found too.
        _cross = SdrRelated.Build(Learner, Course);
    }

    protected override void ProcessRecord()
    {
        if (InputObject == null) return;
        foreach (var item in PipelineInput.Items(InputObject)) _intake.Add(item);
    }

    protected override void EndProcessing()
    {
        _intake.WarnLeftOut();
        var local = _intake.Items;
        if (local.Count == 0 && !AllowEmpty)
        {
            // Every record DXP holds would be DxpOnly, and a sync would delete them all.
            var kind = DxpDatasets.KindOf(_dataset);
            WriteError(CompareErrors.NoLocalRecords(ErrorIds.DxpCompareNoLocalRecords,
                $"No local {kind} records came in, so nothing was compared with DXP and no record is DxpOnly: nothing will be deleted. Check the export path and any earlier errors.",
                _dataset,
                $"Pipe the {kind} records (Import-NzqaRecord -Kind Dxp{kind}). To compare an intentionally empty {kind} dataset (every record DXP holds becomes DxpOnly), add -AllowEmpty."));
            return;
        }
        var ownRegister = _dataset == DxpLearnerRecord.DatasetName ? Learner == null : _dataset == DxpCourseRecord.DatasetName && Course == null;
        var items = DxpLocalItem.CrossChecked(local, ownRegister ? SdrCrossCheck.OwnRegister(_dataset, local.Select(l => l.Record)) : _cross);

        IEnumerable<IDxpRecord> held;
        var returnId = ReturnId;
        DxpConnection connection = null;
        if (DxpRecord != null)
        {
            var reader = DxpRecordReader.For(_dataset);
            held = DxpRecord.Where(r => r != null).Select(r => DxpRecordNormaliser.Normalise(reader.Read(r).Record)).ToList();
            returnId = Submission?.ReturnId ?? ReturnId;
        }
        else
        {
            connection = ResolveConnection();
            returnId = ReturnIdOf(connection, ReturnId, Submission);
            WriteVerbose($"Reading what return {returnId} holds for {_dataset} (CSV read-back).");
            string csv = null;
            try { csv = WithSubmission(connection, returnId, s => connection.Client.GetContentsCsvAsync(s, _dataset, StopToken)); }
            catch (Exception ex) when (!(ex is PipelineStoppedException)) { ThrowTerminatingError(DxpError(ex, returnId)); }
            held = ReadBack(_dataset, csv).Select(r => DxpRecordNormaliser.Normalise(r)).ToList();
        }

        var kept = DxpAbsentFields.KeepHeld(items, held);
        // Verbose, not a warning: nothing is lost, and an export that never has the column would warn every night.
        if (kept.Count > 0) WriteVerbose($"The local {DxpDatasets.KindOf(_dataset)} records have no {string.Join(", ", kept)} (no column for it): DXP's values are kept, not cleared.");
        var counts = new StatusCounts<DxpDiffStatus>();
        foreach (var diff in IncompleteFiles.Trusted(this, _intake.Files, DxpRecordComparer.Compare(_dataset, items, held, returnId), d => d.Status == DxpDiffStatus.DxpOnly, nameof(DxpDiffStatus.DxpOnly)))
        {
            counts.Add(diff.Status);
            (diff.ComparedEdumis, diff.ComparedBaseUri) = (connection?.Edumis, connection?.BaseUri.ToString());
            WriteObject(diff);
            if (diff.Status != DxpDiffStatus.Invalid) continue;
            // A problem shared by several records (a repeated localId) is one error, not one per record.
            var fresh = diff.Problems.Where(_intake.Reported.Add).ToList();
            if (fresh.Count == 0) continue;
            WriteError(DxpInvalidRecordException.Error(diff, fresh));
        }
        WriteVerbose($"Compared {local.Count} local {DxpDatasets.KindOf(_dataset)} records with return {returnId}: {counts}.");
    }
}
