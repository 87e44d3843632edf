using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// The shared body of Send-Dxp*: records in from the pipeline (typed records pass through; other objects are read by
    /// property name), normalised (localId and eftsByMonth derived only when missing), validated (an invalid record gets an
    /// error naming the field and is not sent; warnings become warnings), ShouldProcess per record, then batched by the
    /// submission token's maxRecordPerBatch and uploaded one request at a time, journalled before and after each batch.
    /// One DxpUploadResult per record out, as each batch is answered; a Rejected or Failed record also gets an error.
    /// </summary>
    public abstract class SendDxpCmdlet<TRecord> : DxpApiCmdlet where TRecord : class, IDxpRecord, new()
    {
        private readonly List<(TRecord Record, object Source)> _planned = new List<(TRecord, object)>();
        private DxpConnection _connection;
        private DxpSubmission _submission;
        private LocalRecordReader<TRecord> _reader;
        private string _runId;
        private int _invalid;

        /// <summary>A record: the module's typed record, or any object whose properties name the fields (CSV rows, hashtables).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public object InputObject { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        /// <summary>Names the input's properties: @{ studentIdentificationCode = 'Learner No' }.</summary>
        [Parameter]
        public Hashtable ColumnMap { get; set; }

        protected abstract IReadOnlyList<PropertyBinding<TRecord>> Bindings { get; }
        protected abstract string Noun { get; }

        /// <summary>The learners and course register the records are checked against (null: no cross-collection check).</summary>
        protected virtual SdrCrossCheck CrossCheck() => null;

        private SdrCrossCheck _cross;
        protected abstract string Describe(TRecord record);

        private string Kind => DxpDatasets.KindOf(new TRecord().Dataset);

        protected override void BeginProcessing()
        {
            _reader = new LocalRecordReader<TRecord>(Bindings, ColumnMap);
            RefuseUnknownColumnMapKeys(_reader, Noun, ColumnMap);
            _connection = ResolveConnection();
            _submission = ResolveSubmission(_connection, ReturnId, Submission);
            _runId = SyncJournal.NewRunId();
            _cross = CrossCheck();
        }

        protected override void ProcessRecord()
        {
            var input = InputObject;
            var local = _reader.Read(input);
            var record = local.Record;
            if (local.Problems.Count > 0)
            {
                Invalid(record, input, local.Problems[0].ErrorId, local.Problems.Select(p => p.Field).Distinct().ToList(), local.Problems.Select(p => p.Message).ToList());
                return;
            }
            DxpRecordNormaliser.Normalise(record);
            var problems = DxpRecordValidator.Validate(record, _submission.ReturnYear);
            foreach (var warning in problems.Where(p => p.Severity == DxpProblemSeverity.Warning))
                WriteWarning($"{Noun} {Describe(record)}: {Named(warning)}");
            var errors = problems.Where(p => p.Severity == DxpProblemSeverity.Error).ToList();
            if (errors.Count == 0 && _cross != null) errors.AddRange(_cross.Check(record));
            if (errors.Count > 0)
            {
                Invalid(record, input, errors[0].Code, errors.Select(p => p.Field).Distinct().ToList(), errors.Select(Named).ToList(), errors);
                return;
            }
            if (ShouldProcess($"{Noun} {Describe(record)}", $"Upload to DXP return {_submission.ReturnId}")) _planned.Add((record, input));
        }

        protected override void EndProcessing()
        {
            var plan = DxpUploadBatcher.Plan(_planned.Select(p => p.Record), _submission.MaxRecordPerBatch);
            for (var i = 0; i < plan.HeldBack.Count; i++)
            {
                var held = plan.HeldBack[i];
                var source = _planned.First(p => ReferenceEquals(p.Record, held)).Source;
                Invalid(held, source, plan.Problems[i].Code, new[] { plan.Problems[i].Field }, new[] { plan.Problems[i].Message });
            }
            var total = plan.Batches.Sum(b => b.Count);
            if (total == 0)
            {
                WriteVerbose($"Nothing to upload ({_invalid} records were invalid).");
                return;
            }

            var journal = new SyncJournal(_connection.JournalPath);
            var uploader = new DxpUploader(_connection, journal, _runId, _submission.ReturnId);
            var dataset = new TRecord().Dataset;
            WriteVerbose($"Upload run {_runId}: PUT {DxpRoutes.Upload(dataset)} to return {_submission.ReturnId} (EID {_connection.Edumis}): {total} records in {plan.Batches.Count} batches of up to {_submission.MaxRecordPerBatch}, " +
                         $"one request at a time, bodies {(_connection.CompressUploads ? "gzip-compressed" : "plain JSON")}. Journal: {journal.Folder}");
            var progress = new ProgressRecord(6, $"Uploading {Noun}s to DXP return {_submission.ReturnId}", "Starting");
            var errorsWritten = 0;
            void Drain()
            {
                while (uploader.Notes.TryDequeue(out var note)) WriteVerbose(note);
                while (uploader.Finished.TryDequeue(out var result))
                {
                    WriteObject(result);
                    if (result.Outcome == DxpUploadOutcome.Rejected)
                        WriteError(new ErrorRecord(new InvalidOperationException($"DXP rejected {Noun} {result.LocalId} (student {result.StudentIdentificationCode}): {result.ErrorSummary}"),
                            "DxpRecordRejected", ErrorCategory.InvalidData, result)
                        {
                            ErrorDetails = new ErrorDetails($"DXP rejected {Noun} {result.LocalId} (student {result.StudentIdentificationCode}): {result.ErrorSummary}")
                            {
                                RecommendedAction = "Correct the record and send it again (the same localId replaces).",
                            },
                        });
                }
                while (uploader.BatchErrors.TryDequeue(out var failure))
                {
                    if (failure.Error is DxpBatchTooLargeException) continue; // terminating below
                    errorsWritten++;
                    WriteError(DxpError(failure.Error, failure.Target));
                }
            }
            void Tick()
            {
                Drain();
                var p = uploader.Progress;
                progress.StatusDescription = $"Uploaded {p.Done} of {total} {Noun}s (accepted {p.Accepted}, rejected {p.Rejected}, failed {p.Failed}); {p.Batches} requests";
                progress.PercentComplete = (int)(100L * p.Done / total);
                WriteProgress(progress);
            }

            StartJournalRun(() => journal.RunStarted(_runId, "Dxp", Kind, total), "Dxp");
            IReadOnlyList<DxpUploadResult> results = null;
            try
            {
                results = Await(uploader.UploadAsync(plan.Batches, StopToken), _connection.Sender, Tick);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a batch in flight is journalled InDoubt; batches never sent have no journal line.
            }
            catch (ServiceException ex)
            {
                // Could not even get a submission token: nothing was sent.
                Drain();
                ThrowTerminatingError(DxpError(ex, _submission.ReturnId));
            }
            finally
            {
                var counts = results?.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
                journal.RunEnded(_runId, "Dxp", Kind, total, counts);
                ApplyJournalRetention(journal.Folder, _connection.JournalRetentionDays);
                Drain();
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            if (results == null) return;
            SettleInDoubt(journal, results);
            var bytes = uploader.Bytes;
            WriteVerbose($"Upload run {_runId} finished: {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}" +
                         (_invalid > 0 ? $", Invalid {_invalid}" : "") +
                         $"; {uploader.Progress.Batches} requests, {bytes.Json / 1024.0:0.0} KB JSON sent as {bytes.Sent / 1024.0:0.0} KB" +
                         (uploader.Renewals > 0 ? $"; submission token renewed {uploader.Renewals} times" : "") + ".");
            if (uploader.StoppedBy is DxpBatchTooLargeException tooLarge)
                ThrowTerminatingError(DxpError(tooLarge, _submission.ReturnId));
        }

        /// <summary>
        /// Uploads of earlier runs whose answer was lost (InDoubt in the journal) are settled by this run: DXP replaces by
        /// localId, so a localId it accepted now holds this run's record whatever the lost request did. Those entries
        /// become Synced (Detail "Settled"); the others stay InDoubt until a later upload of their localId is accepted.
        /// </summary>
        private void SettleInDoubt(SyncJournal journal, IReadOnlyList<DxpUploadResult> results)
        {
            var accepted = new HashSet<string>(results.Where(r => r.Outcome == DxpUploadOutcome.Accepted).Select(r => r.LocalId), StringComparer.Ordinal);
            if (accepted.Count == 0) return;
            var settled = new SyncJournalReader(journal.Folder).Load().Entries
                .Where(e => e.Outcome == "InDoubt" && e.Api == "Dxp" && e.Kind == Kind && e.Action == "Upload" && e.RunId != _runId && accepted.Contains(e.Key))
                .Select(e => new JournalOperation
                {
                    RunId = e.RunId, OperationId = e.OperationId, Api = e.Api, Kind = e.Kind, Key = e.Key, Action = e.Action,
                    Outcome = "Synced",
                    Detail = "Settled",
                    Errors = new[] { $"Settled by upload run {_runId}: DXP accepted localId {e.Key} again (the same localId replaces), so the lost answer no longer matters." },
                })
                .ToList();
            if (settled.Count == 0) return;
            journal.Record(settled);
            WriteVerbose($"Settled {settled.Count} in-doubt uploads of earlier runs: DXP accepted their localIds in this run.");
        }

        private void Invalid(TRecord record, object source, string errorId, IReadOnlyList<string> fields, IReadOnlyList<string> messages, IReadOnlyList<DxpFieldProblem> problems = null)
        {
            _invalid++;
            var message = $"{Noun} {Describe(record)} was not sent ({string.Join(", ", fields)}): {string.Join(" ", messages)}";
            WriteError(new ErrorRecord(new DxpInvalidRecordException(message, problems ?? Array.Empty<DxpFieldProblem>()), errorId, ErrorCategory.InvalidData, source)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Correct {string.Join(", ", fields)} in the source data and send the record again." },
            });
            WriteObject(new DxpUploadResult
            {
                Dataset = record.Dataset,
                Kind = Kind,
                LocalId = record.LocalId,
                StudentIdentificationCode = DxpUploader.StudentOf(record),
                Outcome = DxpUploadOutcome.Invalid,
                Errors = messages.ToArray(),
                ReturnId = _submission.ReturnId,
                RunId = _runId,
                Timestamp = DateTimeOffset.Now,
                Record = record,
            });
        }

        /// <summary>The problem's message, led by its field unless the message already starts with it.</summary>
        private static string Named(DxpFieldProblem p) =>
            p.Message.StartsWith(p.Field, StringComparison.Ordinal) ? p.Message : $"{p.Field}: {p.Message}";

        protected static string Day(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
    }
}
