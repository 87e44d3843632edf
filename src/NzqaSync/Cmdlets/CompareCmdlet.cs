using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets
{
    /// <summary>A local record that cannot be sent; carried by the ErrorRecord Compare writes for it.</summary>
    public sealed class InvalidRecordException : Exception
    {
        public InvalidRecordException(string message, IReadOnlyList<RecordProblem> problems) : base(message) => Problems = problems;
        public IReadOnlyList<RecordProblem> Problems { get; }
    }

    /// <summary>
    /// The shared body of Compare-Nzqa*: local records in by property name (one -InputObject parameter, mapped in
    /// C#), NZQA's side read once (or given with -NzqaRecord), one diff per record out; an Invalid record also
    /// gets a non-terminating error naming the record and the rule.
    /// </summary>
    public abstract class CompareCmdlet<TRecord, TDiff> : NzqaApiCmdlet
        where TRecord : class, new()
        where TDiff : RecordDiff
    {
        private readonly List<LocalRecord<TRecord>> _local = new List<LocalRecord<TRecord>>();
        private LocalRecordReader<TRecord> _reader;

        [Parameter(ValueFromPipeline = true, ParameterSetName = "InputObject")]
        [AllowNull]
        public object InputObject { get; set; }

        /// <summary>The SMS export CSV(s) to compare, read here row by row (as Import-NzqaRecord reads them).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Path")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>Names the local columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
        [Parameter]
        public Hashtable ColumnMap { get; set; }

        /// <summary>NZQA's side, already read (from Get-Nzqa*); when given, NZQA is not called.</summary>
        [Parameter]
        public TRecord[] NzqaRecord { get; set; }

        /// <summary>The area when NZQA is not read (-NzqaRecord); reading NZQA may give a better-informed one.</summary>
        protected abstract RecordArea<TRecord, TDiff> Area { get; }
        protected abstract IReadOnlyList<PropertyBinding<TRecord>> Bindings { get; }

        /// <summary>Sets the record's SourceLine (the CSV line it was read from, for error messages).</summary>
        protected abstract void SetSourceLine(TRecord record, int line);

        /// <summary>Reads NZQA's side, and the area (with whatever NZQA reference data its rules need).</summary>
        protected abstract Task<(List<TRecord> Records, RecordArea<TRecord, TDiff> Area)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken);

        protected override void BeginProcessing()
        {
            _reader = new LocalRecordReader<TRecord>(Bindings, ColumnMap);
            RefuseUnknownColumnMapKeys(_reader, Area.Kind.ToLowerInvariant(), ColumnMap);
        }

        protected IEnumerable<TRecord> LocalRecords() => _local.Select(l => l.Record);

        /// <summary>The NSNs an SMS enrolment export has as left (rows from Import-NzqaRecord -Kind Enrolment, or the CSV rows).</summary>
        protected static ISet<string> LeaversIn(object[] enrolments)
        {
            if (enrolments == null) return null;
            var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
            return StandardArea.LeaverNsns(enrolments.Where(e => e != null).Select(e => reader.Read(e).Record));
        }

        /// <summary>Whether a local record belongs to this comparison (e.g. -AcademicYear).</summary>
        protected virtual bool Keep(TRecord local) => true;

        private void Add(object item)
        {
            var read = _reader.Read(item);
            if (Keep(read.Record)) _local.Add(read);
        }

        protected override void ProcessRecord()
        {
            if (Path != null)
            {
                ReadFiles();
                return;
            }
            if (InputObject == null) return;
            if (InputObject is PSObject pso && pso.BaseObject is IEnumerable && !(pso.BaseObject is string) && !(pso.BaseObject is IDictionary))
            {
                foreach (var item in (IEnumerable)pso.BaseObject) Add(item);
                return;
            }
            if (InputObject is IEnumerable many && !(InputObject is string) && !(InputObject is IDictionary))
            {
                foreach (var item in many) Add(item);
                return;
            }
            Add(InputObject);
        }

        /// <summary>
        /// -Path: the rows go straight from the file into the comparison, with the same column aliases, -ColumnMap,
        /// line numbers and errors for bad rows as Import-NzqaRecord | Compare-Nzqa* (same ids, same messages).
        /// </summary>
        private void ReadFiles()
        {
            var import = new CsvImport<TRecord>(this, _reader, Area.Kind, SetSourceLine);
            foreach (var path in Path)
            {
                var full = CsvImport<TRecord>.Resolve(this, path);
                if (full == null) continue;
                foreach (var record in import.Read(full))
                    if (Keep(record)) _local.Add(new LocalRecord<TRecord>(record, null, record));
            }
        }

        protected override void EndProcessing()
        {
            IEnumerable<TRecord> nzqa = NzqaRecord;
            var area = Area;
            NzqaConnection connection = null;
            if (nzqa == null)
            {
                connection = ResolveConnection();
                var fetch = new FetchProgress(this, 1, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s", connection.ProviderNumber);
                WriteVerbose($"Reading NZQA's {Area.Kind.ToLowerInvariant()}s for provider {connection.ProviderNumber} from {connection.BaseUri}.");
                try
                {
                    var fetched = Await(FetchAsync(connection, fetch.Report, StopToken), connection.Sender, fetch.Tick);
                    nzqa = fetched.Records;
                    area = fetched.Area;
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    fetch.Complete();
                    ThrowTerminatingError(ServiceError(ex, "Nzqa", connection.BaseUri));
                    return;
                }
                fetch.Complete();
            }

            var counts = new Dictionary<DiffStatus, int>();
            var progress = new ProgressRecord(2, $"Comparing {Area.Kind.ToLowerInvariant()}s", "Comparing");
            var written = 0;
            var statusByKey = connection == null ? null : new Dictionary<string, DiffStatus>(StringComparer.Ordinal);
            foreach (var diff in RecordComparer.Compare(area, _local, nzqa))
            {
                if (statusByKey != null && diff.Key.Length > 0) statusByKey[diff.Key] = diff.Status;
                counts.TryGetValue(diff.Status, out var n);
                counts[diff.Status] = n + 1;
                WriteObject(diff);
                if (diff.Status == DiffStatus.Invalid) WriteError(InvalidRecordError(diff));
                if (++written % 5000 == 0)
                {
                    progress.StatusDescription = $"{written} records compared";
                    WriteProgress(progress);
                }
            }
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (statusByKey != null) SettleInDoubt(connection, area.Kind, statusByKey);
            WriteVerbose($"Compared {_local.Count} local {Area.Kind.ToLowerInvariant()}s with NZQA: " +
                         string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + ".");
        }

        /// <summary>
        /// Sends whose answer was lost (InDoubt in the journal) are settled against what NZQA now holds: a record that
        /// now matches was applied; one that still differs was not, and the next sync sends it again.
        /// </summary>
        private void SettleInDoubt(NzqaConnection connection, string kind, IReadOnlyDictionary<string, DiffStatus> statusByKey)
        {
            var journal = new SyncJournal(connection.JournalPath);
            var doubts = new SyncJournalReader(journal.Folder).Load().Entries
                .Where(e => e.Outcome == "InDoubt" && e.Api == "Nzqa" && e.Kind == kind && statusByKey.ContainsKey(e.Key))
                .ToList();
            if (doubts.Count == 0) return;
            var settled = doubts.Select(e =>
            {
                var applied = statusByKey[e.Key] == DiffStatus.Match || statusByKey[e.Key] == DiffStatus.NzqaOnly;
                return new JournalOperation
                {
                    RunId = e.RunId, OperationId = e.OperationId, Api = e.Api, Kind = e.Kind, Key = e.Key, Action = e.Action,
                    Outcome = applied ? "Synced" : "Failed",
                    Detail = applied ? "Settled" : null,
                    Errors = applied ? null : new[] { $"Settled by compare: NZQA does not hold this change ({statusByKey[e.Key]}); sync it again." },
                };
            }).ToList();
            journal.Record(settled);
            WriteVerbose($"Settled {settled.Count} in-doubt sends from earlier runs against what NZQA holds: " +
                         $"{settled.Count(s => s.Outcome == "Synced")} applied, {settled.Count(s => s.Outcome == "Failed")} not applied.");
        }

        private ErrorRecord InvalidRecordError(TDiff diff)
        {
            var who = string.Join(" ", new[] { Area.Kind, diff.Nsn, string.IsNullOrEmpty(diff.Name) ? null : $"({diff.Name})" }.Where(p => !string.IsNullOrEmpty(p)));
            var message = $"{who} cannot be sent: " + string.Join(" ", diff.Problems.Select(p => p.Message));
            var source = diff.Source == null ? null : diff.Source as PSObject ?? PSObject.AsPSObject(diff.Source);
            var line = source != null && source.Properties["SourceLine"]?.Value is int l ? l : (int?)null;
            if (line != null) message = $"Line {line}: " + message;
            return new ErrorRecord(new InvalidRecordException(message, diff.Problems), diff.Problems[0].ErrorId, ErrorCategory.InvalidData, diff.Source ?? diff)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = RecommendedAction(diff) },
            };
        }

        /// <summary>What a person can do about an invalid record, in words that fit its problems.</summary>
        private string RecommendedAction(TDiff diff)
        {
            var noun = Area.Kind.ToLowerInvariant();
            var actions = new List<string>();
            var source = diff.Source is PSObject ps ? ps.BaseObject : diff.Source;
            if (diff.Problems.Any(p => p.ErrorId == "NzqaNoKnownProperties"))
            {
                actions.Add(source is System.IO.FileSystemInfo file
                    ? $"A file was piped in, not {noun} records: read it with Import-NzqaRecord -Path '{file.FullName}' -Kind {Area.Kind} and pipe that."
                    : $"Pipe {noun} records (Import-NzqaRecord, Import-Csv or objects with the {noun} fields), or name the object's properties with -ColumnMap.");
            }
            else
            {
                if (diff.Problems.Any(p => p.ErrorId == "NzqaDuplicateKey"))
                    actions.Add($"Keep one row for {noun} {diff.Key} in the SMS export (or filter the duplicates out) and compare again.");
                var fields = diff.Problems.Where(p => p.ErrorId != "NzqaDuplicateKey").Select(p => p.Field).Where(f => !string.IsNullOrEmpty(f)).Distinct().ToList();
                if (fields.Count > 0) actions.Add($"Correct {string.Join(", ", fields)} in the SMS and compare again.");
            }
            return string.Join(" ", actions);
        }
    }

    /// <summary>Compares the school's enrolments with NZQA's: Match, New, Different, Leaver, NzqaOnly or Invalid.</summary>
    [Cmdlet(VerbsData.Compare, "NzqaEnrolment", DefaultParameterSetName = "InputObject")]
    [OutputType(typeof(EnrolmentDiff))]
    public sealed class CompareNzqaEnrolmentCommand : CompareCmdlet<EnrolmentRecord, EnrolmentDiff>
    {
        protected override RecordArea<EnrolmentRecord, EnrolmentDiff> Area => EnrolmentArea.Instance;
        protected override IReadOnlyList<PropertyBinding<EnrolmentRecord>> Bindings => EnrolmentBindings.All;
        protected override void SetSourceLine(EnrolmentRecord record, int line) => record.SourceLine = line;

        protected override async Task<(List<EnrolmentRecord>, RecordArea<EnrolmentRecord, EnrolmentDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken) =>
            (await connection.Client.GetEnrolmentsAsync(progress, cancellationToken).ConfigureAwait(false), Area);
    }

    /// <summary>Compares the school's learner details (identity) with NZQA's.</summary>
    [Cmdlet(VerbsData.Compare, "NzqaLearner", DefaultParameterSetName = "InputObject")]
    [OutputType(typeof(LearnerDiff))]
    public sealed class CompareNzqaLearnerCommand : CompareCmdlet<LearnerRecord, LearnerDiff>
    {
        /// <summary>The SMS's enrolments: students with a leaving date are Leaver (information only).</summary>
        [Parameter]
        public object[] LocalEnrolment { get; set; }

        private LearnerArea _area;

        protected override RecordArea<LearnerRecord, LearnerDiff> Area => _area ?? (_area = LocalEnrolment == null ? LearnerArea.Instance : new LearnerArea(LeaversIn(LocalEnrolment)));
        protected override IReadOnlyList<PropertyBinding<LearnerRecord>> Bindings => LearnerBindings.All;
        protected override void SetSourceLine(LearnerRecord record, int line) => record.SourceLine = line;

        protected override async Task<(List<LearnerRecord>, RecordArea<LearnerRecord, LearnerDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken) =>
            (await connection.Client.GetLearnersAsync(progress, cancellationToken).ConfigureAwait(false), Area);
    }

    /// <summary>
    /// Compares the school's standard entries and results with NZQA's, and checks each against NZQA's catalogue and
    /// enrolments before anything could be sent.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "NzqaStandard", DefaultParameterSetName = "InputObject")]
    [OutputType(typeof(StandardDiff))]
    public sealed class CompareNzqaStandardCommand : CompareCmdlet<StandardRecord, StandardDiff>
    {
        /// <summary>Only this academic year (NZQA's side is read for it alone).</summary>
        [Parameter]
        [ValidateRange(2000, 2100)]
        public int AcademicYear { get; set; }

        /// <summary>The SMS's enrolments: the entries of students with a leaving date are Leaver.</summary>
        [Parameter]
        public object[] LocalEnrolment { get; set; }

        private ISet<string> _leavers;
        private ISet<string> Leavers => _leavers ?? (_leavers = LeaversIn(LocalEnrolment) ?? new HashSet<string>());

        protected override RecordArea<StandardRecord, StandardDiff> Area =>
            new StandardArea((Connection ?? SessionConnections.GetNzqa())?.ProviderNumber ?? 0, null, null, Leavers);

        protected override IReadOnlyList<PropertyBinding<StandardRecord>> Bindings => StandardBindings.All;
        protected override void SetSourceLine(StandardRecord record, int line) => record.SourceLine = line;

        protected override async Task<(List<StandardRecord>, RecordArea<StandardRecord, StandardDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken)
        {
            var client = connection.Client;
            var year = MyInvocation.BoundParameters.ContainsKey(nameof(AcademicYear)) ? AcademicYear : (int?)null;
            var catalogue = client.GetCatalogueAsync(cancellationToken);
            var enrolments = client.GetEnrolmentsAsync(null, cancellationToken);
            var standards = await client.GetStandardsAsync(year, progress, cancellationToken).ConfigureAwait(false);
            var byNumber = new Dictionary<string, StandardDefinition>(StringComparer.Ordinal);
            foreach (var d in await catalogue.ConfigureAwait(false)) byNumber[d.Number] = d;
            var active = StandardArea.ActiveNsns(await enrolments.ConfigureAwait(false));
            return (standards, new StandardArea(connection.ProviderNumber, byNumber, active, Leavers));
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            RecentValues.RememberStandards(LocalRecords().Select(r => r.StandardNumber).Distinct());
        }

        protected override bool Keep(StandardRecord local) =>
            !MyInvocation.BoundParameters.ContainsKey(nameof(AcademicYear)) || local.AcademicYear == null || local.AcademicYear == AcademicYear;
    }
}
