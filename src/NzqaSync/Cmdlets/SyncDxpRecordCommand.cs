using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Takes Compare-DxpRecord's diffs: New and Different are uploaded (the same localId replaces), DxpOnly is deleted by
    /// localId, Match and Invalid are left alone. ShouldProcess per record (ConfirmImpact High: it deletes, so scripts pass
    /// -Confirm:$false); -WhatIf sends nothing. Uploads go in batches of the token's maxRecordPerBatch, one request at a
    /// time per EID and dataset, journalled; one DxpSyncResult per record out, and an error for each that is not synced.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "DxpRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(DxpSyncResult))]
    public sealed class SyncDxpRecordCommand : DxpApiCmdlet
    {
        private readonly List<DxpRecordDiff> _uploads = new List<DxpRecordDiff>();
        private readonly List<DxpRecordDiff> _deletes = new List<DxpRecordDiff>();
        private DxpConnection _connection;

        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public DxpRecordDiff InputObject { get; set; }

        /// <summary>Sync to this return instead of the one each diff was compared with.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        /// <summary>The Principal's Nominee's approval file: only changes it lists, unchanged since, are sent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ApprovalPath { get; set; }

        private ApprovalFile _approval;
        private JournalApproval _journalApproval;

        protected override void BeginProcessing()
        {
            _connection = ResolveConnection();
            if (ApprovalPath == null) return;
            _approval = LoadApprovalFile(ApprovalPath);
            _journalApproval = new JournalApproval { Sha256 = _approval.Sha256, SignedBy = _approval.SignedBy, SignedAt = _approval.SignedAt, Path = _approval.Path };
        }

        /// <summary>Null when the change may go (no approval file, or approved as it stands); else it ends Skipped with the reason.</summary>
        private bool Approved(DxpRecordDiff diff, string returnId)
        {
            var refusal = _approval?.Refusal(diff, returnId);
            if (refusal == null) return true;
            WriteVerbose($"{diff.Kind} {diff.LocalId}: {refusal}");
            WriteObject(Result(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { refusal }));
            return false;
        }

        protected override void ProcessRecord()
        {
            var diff = InputObject;
            var returnId = ReturnId ?? diff.ReturnId;
            var target = $"{diff.Kind} {diff.LocalId}" + (diff.StudentIdentificationCode != null ? $" (student {diff.StudentIdentificationCode}" + (diff.CourseCode != null ? $", course {diff.CourseCode})" : ")") : diff.CourseCode != null ? $" (course {diff.CourseCode})" : "") + $" in DXP return {returnId}";
            switch (diff.Status)
            {
                case DxpDiffStatus.New:
                case DxpDiffStatus.Different:
                    if (diff.Local == null) goto default;
                    var action = diff.Status == DxpDiffStatus.New ? "Upload" : "Upload (" + string.Join(", ", diff.Differences.Select(d => d.Field)) + ")";
                    if (Approved(diff, returnId) && Confirmed(diff, returnId, target, action)) _uploads.Add(Retarget(diff, returnId));
                    break;
                case DxpDiffStatus.DxpOnly:
                    if (Approved(diff, returnId) && Confirmed(diff, returnId, target, "Delete (no longer in the local data)")) _deletes.Add(Retarget(diff, returnId));
                    break;
                default:
                    WriteVerbose($"{diff.Kind} {diff.LocalId}: {diff.Status}, nothing to send.");
                    WriteObject(Result(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, diff.Problems.Select(p => p.Message).ToArray()));
                    break;
            }
        }

        /// <summary>
        /// ShouldProcess, except that a session that cannot ask (pwsh -NonInteractive, a scheduled task, a hosted engine)
        /// gets one clear error and every record a Skipped result, instead of the host's own "cannot prompt" failure.
        /// </summary>
        private bool Confirmed(DxpRecordDiff diff, string returnId, string target, string action)
        {
            const string notAsked = "Not sent: this session cannot ask for confirmation (Sync-DxpRecord is ConfirmImpact High because it deletes); give -Confirm:$false.";
            if (!_cannotAsk)
            {
                try { return ShouldProcess(target, action); }
                catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException || ex is NotImplementedException)
                {
                    _cannotAsk = true;
                    var message = $"Sync-DxpRecord asks before each upload and delete, and this session cannot ask, so nothing was sent: {ex.Message}";
                    WriteError(new ErrorRecord(new InvalidOperationException(message, ex), ErrorIds.DxpSyncNotConfirmed, ErrorCategory.OperationStopped, diff)
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Scripts and scheduled tasks pass -Confirm:$false (review first with -WhatIf: it deletes what the local data no longer has)." },
                    });
                }
            }
            WriteObject(Result(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { notAsked }));
            return false;
        }

        private bool _cannotAsk;

        private static DxpRecordDiff Retarget(DxpRecordDiff diff, string returnId)
        {
            if (diff.ReturnId == returnId) return diff;
            diff.ReturnId = returnId;
            return diff;
        }

        protected override void EndProcessing()
        {
            if (_uploads.Count == 0 && _deletes.Count == 0) return;
            var journal = new SyncJournal(_connection.JournalPath);
            var runId = SyncJournal.NewRunId();
            var order = DxpDatasets.All.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
            // Uploads in SDR order (learners and the register before what refers to them), then deletes in reverse.
            foreach (var group in _uploads.GroupBy(d => (d.ReturnId, d.Dataset)).OrderBy(g => order.TryGetValue(g.Key.Dataset, out var i) ? i : 99))
                Upload(journal, runId, group.Key.ReturnId, group.Key.Dataset, group.ToList());
            foreach (var group in _deletes.GroupBy(d => (d.ReturnId, d.Dataset)).OrderByDescending(g => order.TryGetValue(g.Key.Dataset, out var i) ? i : 99))
                Delete(journal, runId, group.Key.ReturnId, group.Key.Dataset, group.ToList());
            ApplyJournalRetention(journal.Folder, _connection.JournalRetentionDays);
        }

        private void Upload(SyncJournal journal, string runId, string returnId, string dataset, List<DxpRecordDiff> diffs)
        {
            var kind = DxpDatasets.KindOf(dataset);
            DxpSubmission submission;
            try
            {
                submission = Await(_connection.GetSubmissionAsync(returnId, StopToken), _connection.Sender);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(DxpError(ex, returnId));
                foreach (var d in diffs) WriteObject(Result(d, returnId, runId, DxpSyncAction.Upload, DxpSyncOutcome.Failed, new[] { Unwrap(ex).Message }));
                return;
            }
            var plan = DxpUploadBatcher.Plan(diffs.Select(d => d.Local), submission.MaxRecordPerBatch);
            var byRecord = diffs.ToDictionary(d => d.Local, d => d, SameRecord.Instance);
            for (var i = 0; i < plan.HeldBack.Count; i++)
                Report(Result(byRecord[plan.HeldBack[i]], returnId, runId, DxpSyncAction.Upload, DxpSyncOutcome.Failed, new[] { plan.Problems[i].Message }), plan.Problems[i].Code);
            var total = plan.Batches.Sum(b => b.Count);
            if (total == 0) return;
            var uploader = new DxpUploader(_connection, journal, runId, returnId) { Approval = _journalApproval };
            WriteVerbose($"Sync run {runId}: uploading {total} {kind} records to return {returnId} in {plan.Batches.Count} batches of up to {submission.MaxRecordPerBatch}. Journal: {journal.Folder}");
            var progress = new ProgressRecord(7, $"Syncing {kind} records with DXP return {returnId}", "Starting");
            void Tick()
            {
                while (uploader.Notes.TryDequeue(out var note)) WriteVerbose(note);
                var p = uploader.Progress;
                progress.StatusDescription = $"Uploaded {p.Done} of {total} (accepted {p.Accepted}, rejected {p.Rejected}, failed {p.Failed})";
                progress.PercentComplete = (int)(100L * p.Done / total);
                WriteProgress(progress);
            }
            journal.RunStarted(runId, "Dxp", kind, total, _journalApproval);
            if (_approval != null) WriteVerbose($"Sending only what {_approval.SignedBy} approved ({_approval.Path}, {_approval.Sha256}).");
            IReadOnlyList<DxpUploadResult> results = null;
            try
            {
                results = Await(uploader.UploadAsync(plan.Batches, StopToken), _connection.Sender, Tick);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: a batch in flight is journalled InDoubt.
            }
            catch (ServiceException ex)
            {
                WriteError(DxpError(ex, returnId));
            }
            finally
            {
                var counts = results?.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
                journal.RunEnded(runId, "Dxp", kind, total, counts);
                while (uploader.Notes.TryDequeue(out var note)) WriteVerbose(note);
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
            while (uploader.BatchErrors.TryDequeue(out var failure))
                if (!(failure.Error is DxpBatchTooLargeException)) WriteError(DxpError(failure.Error, failure.Target));
            if (results == null) return;
            foreach (var r in results)
            {
                var outcome = r.Outcome == DxpUploadOutcome.Accepted ? DxpSyncOutcome.Synced : r.Outcome == DxpUploadOutcome.Rejected ? DxpSyncOutcome.Rejected : DxpSyncOutcome.Failed;
                Report(Result(byRecord[r.Record], returnId, runId, DxpSyncAction.Upload, outcome, r.Errors), outcome == DxpSyncOutcome.Rejected ? "DxpRecordRejected" : "DxpSyncFailed");
            }
            WriteVerbose($"Sync run {runId}: {kind} uploads {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}.");
            if (uploader.StoppedBy is DxpBatchTooLargeException tooLarge) ThrowTerminatingError(DxpError(tooLarge, returnId));
        }

        private void Delete(SyncJournal journal, string runId, string returnId, string dataset, List<DxpRecordDiff> diffs)
        {
            var kind = DxpDatasets.KindOf(dataset);
            var byId = diffs.GroupBy(d => d.LocalId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var notes = new ConcurrentQueue<string>();
            journal.RunStarted(runId, "Dxp", kind, byId.Count, _journalApproval);
            List<DxpRemoveResult> results = null;
            try
            {
                results = Await(DxpRemover.RemoveAsync(_connection, journal, runId, returnId, dataset, byId.Keys.ToList(), notes, StopToken, _journalApproval), _connection.Sender,
                    () => { while (notes.TryDequeue(out var n)) WriteVerbose(n); });
            }
            catch (Exception ex) when (ex is ServiceException)
            {
                WriteError(DxpError(ex, returnId));
                foreach (var d in byId.Values) WriteObject(Result(d, returnId, runId, DxpSyncAction.Delete, DxpSyncOutcome.Failed, new[] { Unwrap(ex).Message }));
            }
            finally
            {
                var counts = results?.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
                journal.RunEnded(runId, "Dxp", kind, byId.Count, counts);
            }
            if (results == null) return;
            foreach (var r in results)
            {
                var outcome = r.Outcome == DxpRemoveOutcome.Removed ? DxpSyncOutcome.Synced : r.Outcome == DxpRemoveOutcome.Rejected ? DxpSyncOutcome.Rejected : DxpSyncOutcome.Failed;
                Report(Result(byId[r.LocalId], returnId, runId, DxpSyncAction.Delete, outcome, r.Errors), outcome == DxpSyncOutcome.Rejected ? "DxpRecordNotDeleted" : "DxpDeleteFailed");
            }
        }

        private void Report(DxpSyncResult result, string errorId)
        {
            WriteObject(result);
            if (result.Outcome == DxpSyncOutcome.Synced) return;
            var message = $"{result.Kind} {result.LocalId} was not {(result.Action == DxpSyncAction.Delete ? "deleted" : "uploaded")}: {result.ErrorSummary}";
            WriteError(new ErrorRecord(new InvalidOperationException(message), errorId,
                result.Outcome == DxpSyncOutcome.Rejected ? ErrorCategory.InvalidData : ErrorCategory.InvalidResult, result)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the record in the SMS export, then compare and sync again." },
            });
        }

        private sealed class SameRecord : IEqualityComparer<IDxpRecord>
        {
            public static readonly SameRecord Instance = new SameRecord();
            public bool Equals(IDxpRecord x, IDxpRecord y) => ReferenceEquals(x, y);
            public int GetHashCode(IDxpRecord obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }

        private static DxpSyncResult Result(DxpRecordDiff diff, string returnId, string runId, DxpSyncAction action, DxpSyncOutcome outcome, IReadOnlyList<string> errors) => new DxpSyncResult
        {
            Dataset = diff.Dataset,
            Kind = diff.Kind,
            LocalId = diff.LocalId,
            StudentIdentificationCode = diff.StudentIdentificationCode,
            Status = diff.Status,
            Action = action,
            Outcome = outcome,
            Errors = errors ?? Array.Empty<string>(),
            ReturnId = returnId,
            RunId = runId,
            Timestamp = DateTimeOffset.Now,
            Diff = diff,
        };
    }
}
