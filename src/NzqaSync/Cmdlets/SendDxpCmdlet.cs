using System.Collections;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The shared body of Send-Dxp*: records in from the pipeline (typed records pass through; other objects are read by
/// property name), checked (<see cref="DxpUploadCheck"/>: an invalid record gets an error naming the field and is not
/// sent; warnings become warnings), ShouldProcess per record, then batched by the submission token's
/// maxRecordPerBatch and uploaded one request at a time (<see cref="DxpWriteCmdlet"/>). One DxpUploadResult per
/// record out, as each batch is answered; a Rejected or Failed record also gets an error.
/// </summary>
public abstract class SendDxpCmdlet<TRecord> : DxpWriteCmdlet where TRecord : class, IDxpRecord, new()
{
    private static readonly string Dataset = new TRecord().Dataset;
    private static readonly string Noun = DxpRecordText.Noun(Dataset);
    private readonly List<(TRecord Record, object Source)> _planned = new List<(TRecord, object)>();
    private DxpConnection _connection;
    private DxpSubmission _submission;
    private DxpRecordReader _reader;
    private SdrCrossCheck _cross;
    private string _runId;
    private int _invalid;

    /// <summary>A record: the module's typed record, or any object whose properties name the fields (CSV rows, hashtables).</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; }

    // Not by property name (unlike DxpReturnCmdlet's): the pipeline carries records, which must not bind a return id.
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ReturnId)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string ReturnId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Submission)]
    public DxpSubmission Submission { get; set; }

    /// <summary>Names the input's properties: @{ studentIdentificationCode = 'Learner No' }.</summary>
    [Parameter]
    public Hashtable ColumnMap { get; set; }

    /// <summary>The learners and course register the records are checked against (null: no cross-collection check).</summary>
    protected virtual SdrCrossCheck CrossCheck() => null;

    protected override void Begin()
    {
        _reader = DxpRecordReader.For(Dataset, ColumnMap);
        RefuseUnknownColumnMapKeys(_reader.UnknownColumnMapKeys(), _reader.FieldNames, Noun, ColumnMap);
        _connection = ResolveConnection();
        _submission = ResolveSubmission(_connection, ReturnId, Submission);
        _runId = SyncRun.NewRunId();
        _cross = CrossCheck();
    }

    protected override void ProcessRecord()
    {
        var local = _reader.Read(InputObject);
        var record = (TRecord)local.Record;
        if (local.Problems.Count > 0)
        {
            Refuse(record, InputObject, local.Problems[0].ErrorId, local.Problems.Select(p => p.Field).Distinct().ToList(), local.Problems.Select(p => p.Message).ToList());
            return;
        }
        var (warnings, errors) = DxpUploadCheck.Check(record, _submission.ReturnYear, _cross);
        foreach (var warning in warnings) WriteWarning($"{Noun} {DxpRecordText.Describe(record)}: {DxpUploadCheck.Named(warning)}");
        if (errors.Count > 0)
            Refuse(record, InputObject, errors[0].Code, errors.Select(p => p.Field).Distinct().ToList(), errors.Select(DxpUploadCheck.Named).ToList(), errors);
        else if (ShouldProcess($"{Noun} {DxpRecordText.Describe(record)}", $"Upload to DXP return {_submission.ReturnId}")) _planned.Add((record, InputObject));
    }

    protected override void EndProcessing()
    {
        var plan = DxpUploadBatcher.Plan(_planned.Select(p => p.Record), _submission.MaxRecordPerBatch);
        for (var i = 0; i < plan.HeldBack.Count; i++)
        {
            var held = plan.HeldBack[i];
            var source = _planned.First(p => ReferenceEquals(p.Record, held)).Source;
            Refuse(held, source, plan.Problems[i].Code, new[] { plan.Problems[i].Field }, new[] { plan.Problems[i].Message });
        }
        var total = plan.Batches.Sum(b => b.Count);
        if (total == 0)
        {
            WriteVerbose($"Nothing to upload ({_invalid} records were invalid).");
            return;
        }
        WriteVerbose($"Upload run {_runId}: PUT {DxpRoutes.Upload(Dataset)} to return {_submission.ReturnId} (EID {_connection.Edumis}): {total} records in {plan.Batches.Count} batches of up to {_submission.MaxRecordPerBatch}, " +
                     $"one request at a time, bodies {(_connection.CompressUploads ? "gzip-compressed" : "plain JSON")}. Journal: {new SyncJournal(_connection.JournalPath).Folder}");
        var view = new UploadView { ProgressId = 6, Activity = $"Uploading {Noun}s to DXP return {_submission.ReturnId}", Unit = $" {Noun}s", Answered = Answered, TokenFailureStops = true };
        var (uploader, results) = Upload(_connection, _submission.ReturnId, _runId, plan.Batches, null, view);
        if (results == null) return;
        var bytes = uploader.Bytes;
        WriteVerbose($"Upload run {_runId} finished: {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}" +
                     (_invalid > 0 ? $", Invalid {_invalid}" : "") +
                     $"; {uploader.Progress.Batches} requests, {bytes.Json / 1024.0:0.0} KB JSON sent as {bytes.Sent / 1024.0:0.0} KB" +
                     (uploader.Renewals > 0 ? $"; submission token renewed {uploader.Renewals} times" : "") + ".");
        StopIfBatchTooLarge(uploader, _submission.ReturnId);
    }

    /// <summary>A result as its batch is answered; a record DXP rejected also gets an error.</summary>
    private void Answered(DxpUploadResult result)
    {
        WriteObject(result);
        if (result.Outcome != DxpUploadOutcome.Rejected) return;
        var message = $"DXP rejected {Noun} {result.LocalId} (student {result.StudentIdentificationCode}): {result.ErrorSummary}";
        WriteError(AdvisedError.Of(new InvalidOperationException(message), ErrorIds.DxpRecordRejected, ErrorCategory.InvalidData, result,
            "Correct the record and send it again (the same localId replaces)."));
    }

    private void Refuse(TRecord record, object source, string errorId, IReadOnlyList<string> fields, IReadOnlyList<string> messages, IReadOnlyList<DxpFieldProblem> problems = null)
    {
        _invalid++;
        var message = $"{Noun} {DxpRecordText.Describe(record)} was not sent ({string.Join(", ", fields)}): {string.Join(" ", messages)}";
        WriteError(AdvisedError.Of(new DxpInvalidRecordException(message, problems ?? Array.Empty<DxpFieldProblem>()), errorId, ErrorCategory.InvalidData, source,
            $"Correct {string.Join(", ", fields)} in the source data and send the record again."));
        WriteObject(DxpUploadResult.For(record, DxpUploadOutcome.Invalid, messages.ToArray(), _submission.ReturnId, _runId));
    }
}
