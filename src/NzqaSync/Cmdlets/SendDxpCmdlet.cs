using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// The shared body of Send-Dxp*: records in from the pipeline (typed records pass through; other objects are read by
    /// property name), checked (<see cref="DxpUploadCheck"/>: an invalid record gets an error naming the field and is not
    /// sent; warnings become warnings), ShouldProcess per record, then batched by the submission token's
    /// maxRecordPerBatch and uploaded one request at a time (<see cref="DxpUploadCmdlet"/>). One DxpUploadResult per
    /// record out, as each batch is answered; a Rejected or Failed record also gets an error.
    /// </summary>
    public abstract class SendDxpCmdlet<TRecord> : DxpUploadCmdlet where TRecord : class, IDxpRecord, new()
    {
        private static readonly string Dataset = new TRecord().Dataset;
        private static readonly string Noun = DxpRecordText.Noun(Dataset);
        private readonly List<(TRecord Record, object Source)> _planned = new List<(TRecord, object)>();
        private DxpConnection _connection;
        private DxpSubmission _submission;
        private DxpRecordReader _reader;
        private SdrCrossCheck _cross;
        private string _runId;

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

        protected override void BeginProcessing()
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
            if (plan.Batches.Sum(b => b.Count) == 0) WriteVerbose($"Nothing to upload ({Invalid} records were invalid).");
            else Upload(_connection, _submission, _runId, plan.Batches);
        }

        private void Refuse(TRecord record, object source, string errorId, IReadOnlyList<string> fields, IReadOnlyList<string> messages, IReadOnlyList<DxpFieldProblem> problems = null)
        {
            Invalid++;
            var message = $"{Noun} {DxpRecordText.Describe(record)} was not sent ({string.Join(", ", fields)}): {string.Join(" ", messages)}";
            WriteError(new ErrorRecord(new DxpInvalidRecordException(message, problems ?? Array.Empty<DxpFieldProblem>()), errorId, ErrorCategory.InvalidData, source)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Correct {string.Join(", ", fields)} in the source data and send the record again." },
            });
            WriteObject(DxpUploadResult.For(record, DxpUploadOutcome.Invalid, messages.ToArray(), _submission.ReturnId, _runId));
        }
    }
}
