using System.Collections;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

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
    private int _received;
    private LocalRecordReader<TRecord> _reader;

    [Parameter(ValueFromPipeline = true, ParameterSetName = ParameterSets.InputObject)]
    [AllowNull]
    public object InputObject { get; set; }

    /// <summary>The SMS export CSV(s) to compare, read here row by row (as Import-NzqaRecord reads them).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Path)]
    [ValidateNotNullOrEmpty]
    public string[] Path { get; set; }

    /// <summary>Names the local columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
    [Parameter]
    public Hashtable ColumnMap { get; set; }

    /// <summary>NZQA's side, already read (from Get-Nzqa*); when given, NZQA is not called.</summary>
    [Parameter]
    public TRecord[] NzqaRecord { get; set; }

    /// <summary>Compares even when no local record came in (every record NZQA holds is then NzqaOnly).</summary>
    [Parameter]
    public SwitchParameter AllowEmpty { get; set; }

    /// <summary>The area when NZQA is not read (-NzqaRecord); reading NZQA may give a better-informed one.</summary>
    protected abstract RecordArea<TRecord, TDiff> Area { get; }
    protected abstract IReadOnlyList<PropertyBinding<TRecord>> Bindings { get; }

    /// <summary>Reads NZQA's side, and the area (with whatever NZQA reference data its rules need).</summary>
    protected abstract Task<(List<TRecord> Records, RecordArea<TRecord, TDiff> Area)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken);

    protected override void BeginProcessing()
    {
        _reader = new LocalRecordReader<TRecord>(Bindings, ColumnMap);
        RefuseUnknownColumnMapKeys(_reader, Area.Kind.ToLowerInvariant(), ColumnMap);
    }

    protected IEnumerable<TRecord> LocalRecords() => _local.Select(l => l.Record);

    /// <summary>Whether a local record belongs to this comparison (e.g. -AcademicYear).</summary>
    protected virtual bool Keep(TRecord local) => true;

    private void Add(object item)
    {
        if (WrongKind(item)) return;
        var read = _reader.Read(item);
        _received++;
        if (!Keep(read.Record)) return;
        _local.Add(read);
        if (_local.Count == 1) StartReadingNzqa();
    }

    // NZQA's side, read while the rest of the local records are still being read (or still coming down the pipeline).
    private Task<(List<TRecord> Records, RecordArea<TRecord, TDiff> Area)> _nzqaRead;
    private NzqaConnection _nzqaReadConnection;
    private FetchProgress _nzqaReadProgress;

    /// <summary>
    /// Starts reading NZQA's side once the first local record is kept: a compare that gets no local record reads
    /// nothing. Its progress, retry notes and any failure are written in EndProcessing, where the read used to start,
    /// so what a user sees, and in which order, is unchanged. Not connected: EndProcessing says so, as before.
    /// </summary>
    private void StartReadingNzqa()
    {
        if (_nzqaRead != null || NzqaRecord != null) return;
        var connection = Connection ?? SessionConnections.GetNzqa();
        if (connection == null) return;
        connection = ResolveConnection();
        var progress = new FetchProgress(this, 1, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s", connection.ProviderNumber);
        var stop = new CancellationTokenSource();
        StopToken.Register(stop.Cancel);
        _nzqaReadConnection = connection;
        _nzqaReadProgress = progress;
        _nzqaRead = FetchAsync(connection, progress.Report, stop.Token);
        // A read whose answer is never awaited (the cmdlet stopped by a terminating error first) is still observed.
        _nzqaRead.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    protected override void ProcessRecord()
    {
        if (Path != null) ReadFiles();
        else if (InputObject != null)
            foreach (var item in PipelineInput.Items(InputObject)) Add(item);
    }

    /// <summary>
    /// -Path: the rows go straight from the file into the comparison, with the same column aliases, -ColumnMap,
    /// line numbers and errors for bad rows as Import-NzqaRecord | Compare-Nzqa* (same ids, same messages).
    /// </summary>
    private void ReadFiles()
    {
        var import = new CsvImport<TRecord>(this, _reader, Area.Kind);
        foreach (var path in Path)
        {
            var full = CsvImport<TRecord>.Resolve(this, path);
            if (full == null) continue;
            foreach (var record in import.Read(full))
            {
                _received++;
                if (!Keep(record)) continue;
                _local.Add(new LocalRecord<TRecord>(record, null, record));
                if (_local.Count == 1) StartReadingNzqa();
            }
        }
    }

    private readonly LeftOutByType _wrongKind = new LeftOutByType();

    /// <summary>
    /// A typed record of another kind (an EnrolmentRecord into Compare-NzqaLearner, a DXP record) is not read as this
    /// kind: it would be one "missing field" error per record. One NzqaWrongRecordKind error per type instead; not compared.
    /// </summary>
    private bool WrongKind(object item)
    {
        var value = item is PSObject pso ? pso.BaseObject : item;
        if (value is TRecord || !(value is LearnerRecord || value is EnrolmentRecord || value is StandardRecord || value is Domain.Dxp.IDxpRecord)) return false;
        if (!_wrongKind.IsFirst(value)) return true;
        var type = value.GetType();
        var kind = Area.Kind;
        var given = value is Domain.Dxp.IDxpRecord dxp ? "a DXP " + Domain.Dxp.DxpDatasets.KindOf(dxp.Dataset).ToLowerInvariant() : "an NZQA " + type.Name.Replace("Record", "").ToLowerInvariant();
        var goesTo = value is Domain.Dxp.IDxpRecord ? "Compare-DxpRecord" : "Compare-Nzqa" + type.Name.Replace("Record", "");
        var message = $"{MyInvocation.MyCommand.Name} compares {kind.ToLowerInvariant()} records, but {given} record was piped in: it goes to {goesTo}. It was not compared (nor any other like it).";
        WriteError(new ErrorRecord(new ArgumentException(message), ErrorIds.NzqaWrongRecordKind, ErrorCategory.InvalidArgument, item)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Pipe {kind.ToLowerInvariant()} records (Import-NzqaRecord -Kind {kind}), or pipe these to {goesTo}." },
        });
        return true;
    }

    protected override void EndProcessing()
    {
        if (_wrongKind.Total > 1) WriteWarning($"{_wrongKind.Total} records of another kind were not compared: {_wrongKind.Summary}.");
        if (_local.Count == 0 && !AllowEmpty)
        {
            // A missing export must not read as "the school has no records": every NZQA record would be NzqaOnly.
            var noun = Area.Kind.ToLowerInvariant();
            var why = _received == 0 ? $"No local {noun} records came in" : $"None of the {_received} local {noun} records is in this comparison's scope";
            var message = $"{why}, so nothing was compared with NZQA and no record is NzqaOnly: nothing will be sent or withdrawn. " +
                          "Check the export path and any earlier errors.";
            // Not terminating: `$d = @(… | Compare-… -ErrorVariable e)` in a script must still assign (nothing), not keep an old $d.
            WriteError(new ErrorRecord(new InvalidOperationException(message), ErrorIds.NzqaCompareNoLocalRecords, ErrorCategory.ObjectNotFound, Path == null ? null : string.Join(", ", Path))
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = $"Give the SMS {noun} export (-Path, or pipe Import-NzqaRecord). To compare an intentionally empty collection (every NZQA record becomes NzqaOnly), add -AllowEmpty.",
                },
            });
            return;
        }
        IEnumerable<TRecord> nzqa = NzqaRecord;
        var area = Area;
        NzqaConnection connection = null;
        if (nzqa == null)
        {
            connection = ResolveConnection();
            WriteVerbose($"Reading NZQA's {Area.Kind.ToLowerInvariant()}s for provider {connection.ProviderNumber} from {connection.BaseUri}.");
            (nzqa, area) = _nzqaRead != null && ReferenceEquals(_nzqaReadConnection, connection)
                ? Read(connection, _nzqaReadProgress, () => _nzqaRead)
                : Read(connection, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s", progress => FetchAsync(connection, progress, StopToken));
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
            if (diff.Status == DiffStatus.Invalid) WriteError(InvalidRecordError.For(Area.Kind, diff));
            if (++written % 5000 == 0)
            {
                progress.StatusDescription = $"{written} records compared";
                WriteProgress(progress);
            }
        }
        Complete(progress);
        if (statusByKey != null) Settle(connection, area.Kind, statusByKey);
        WriteVerbose($"Compared {_local.Count} local {Area.Kind.ToLowerInvariant()}s with NZQA: " +
                     string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}")) + ".");
    }

    /// <summary>Sends of earlier runs whose answer was lost, settled against what NZQA now holds (the sync-run service).</summary>
    private void Settle(NzqaConnection connection, string kind, IReadOnlyDictionary<string, DiffStatus> statusByKey)
    {
        var settled = InDoubtSettlement.ByCompare(new SyncJournal(connection.JournalPath), kind, statusByKey);
        if (settled.Count == 0) return;
        WriteVerbose($"Settled {settled.Count} in-doubt sends from earlier runs against what NZQA holds: " +
                     $"{settled.Count(s => s.Outcome == JournalOutcome.Synced)} applied, {settled.Count(s => s.Outcome == JournalOutcome.Failed)} not applied.");
    }
}
