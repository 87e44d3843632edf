using System.Collections.Concurrent;

namespace NzqaSync.Sandbox.Nzqa;

/// <summary>What the emulated NZQA holds: the national learner register, each student's one current enrolment,
/// standard entries with results, and counters of the write calls it received. One lock guards it all, so a batch
/// (and a transfer that touches two schools) is atomic. Per-provider sorted indexes keep a 5000-row page cheap.</summary>
public sealed partial class NzqaStore
{
    private readonly object _gate = new();
    private readonly SandboxState _state;

    private readonly Dictionary<string, LearnerRow> _learners = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedIndex<string, LearnerRow>> _linked = new();
    private readonly Dictionary<string, EnrolmentRow> _enrolments = new(StringComparer.Ordinal);
    private readonly Dictionary<int, SortedIndex<string, EnrolmentRow>> _enrolmentsByProvider = new();
    private readonly Dictionary<EntryKey, EntryRow> _entries = new();
    private readonly Dictionary<int, SortedDictionary<int, SortedIndex<EntryKey, EntryRow>>> _entriesByProvider = new();

    private long _writeCalls, _writeItems;
    private readonly ConcurrentDictionary<string, long> _callsByRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _itemsByRoute = new(StringComparer.Ordinal);

    public NzqaStore(SandboxState state) => _state = state;

    // ---------- catalogue and providers ----------

    public IReadOnlyList<NzqaStandard> Catalogue => StandardsCatalogue.All;

    /// <summary>The school known to NZQA with this provider number, or null (tertiary providers are DXP's).</summary>
    public NzqaProviderInfo Provider(int providerNumber)
    {
        var p = _state.Providers.FirstOrDefault(x => x.ProviderNumber == providerNumber && x.Kind == "School");
        return p == null ? null : new NzqaProviderInfo(p.ProviderNumber, p.Name, p.Kind);
    }

    // ---------- paging (each area's reads and writes are in NzqaStore.<Area>.cs) ----------

    private static IEnumerable<T> Slice<T>(T[] values, int page, int pageSize)
    {
        var start = (long)(page - 1) * pageSize;
        if (start >= values.Length) yield break;
        var end = Math.Min(values.Length, start + pageSize);
        for (var i = (int)start; i < end; i++) yield return values[i];
    }

    // ---------- write counters ----------

    /// <summary>Write calls (POST/PUT/PATCH) that reached the NZQA routes, authorised or not. Zero after a -WhatIf run.</summary>
    public long WriteCount => Interlocked.Read(ref _writeCalls);

    /// <summary>Items processed by authorised batch writes.</summary>
    public long WriteItemCount => Interlocked.Read(ref _writeItems);

    /// <summary>Write calls per route, e.g. "POST /nzqa/v1/providers/{p}/enrolments".</summary>
    public IReadOnlyDictionary<string, long> WriteCountsByRoute => new Dictionary<string, long>(_callsByRoute);

    /// <summary>Items processed per route.</summary>
    public IReadOnlyDictionary<string, long> WriteItemCountsByRoute => new Dictionary<string, long>(_itemsByRoute);

    public void ResetWriteCounts()
    {
        Interlocked.Exchange(ref _writeCalls, 0);
        Interlocked.Exchange(ref _writeItems, 0);
        _callsByRoute.Clear();
        _itemsByRoute.Clear();
    }

    internal void CountWriteCall(string route)
    {
        Interlocked.Increment(ref _writeCalls);
        _callsByRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
    }

    internal void CountWriteItems(string route, int items)
    {
        Interlocked.Add(ref _writeItems, items);
        _itemsByRoute.AddOrUpdate(route, items, (_, n) => n + items);
    }

    // ---------- seeding (the seeder fills the store before the host starts) ----------

    internal void SeedLearner(LearnerRow learner, int? linkTo)
    {
        lock (_gate)
        {
            _learners[learner.Nsn] = learner;
            if (linkTo is int p) Link(p, learner);
        }
    }

    internal void SeedEnrolment(EnrolmentRow e)
    {
        lock (_gate)
        {
            PutEnrolment(e);
            if (_learners.TryGetValue(e.Nsn, out var l)) Link(e.Provider, l);
        }
    }

    /// <summary>Moves a seeded student's enrolment as a transfer does: unlinks the old school, keeps its entries.</summary>
    internal void SeedTransfer(EnrolmentRow to)
    {
        lock (_gate)
        {
            if (_enrolments.TryGetValue(to.Nsn, out var old) && old.Provider != to.Provider) Unlink(old.Provider, to.Nsn);
            PutEnrolment(to);
            if (_learners.TryGetValue(to.Nsn, out var l)) Link(to.Provider, l);
        }
    }

    /// <summary>Seeds an entry as NZQA would hold it; the emulator never holds what NZQA would refuse.</summary>
    internal void SeedEntry(EntryRow e)
    {
        var standard = StandardsCatalogue.Find(e.Key.Number, e.Key.Version)
            ?? throw new InvalidOperationException($"Seed entry for unknown standard {e.Key.Number} v{e.Key.Version}.");
        if (e.Result != null && !StandardsCatalogue.ResultAllowed(standard, e.Result))
            throw new InvalidOperationException($"Seed entry {e.Key.Nsn}/{e.Key.Number}: result {e.Result} is one NZQA would refuse for this standard.");
        if (standard.IsExternal != (e.EntryMethod != null))
            throw new InvalidOperationException($"Seed entry {e.Key.Nsn}/{e.Key.Number}: entry method '{e.EntryMethod}' does not fit a{(standard.IsExternal ? "n external" : "n internal")} standard.");
        lock (_gate) PutEntry(e);
    }
}
