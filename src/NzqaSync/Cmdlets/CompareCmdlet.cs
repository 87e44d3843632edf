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

        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public object InputObject { get; set; }

        /// <summary>Names the local columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
        [Parameter]
        public Hashtable ColumnMap { get; set; }

        /// <summary>NZQA's side, already read (from Get-Nzqa*); when given, NZQA is not called.</summary>
        [Parameter]
        public TRecord[] NzqaRecord { get; set; }

        protected abstract RecordArea<TRecord, TDiff> Area { get; }
        protected abstract IReadOnlyList<PropertyBinding<TRecord>> Bindings { get; }
        protected abstract Task<List<TRecord>> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken);

        protected override void BeginProcessing() => _reader = new LocalRecordReader<TRecord>(Bindings, ColumnMap);

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            if (InputObject is PSObject pso && pso.BaseObject is IEnumerable && !(pso.BaseObject is string) && !(pso.BaseObject is IDictionary))
            {
                foreach (var item in (IEnumerable)pso.BaseObject) _local.Add(_reader.Read(item));
                return;
            }
            if (InputObject is IEnumerable many && !(InputObject is string) && !(InputObject is IDictionary))
            {
                foreach (var item in many) _local.Add(_reader.Read(item));
                return;
            }
            _local.Add(_reader.Read(InputObject));
        }

        protected override void EndProcessing()
        {
            IEnumerable<TRecord> nzqa = NzqaRecord;
            if (nzqa == null)
            {
                var connection = ResolveConnection();
                var fetch = new FetchProgress(this, 1, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s", connection.ProviderNumber);
                WriteVerbose($"Reading NZQA's {Area.Kind.ToLowerInvariant()}s for provider {connection.ProviderNumber} from {connection.BaseUri}.");
                try
                {
                    nzqa = Await(FetchAsync(connection, fetch.Report, Stopping), connection.Sender, fetch.Tick);
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
            foreach (var diff in RecordComparer.Compare(Area, _local, nzqa))
            {
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
            WriteVerbose($"Compared {_local.Count} local {Area.Kind.ToLowerInvariant()}s with NZQA: " +
                         string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + ".");
        }

        private ErrorRecord InvalidRecordError(TDiff diff)
        {
            var who = string.IsNullOrEmpty(diff.Name) ? $"{Area.Kind} {diff.Nsn}" : $"{Area.Kind} {diff.Nsn} ({diff.Name})";
            var message = $"{who} cannot be sent: " + string.Join(" ", diff.Problems.Select(p => p.Message));
            var line = diff.Source is PSObject p && p.Properties["SourceLine"]?.Value is int l ? l : (int?)null;
            if (line != null) message = $"Line {line}: " + message;
            return new ErrorRecord(new InvalidRecordException(message, diff.Problems), diff.Problems[0].ErrorId, ErrorCategory.InvalidData, diff.Source ?? diff)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Correct {string.Join(", ", diff.Problems.Select(x => x.Field).Distinct())} in the SMS and compare again." },
            };
        }
    }

    /// <summary>Compares the school's enrolments with NZQA's: Match, New, Different, Leaver, NzqaOnly or Invalid.</summary>
    [Cmdlet(VerbsData.Compare, "NzqaEnrolment")]
    [OutputType(typeof(EnrolmentDiff))]
    public sealed class CompareNzqaEnrolmentCommand : CompareCmdlet<EnrolmentRecord, EnrolmentDiff>
    {
        protected override RecordArea<EnrolmentRecord, EnrolmentDiff> Area => EnrolmentArea.Instance;
        protected override IReadOnlyList<PropertyBinding<EnrolmentRecord>> Bindings => EnrolmentBindings.All;

        protected override Task<List<EnrolmentRecord>> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken) =>
            connection.Client.GetEnrolmentsAsync(progress, cancellationToken);
    }
}
