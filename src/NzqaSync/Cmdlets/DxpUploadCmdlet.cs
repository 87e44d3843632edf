using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// DXP cmdlets that upload: one upload run through <see cref="DxpUploader"/> and the sync-run service (journal run
    /// lines, in-doubt settlement), its results, errors, notes and progress written on the pipeline thread as each batch
    /// is answered.
    /// </summary>
    public abstract class DxpUploadCmdlet : DxpApiCmdlet
    {
        /// <summary>Uploads the batches (one dataset) to a return; null when stopped (Ctrl+C: a batch in flight is journalled InDoubt).</summary>
        private protected IReadOnlyList<DxpUploadResult> Upload<T>(DxpConnection connection, DxpSubmission submission, string runId, IReadOnlyList<IReadOnlyList<T>> batches)
            where T : class, IDxpRecord
        {
            var dataset = batches[0][0].Dataset;
            var (kind, noun, total) = (DxpDatasets.KindOf(dataset), DxpRecordText.Noun(dataset), batches.Sum(b => b.Count));
            var journal = new SyncJournal(connection.JournalPath);
            var uploader = new DxpUploader(connection, journal, runId, submission.ReturnId);
            WriteVerbose($"Upload run {runId}: PUT {DxpRoutes.Upload(dataset)} to return {submission.ReturnId} (EID {connection.Edumis}): {total} records in {batches.Count} batches of up to {submission.MaxRecordPerBatch}, " +
                         $"one request at a time, bodies {(connection.CompressUploads ? "gzip-compressed" : "plain JSON")}. Journal: {journal.Folder}");
            var progress = new ProgressRecord(6, $"Uploading {noun}s to DXP return {submission.ReturnId}", "Starting");
            void Tick()
            {
                Drain(uploader, noun);
                var p = uploader.Progress;
                progress.StatusDescription = $"Uploaded {p.Done} of {total} {noun}s (accepted {p.Accepted}, rejected {p.Rejected}, failed {p.Failed}); {p.Batches} requests";
                progress.PercentComplete = (int)(100L * p.Done / total);
                WriteProgress(progress);
            }

            var run = StartRun(() => SyncRun.Start(journal, "Dxp", kind, total, runId), ServiceErrorIds.Dxp);
            IReadOnlyList<DxpUploadResult> results = null;
            try
            {
                results = Await(uploader.UploadAsync(batches, StopToken), connection.Sender, Tick);
            }
            catch (OperationCanceledException) { }
            catch (ServiceException ex)
            {
                // Could not even get a submission token: nothing was sent.
                Drain(uploader, noun);
                ThrowTerminatingError(DxpError(ex, submission.ReturnId));
            }
            finally
            {
                run.End(results, r => r.Outcome.ToString());
                ApplyRetention(journal, connection.JournalRetentionDays);
                Drain(uploader, noun);
                Complete(progress);
            }
            if (results == null) return null;
            var settled = InDoubtSettlement.ByUpload(journal, kind, runId, results.Where(r => r.Outcome == DxpUploadOutcome.Accepted).Select(r => r.LocalId));
            if (settled.Count > 0) WriteVerbose($"Settled {settled.Count} in-doubt uploads of earlier runs: DXP accepted their localIds in this run.");
            var bytes = uploader.Bytes;
            WriteVerbose($"Upload run {runId} finished: {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}" +
                         (Invalid > 0 ? $", Invalid {Invalid}" : "") +
                         $"; {uploader.Progress.Batches} requests, {bytes.Json / 1024.0:0.0} KB JSON sent as {bytes.Sent / 1024.0:0.0} KB" +
                         (uploader.Renewals > 0 ? $"; submission token renewed {uploader.Renewals} times" : "") + ".");
            if (uploader.StoppedBy is DxpBatchTooLargeException tooLarge)
                ThrowTerminatingError(DxpError(tooLarge, submission.ReturnId));
            return results;
        }

        /// <summary>Records refused before the run (named in its summary).</summary>
        private protected int Invalid { get; set; }

        private void Drain(DxpUploader uploader, string noun)
        {
            while (uploader.Notes.TryDequeue(out var note)) WriteVerbose(note);
            while (uploader.Finished.TryDequeue(out var result))
            {
                WriteObject(result);
                if (result.Outcome != DxpUploadOutcome.Rejected) continue;
                var message = $"DXP rejected {noun} {result.LocalId} (student {result.StudentIdentificationCode}): {result.ErrorSummary}";
                WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.DxpRecordRejected, ErrorCategory.InvalidData, result)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the record and send it again (the same localId replaces)." },
                });
            }
            while (uploader.BatchErrors.TryDequeue(out var failure))
                if (!(failure.Error is DxpBatchTooLargeException)) WriteError(DxpError(failure.Error, failure.Target)); // MP1: terminating after the run
        }
    }
}
