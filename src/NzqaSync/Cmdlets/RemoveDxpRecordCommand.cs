using System;
using System.Collections.Concurrent;
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
    /// Deletes records from a DXP submission by localId (POST {dataset}/delete). Binds Dataset, LocalId and ReturnId by
    /// property name, so Send-Dxp* results pipe straight in. One DxpRemoveResult per localId; a failed one also gets an error.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "DxpRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpRemoveResult))]
    public sealed class RemoveDxpRecordCommand : DxpApiCmdlet
    {
        private readonly List<(string ReturnId, string Dataset, string LocalId)> _planned = new List<(string, string, string)>();
        private DxpConnection _connection;

        /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion (the route names learners, courses, course-enrolments, ... also work).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DxpDatasetCompleter))]
        public string Dataset { get; set; }

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] LocalId { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var dataset = DxpDatasets.Normalise(Dataset);
            if (dataset == null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"Dataset '{Dataset}' is not {DxpDatasets.KindList}."), "DxpUnknownDataset", ErrorCategory.InvalidArgument, Dataset));
                return;
            }
            var returnId = ReturnIdOf(_connection, ReturnId, Submission);
            foreach (var id in LocalId)
                if (ShouldProcess($"{DxpDatasets.KindOf(dataset)} {id} in DXP return {returnId}", "Delete")) _planned.Add((returnId, dataset, id));
        }

        protected override void EndProcessing()
        {
            if (_planned.Count == 0) return;
            var journal = new SyncJournal(_connection.JournalPath);
            var runId = SyncJournal.NewRunId();
            var notes = new ConcurrentQueue<string>();
            foreach (var group in _planned.GroupBy(p => (p.ReturnId, p.Dataset)))
            {
                var ids = group.Select(p => p.LocalId).Distinct(StringComparer.Ordinal).ToList();
                var kind = DxpDatasets.KindOf(group.Key.Dataset);
                WriteVerbose($"Delete run {runId}: {ids.Count} {kind} records from return {group.Key.ReturnId}.");
                StartJournalRun(() => journal.RunStarted(runId, "Dxp", kind, ids.Count), "Dxp");
                List<DxpRemoveResult> results = null;
                try
                {
                    results = Await(DxpRemover.RemoveAsync(_connection, journal, runId, group.Key.ReturnId, group.Key.Dataset, ids, notes, StopToken), _connection.Sender,
                        () => { while (notes.TryDequeue(out var n)) WriteVerbose(n); });
                }
                catch (Exception ex) when (ex is ServiceException)
                {
                    WriteError(DxpError(ex, group.Key.ReturnId));
                }
                finally
                {
                    var counts = results?.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
                    journal.RunEnded(runId, "Dxp", kind, ids.Count, counts);
                }
                if (results == null) continue;
                foreach (var r in results)
                {
                    WriteObject(r);
                    if (r.Outcome != DxpRemoveOutcome.Removed)
                        WriteError(new ErrorRecord(new InvalidOperationException($"{r.Kind} {r.LocalId} was not deleted: {r.ErrorSummary}"),
                            r.Outcome == DxpRemoveOutcome.Rejected ? "DxpRecordNotDeleted" : "DxpDeleteFailed",
                            r.Outcome == DxpRemoveOutcome.Rejected ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidResult, r));
                }
            }
            ApplyJournalRetention(journal.Folder, _connection.JournalRetentionDays);
        }
    }

    /// <summary>Tab completion for -Dataset.</summary>
    public sealed class DxpDatasetCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            System.Management.Automation.Language.CommandAst commandAst, System.Collections.IDictionary fakeBoundParameters) =>
            DxpDatasets.Kinds
                .Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
