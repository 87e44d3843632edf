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
    private readonly List<DxpLocalItem> _local = new List<DxpLocalItem>();
    private DxpRecordReader _reader;
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

    protected override void BeginProcessing()
    {
        _dataset = DxpDatasets.Normalise(Dataset);
        if (_dataset == null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"Dataset '{Dataset}' is not {DxpDatasets.KindList}."), ErrorIds.DxpUnknownDataset, ErrorCategory.InvalidArgument, Dataset));
            return;
        }
        _reader = DxpRecordReader.For(_dataset, ColumnMap);
        RefuseUnknownColumnMapKeys(_reader.UnknownColumnMapKeys(), _reader.FieldNames, DxpDatasets.KindOf(_dataset), ColumnMap);
        // The learners and courses being compared are their own register: a learner or course given twice is found too.
        _cross = SdrRelated.Build(Learner, Course);
    }

    protected override void ProcessRecord()
    {
        if (InputObject == null) return;
        foreach (var item in PipelineInput.Items(InputObject)) Add(item);
    }

    private void Add(object input)
    {
        if (WrongKind(input)) return;
        var read = _reader.Read(input);
        var record = read.Record;
        var problems = read.Problems.Select(p => new DxpFieldProblem(p.Field, p.ErrorId, p.Message, localId: record.LocalId)).ToList();
        DxpRecordNormaliser.Normalise(record);
        if (problems.Count == 0)
        {
            var own = DxpRecordValidator.Validate(record);
            foreach (var w in own.Where(p => p.Severity == DxpProblemSeverity.Warning))
                WriteWarning($"{DxpDatasets.KindOf(_dataset)} {record.LocalId}: {w.Message}");
            problems.AddRange(own.Where(p => p.Severity == DxpProblemSeverity.Error));
        }
        _local.Add(new DxpLocalItem(record, problems, input));
    }

    protected override void EndProcessing()
    {
        if (_local.Count == 0 && !AllowEmpty)
        {
            // A missing export (Import-NzqaRecord found no file) or records of another kind must not read as
            // "the provider has no records": every record DXP holds would be DxpOnly, and a sync would delete them all.
            var kind = DxpDatasets.KindOf(_dataset);
            var message = $"No local {kind} records came in, so nothing was compared with DXP and no record is DxpOnly: nothing will be deleted. " +
                          "Check the export path and any earlier errors.";
            // Not terminating: `$d = @(… | Compare-… -ErrorVariable e)` in a script must still assign (nothing), not keep an old $d.
            WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.DxpCompareNoLocalRecords, ErrorCategory.ObjectNotFound, _dataset)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Pipe the {kind} records (Import-NzqaRecord -Kind Dxp{kind}). To compare an intentionally empty {kind} dataset (every record DXP holds becomes DxpOnly), add -AllowEmpty.",
                },
            });
            return;
        }
        if (_dataset == DxpLearnerRecord.DatasetName && Learner == null)
            _cross = new SdrCrossCheck(_local.Select(l => l.Record).OfType<DxpLearnerRecord>(), null);
        else if (_dataset == DxpCourseRecord.DatasetName && Course == null)
            _cross = new SdrCrossCheck(null, _local.Select(l => l.Record).OfType<DxpCourseRecord>());
        var items = _cross == null ? _local : _local.Select(l => l.Problems.Count > 0 ? l : WithCross(l)).ToList();

        IEnumerable<IDxpRecord> held;
        var returnId = ReturnId;
        if (DxpRecord != null)
        {
            var reader = DxpRecordReader.For(_dataset);
            held = DxpRecord.Where(r => r != null).Select(r => DxpRecordNormaliser.Normalise(reader.Read(r).Record)).ToList();
            returnId = Submission?.ReturnId ?? ReturnId;
        }
        else
        {
            var connection = ResolveConnection();
            returnId = ReturnIdOf(connection, ReturnId, Submission);
            WriteVerbose($"Reading what return {returnId} holds for {_dataset} (CSV read-back).");
            string csv = null;
            try { csv = WithSubmission(connection, returnId, s => connection.Client.GetContentsCsvAsync(s, _dataset, StopToken)); }
            catch (Exception ex) when (!(ex is PipelineStoppedException)) { ThrowTerminatingError(DxpError(ex, returnId)); }
            held = ReadBack(_dataset, csv).Select(r => DxpRecordNormaliser.Normalise(r)).ToList();
        }

        var counts = new Dictionary<DxpDiffStatus, int>();
        var reported = new HashSet<DxpFieldProblem>();
        foreach (var diff in DxpRecordComparer.Compare(_dataset, items, held, returnId))
        {
            counts.TryGetValue(diff.Status, out var n);
            counts[diff.Status] = n + 1;
            WriteObject(diff);
            if (diff.Status != DxpDiffStatus.Invalid) continue;
            // A problem shared by several records (a repeated localId) is one error, not one per record.
            var fresh = diff.Problems.Where(reported.Add).ToList();
            if (fresh.Count == 0) continue;
            WriteError(DxpInvalidRecordException.Error(diff, fresh));
        }
        WriteVerbose($"Compared {_local.Count} local {DxpDatasets.KindOf(_dataset)} records with return {returnId}: " +
                     string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + ".");
    }

    /// <summary>A typed record of another kind than -Dataset (a course with -Dataset Learner): one error, not compared.</summary>
    private bool WrongKind(object input)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        if (value == null || value.GetType().Namespace == null || !value.GetType().Namespace.StartsWith("NzqaSync.Domain", StringComparison.Ordinal)) return false;
        var dxp = value as IDxpRecord;
        if (dxp != null && dxp.Dataset == _dataset) return false;
        var given = dxp != null ? "a DXP " + DxpDatasets.KindOf(dxp.Dataset) : "an NZQA " + value.GetType().Name.Replace("Record", "");
        var wanted = DxpDatasets.KindOf(_dataset);
        var message = $"The record is {given} record, not a {wanted} record: -Dataset {wanted} compares {wanted} records only, so it was not compared.";
        WriteError(new ErrorRecord(new ArgumentException(message), ErrorIds.DxpWrongRecordKind, ErrorCategory.InvalidArgument, input)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Pipe {wanted} records (Import-NzqaRecord -Kind Dxp{wanted}), or give the -Dataset the records are." },
        });
        return true;
    }

    private DxpLocalItem WithCross(DxpLocalItem item)
    {
        var cross = _cross.Check(item.Record);
        return cross.Count == 0 ? item : new DxpLocalItem(item.Record, cross, item.Source);
    }
}
