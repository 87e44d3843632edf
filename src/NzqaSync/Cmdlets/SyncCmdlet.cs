using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// The shared body of Sync-Nzqa*: diffs in from the pipeline, ShouldProcess per record, only changed records
    /// sent (in batches, a few at once, journalled before and after), one SyncResult per record out. A record that
    /// fails also gets an error, so $? is false and scheduled scripts can tell.
    /// </summary>
    public abstract class SyncCmdlet<TDiff> : NzqaApiCmdlet where TDiff : RecordDiff
    {
        private readonly List<PlannedRecord> _planned = new List<PlannedRecord>();
        private NzqaConnection _connection;

        /// <summary>
        /// The diffs Compare-Nzqa* wrote. Typed loosely on purpose: a diff of another kind (or a raw record) piped in
        /// is one clear error naming the cmdlet that takes it, not the engine's binding error once per object.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        public object InputObject { get; set; }

        [Parameter]
        [ValidateRange(1, NzqaRoutes.MaxBatchItems)]
        public int BatchSize { get; set; } = NzqaRoutes.MaxBatchItems;

        /// <summary>Batches in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 16)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The Principal's Nominee's approval file: only changes it lists, unchanged since, are sent.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ApprovalPath { get; set; }

        private ApprovalFile _approval;

        protected abstract PlannedRecord Plan(TDiff diff, int provider);
        protected abstract string Describe(PlannedRecord planned);

        /// <summary>Planned records not to send this time, with the reason each is held.</summary>
        protected virtual IDictionary<PlannedRecord, string> HoldBack(IReadOnlyList<PlannedRecord> planned, NzqaConnection connection) =>
            SyncHolds.HeldBackByLearner(planned, connection.LearnersNotAccepted);

        /// <summary>After a run: what later syncs of the session need to know.</summary>
        protected virtual void Ran(IReadOnlyList<SyncResult> results, NzqaConnection connection) { }

        private SyncResult Skipped(RecordDiff diff, IEnumerable<string> reasons) => new SyncResult
        {
            Kind = diff.Kind, Key = diff.Key, Nsn = diff.Nsn, Name = diff.Name, Action = SyncAction.None,
            Outcome = SyncOutcome.Skipped, SyncStatus = diff.SyncStatus, Timestamp = DateTimeOffset.Now, Diff = diff,
            Errors = reasons.ToArray(),
        };

        protected override void BeginProcessing()
        {
            _connection = ResolveConnection();
            if (ApprovalPath != null) _approval = LoadApprovalFile(ApprovalPath);
        }

        protected override void ProcessRecord()
        {
            var input = InputObject is PSObject pso ? pso.BaseObject : InputObject;
            if (input is System.Collections.IEnumerable many && !(input is string))
            {
                foreach (var item in many) Process(item is PSObject p ? p.BaseObject : item);
                return;
            }
            Process(input);
        }

        private void Process(object input)
        {
            if (!(input is TDiff diff))
            {
                RefuseWrongInput(input);
                return;
            }
            if (diff.SyncStatus == SyncStatus.Synced)
            {
                // The same diff object piped in again (a second Sync of $diff): what it asked for was sent and accepted.
                const string already = "Already synced from this diff; nothing was sent again. Compare again to see what NZQA holds now.";
                WriteVerbose($"{diff.Kind} {diff.Key}: {already}");
                WriteObject(Skipped(diff, new[] { already }));
                return;
            }
            var planned = Plan(diff, _connection.ProviderNumber);
            if (planned.Operations.Count == 0)
            {
                WriteVerbose($"{diff.Kind} {diff.Key}: {diff.Status}, nothing to send.");
                var reasons = diff.Problems.Select(p => p.Message).ToList();
                if (planned.SkipReason != null)
                {
                    reasons.Add(planned.SkipReason);
                    WriteWarning($"{diff.Kind} {diff.Key} ({diff.Name}): {planned.SkipReason}");
                }
                WriteObject(Skipped(diff, reasons));
                return;
            }
            var notApproved = _approval?.Refusal(planned);
            if (notApproved != null)
            {
                WriteVerbose($"{diff.Kind} {diff.Key}: {notApproved}");
                WriteObject(Skipped(diff, new[] { notApproved }));
                return;
            }
            var target = string.IsNullOrEmpty(diff.Name) ? $"NSN {diff.Nsn}, {diff.Kind.ToLowerInvariant()} {diff.Key}" : $"NSN {diff.Nsn} ({diff.Name}), {diff.Kind.ToLowerInvariant()} {diff.Key}";
            if (diff.Kind == "Enrolment" || diff.Kind == "Learner") target = string.IsNullOrEmpty(diff.Name) ? $"NSN {diff.Nsn}" : $"NSN {diff.Nsn} ({diff.Name})";
            if (ShouldProcess(target, Describe(planned))) _planned.Add(planned);
        }

        /// <summary>Stops, before anything is sent, when the input is not this cmdlet's kind of diff.</summary>
        private void RefuseWrongInput(object input)
        {
            var name = MyInvocation.MyCommand.Name;
            var kind = name.Substring("Sync-Nzqa".Length);
            var noun = kind.ToLowerInvariant();
            string message;
            if (input is RecordDiff other)
                message = $"{name} takes {noun} diffs (from Compare-Nzqa{kind}), but {Article(other.Kind)} {other.Kind.ToLowerInvariant()} diff was piped in: " +
                          $"pipe {other.Kind.ToLowerInvariant()} diffs to Sync-Nzqa{other.Kind}. Nothing was sent.";
            else
                message = $"{name} takes the {noun} diffs Compare-Nzqa{kind} writes, but {(input == null ? "nothing" : "a " + input.GetType().Name)} was piped in: " +
                          $"compare first (Import-NzqaRecord -Path <file> -Kind {kind} | Compare-Nzqa{kind} | {name}). Nothing was sent.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), "NzqaWrongInputKind", ErrorCategory.InvalidArgument, input)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = input is RecordDiff d ? $"Pipe it to Sync-Nzqa{d.Kind}." : $"Pipe Compare-Nzqa{kind}'s output to {name}.",
                },
            });
        }

        private static string Article(string word) => "AEIOUaeiou".IndexOf(word[0]) >= 0 ? "an" : "a";

        protected override void EndProcessing()
        {
            if (_planned.Count == 0) return;
            var holds = HoldBack(_planned, _connection) ?? new Dictionary<PlannedRecord, string>();
            if (holds.Count > 0)
            {
                var sent = new List<PlannedRecord>();
                foreach (var planned in _planned)
                {
                    if (!holds.TryGetValue(planned, out var why)) { sent.Add(planned); continue; }
                    WriteWarning($"{planned.Diff.Kind} {planned.Diff.Key} ({planned.Diff.Name}): {why}");
                    WriteObject(Skipped(planned.Diff, new[] { why }));
                }
                var heldResults = holds.Select(h => Skipped(h.Key.Diff, new[] { h.Value })).ToList();
                Ran(heldResults, _connection);
                _planned.Clear();
                _planned.AddRange(sent);
                if (_planned.Count == 0) return;
            }
            var kind = _planned[0].Diff.Kind;
            var journal = new SyncJournal(_connection.JournalPath);
            var runId = SyncJournal.NewRunId();
            var runner = new SyncRunner(_connection.Client.WriteBatchAsync, journal, "Nzqa", runId, BatchSize, ThrottleLimit, _connection.KeepExchanges)
            {
                Approval = _approval == null ? null : new JournalApproval { Sha256 = _approval.Sha256, SignedBy = _approval.SignedBy, SignedAt = _approval.SignedAt, Path = _approval.Path },
            };
            var total = _planned.Count;
            WriteVerbose($"Sync run {runId}: sending {total} {kind.ToLowerInvariant()} changes to NZQA {_connection.BaseUri} in batches of up to {BatchSize}, {ThrottleLimit} at a time " +
                         $"({string.Join(", ", _planned.GroupBy(p => p.Headline).Select(g => $"{g.Key} {g.Count()}"))}). Journal: {journal.Folder}");
            var progress = new ProgressRecord(3, $"Syncing {kind.ToLowerInvariant()}s with NZQA", "Starting");
            void Tick()
            {
                var p = runner.Progress;
                progress.StatusDescription = $"Processing {kind.ToLowerInvariant()}s {p.Done} of {total} (created {p.Created}, patched {p.Updated}, failed {p.Failed})";
                progress.PercentComplete = (int)(100L * p.Done / total);
                WriteProgress(progress);
            }

            StartJournalRun(() => journal.RunStarted(runId, "Nzqa", kind, total, runner.Approval), "Nzqa");
            if (_approval != null) WriteVerbose($"Sending only what {_approval.SignedBy} approved ({_approval.Path}, {_approval.Sha256}).");
            IReadOnlyList<SyncResult> results = null;
            try
            {
                results = Await(runner.RunAsync(_planned, StopToken), _connection.Sender, Tick);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: what was in flight is journalled InDoubt; what was never sent has no journal line.
            }
            finally
            {
                var counts = results?.GroupBy(r => r.Outcome.ToString()).ToDictionary(g => g.Key, g => g.Count()) ?? new Dictionary<string, int>();
                journal.RunEnded(runId, "Nzqa", kind, total, counts);
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
                ApplyRetention(journal);
            }
            if (results == null) return;
            Ran(results, _connection);

            foreach (var result in results)
            {
                WriteObject(result);
                if (result.Outcome == SyncOutcome.Failed)
                    WriteError(new ErrorRecord(new InvalidOperationException($"{result.Kind} {result.Key} ({result.Name}) was not synced: {result.ErrorSummary}"),
                        ErrorIds.ForNzqaRefusal(result.Errors), ErrorCategory.InvalidResult, result));
            }
            WriteVerbose($"Sync run {runId} finished: {string.Join(", ", results.GroupBy(r => r.Outcome).Select(g => $"{g.Key} {g.Count()}"))}.");
        }

        /// <summary>The connection's retention: entries older than JournalRetentionDays go after each run.</summary>
        private void ApplyRetention(SyncJournal journal) => ApplyJournalRetention(journal.Folder, _connection.JournalRetentionDays);
    }

    /// <summary>Sends enrolment changes to NZQA: New → create, Different → update, Leaver → record leaving.</summary>
    [Cmdlet(VerbsData.Sync, "NzqaEnrolment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncNzqaEnrolmentCommand : SyncCmdlet<EnrolmentDiff>
    {
        protected override PlannedRecord Plan(EnrolmentDiff diff, int provider) => EnrolmentSyncPlanner.Plan(diff, provider);

        protected override string Describe(PlannedRecord planned) => planned.Headline switch
        {
            SyncAction.Create => "Create enrolment",
            SyncAction.RecordLeaving => $"Record leaving {Domain.CalendarDate.Format(((EnrolmentDiff)planned.Diff).Local.LeavingDate)} ({((EnrolmentDiff)planned.Diff).Local.LeavingReason})",
            _ => "Update enrolment (" + string.Join(", ", planned.Diff.Differences.Select(d => d.Field)) + ")",
        };
    }
}

namespace NzqaSync.Cmdlets
{
    /// <summary>Sends learner detail changes to NZQA: New → create, Different → update of the changed fields only.</summary>
    [Cmdlet(VerbsData.Sync, "NzqaLearner", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncNzqaLearnerCommand : SyncCmdlet<LearnerDiff>
    {
        /// <summary>Send changes to the legal names or date of birth of learners NZQA already holds.</summary>
        [Parameter]
        public SwitchParameter AllowIdentityChange { get; set; }

        /// <summary>Send learners NZQA refused for identity (NSN_CONFLICT) again although their data has not changed.</summary>
        [Parameter]
        public SwitchParameter ReleaseHeld { get; set; }

        protected override PlannedRecord Plan(LearnerDiff diff, int provider) => LearnerSyncPlanner.Plan(diff, provider, AllowIdentityChange.IsPresent);

        protected override IDictionary<PlannedRecord, string> HoldBack(IReadOnlyList<PlannedRecord> planned, NzqaConnection connection)
        {
            if (ReleaseHeld.IsPresent) return null;
            var journal = new SyncJournal(connection.JournalPath);
            return SyncHolds.HeldLearners(new SyncJournalReader(journal.Folder).Load().Entries, planned);
        }

        protected override void Ran(IReadOnlyList<SyncResult> results, NzqaConnection connection)
        {
            foreach (var r in results)
            {
                var nsn = Domain.NationalStudentNumber.Normalise(r.Nsn) ?? r.Key;
                if (nsn == null) continue;
                if (r.Outcome == SyncOutcome.Synced) connection.LearnersNotAccepted.TryRemove(nsn, out _);
                else if (r.Outcome == SyncOutcome.Failed || r.Outcome == SyncOutcome.Skipped)
                    connection.LearnersNotAccepted[nsn] = r.Outcome == SyncOutcome.Failed ? "NZQA refused it: " + r.ErrorSummary : "held after NZQA refused it for identity";
            }
        }

        protected override string Describe(PlannedRecord planned) => planned.Headline == SyncAction.Create
            ? "Create learner"
            : "Update learner (" + string.Join(", ", planned.Diff.Differences.Select(d => d.Field)) + ")";
    }

    /// <summary>Sends standard entries and results to NZQA: create entries, submit or change results, withdraw entries.</summary>
    [Cmdlet(VerbsData.Sync, "NzqaStandard", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SyncResult))]
    public sealed class SyncNzqaStandardCommand : SyncCmdlet<StandardDiff>
    {
        protected override PlannedRecord Plan(StandardDiff diff, int provider) => StandardSyncPlanner.Plan(diff, provider);

        protected override string Describe(PlannedRecord planned)
        {
            var diff = (StandardDiff)planned.Diff;
            switch (planned.Headline)
            {
                case SyncAction.Withdraw: return $"Withdraw entry {diff.StandardNumber} ({diff.AcademicYear})";
                case SyncAction.Create: return $"Create entry {diff.StandardNumber} ({diff.AcademicYear})" + (diff.LocalResult != null ? $" with result {diff.LocalResult}" : "");
                case SyncAction.SubmitResult: return $"Submit result {diff.LocalResult} for {diff.StandardNumber} (NZQA has {diff.NzqaResult ?? "none"})";
                default: return $"Update entry {diff.StandardNumber} (" + string.Join(", ", diff.Differences.Select(d => d.Field)) + ")";
            }
        }
    }
}
