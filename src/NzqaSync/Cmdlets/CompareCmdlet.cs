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
    private LocalIntake<TRecord> _intake;

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

    protected override void Begin()
    {
        if (NzqaRecord == null) ResolveConnection(); // not connected: said before the export is read, not after
        var reader = new LocalRecordReader<TRecord>(Bindings, ColumnMap);
        RefuseUnknownColumnMapKeys(reader, Area.Kind.ToLowerInvariant(), ColumnMap);
        _intake = new LocalIntake<TRecord>(this, Area.Kind, reader, Keep, StartReadingNzqa);
    }

    protected IEnumerable<TRecord> LocalRecords() => _intake.Kept.Select(l => l.Record);

    /// <summary>Each diff as it is written, when NZQA was read: what later syncs of the session need to know.</summary>
    protected virtual void Compared(TDiff diff, NzqaConnection connection) { }

    /// <summary>Whether a local record belongs to this comparison (e.g. -AcademicYear).</summary>
    protected virtual bool Keep(TRecord local) => true;

    // NZQA's side, read while the rest of the local records are still being read (or still coming down the pipeline).
    private NzqaReadAhead<(List<TRecord> Records, RecordArea<TRecord, TDiff> Area)> _readAhead;

    /// <summary>
    /// Starts reading NZQA's side once the first local record is kept: a compare that gets no local record reads
    /// nothing. (Not connected: Begin has already stopped the compare.)
    /// </summary>
    private void StartReadingNzqa()
    {
        if (_readAhead != null || NzqaRecord != null || (Connection ?? SessionConnections.GetNzqa()) == null) return;
        var connection = ResolveConnection();
        _readAhead = new NzqaReadAhead<(List<TRecord>, RecordArea<TRecord, TDiff>)>(this, connection, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s",
            (progress, ct) => FetchAsync(connection, progress, ct), StopToken);
    }

    protected override void ProcessRecord()
    {
        if (Path != null) _intake.ReadFiles(Path);
        else if (InputObject != null)
            foreach (var item in PipelineInput.Items(InputObject)) _intake.Add(item);
    }

    protected override void EndProcessing()
    {
        _intake.WarnLeftOut();
        if (_intake.Kept.Count == 0 && !AllowEmpty)
        {
            var noun = Area.Kind.ToLowerInvariant();
            var why = _intake.Received == 0 ? $"No local {noun} records came in" : $"None of the {_intake.Received} local {noun} records is in this comparison's scope";
            WriteError(CompareErrors.NoLocalRecords(ErrorIds.NzqaCompareNoLocalRecords,
                $"{why}, so nothing was compared with NZQA and no record is NzqaOnly: nothing will be sent or withdrawn. Check the export path and any earlier errors.",
                Path == null ? null : string.Join(", ", Path),
                $"Give the SMS {noun} export (-Path, or pipe Import-NzqaRecord). To compare an intentionally empty collection (every NZQA record becomes NzqaOnly), add -AllowEmpty."));
            return;
        }
        IEnumerable<TRecord> nzqa = NzqaRecord;
        var area = Area;
        NzqaConnection connection = null;
        if (nzqa == null)
        {
            connection = ResolveConnection();
            WriteVerbose($"Reading NZQA's {Area.Kind.ToLowerInvariant()}s for provider {connection.ProviderNumber} from {connection.BaseUri}.");
            (nzqa, area) = _readAhead != null && ReferenceEquals(_readAhead.Connection, connection)
                ? Read(connection, _readAhead.Progress, () => _readAhead.Read)
                : Read(connection, $"Reading NZQA {Area.Kind.ToLowerInvariant()}s", progress => FetchAsync(connection, progress, StopToken));
        }

        var counts = new StatusCounts<DiffStatus>();
        var progress = new ProgressRecord(2, $"Comparing {Area.Kind.ToLowerInvariant()}s", "Comparing");
        var written = 0;
        var comparedUri = connection?.BaseUri.ToString();
        var statusByKey = connection == null ? null : new Dictionary<string, DiffStatus>(StringComparer.Ordinal);
        foreach (var diff in IncompleteFiles.Trusted(this, _intake.Files, RecordComparer.Compare(area, _intake.Kept, nzqa), d => d.Status == DiffStatus.NzqaOnly, nameof(DiffStatus.NzqaOnly)))
        {
            if (connection != null)
            {
                diff.ComparedProvider = connection.ProviderNumber;
                diff.ComparedBaseUri = comparedUri;
            }
            if (statusByKey != null && diff.Key.Length > 0) statusByKey[diff.Key] = diff.Status;
            if (connection != null) Compared(diff, connection);
            counts.Add(diff.Status);
            WriteObject(diff);
            if (diff.Status == DiffStatus.Invalid && !diff.Problems.All(_intake.Reported.Contains)) WriteError(InvalidRecordError.For(Area.Kind, diff));
            if (++written % 5000 == 0)
            {
                progress.StatusDescription = $"{written} records compared";
                WriteProgress(progress);
            }
        }
        Complete(progress);
        if (statusByKey != null) Settle(connection, area.Kind, statusByKey);
        WriteVerbose($"Compared {_intake.Kept.Count} local {Area.Kind.ToLowerInvariant()}s with NZQA: {counts}.");
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
