using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

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

    // ---------- reads (C# API for tests) ----------

    /// <summary>The learners linked to a provider (created there or enrolled there), in NSN order.</summary>
    public IReadOnlyList<NzqaLearner> Learners(int provider)
    {
        lock (_gate) return _linked.TryGetValue(provider, out var ix) ? ix.Values.Select(l => l.ToRecord()).ToList() : new List<NzqaLearner>();
    }

    /// <summary>The national learner with this NSN, or null.</summary>
    public NzqaLearner Learner(string nsn)
    {
        lock (_gate) return nsn != null && _learners.TryGetValue(nsn, out var l) ? l.ToRecord() : null;
    }

    /// <summary>Learners in the national register (linked anywhere or not).</summary>
    public int NationalLearnerCount { get { lock (_gate) return _learners.Count; } }

    /// <summary>A provider's current enrolments (Active and Leaving), in NSN order.</summary>
    public IReadOnlyList<NzqaEnrolment> Enrolments(int provider)
    {
        lock (_gate) return _enrolmentsByProvider.TryGetValue(provider, out var ix) ? ix.Values.Select(ToRecord).ToList() : new List<NzqaEnrolment>();
    }

    /// <summary>The student's one current enrolment (at whichever school), or null.</summary>
    public NzqaEnrolment Enrolment(string nsn)
    {
        lock (_gate) return nsn != null && _enrolments.TryGetValue(nsn, out var e) ? ToRecord(e) : null;
    }

    /// <summary>A provider's standard entries (all statuses) with results, optionally of one academic year.</summary>
    public IReadOnlyList<NzqaStandardEntry> Entries(int provider, int? academicYear = null)
    {
        lock (_gate) return EntryRows(provider, academicYear).Select(e => e.ToRecord()).ToList();
    }

    /// <summary>The entry with this natural key (at whichever provider), or null.</summary>
    public NzqaStandardEntry Entry(string nsn, string standardNumber, int standardVersion, int academicYear)
    {
        lock (_gate) return _entries.TryGetValue(new EntryKey(academicYear, nsn, standardNumber, standardVersion), out var e) ? e.ToRecord() : null;
    }

    // ---------- paged reads (the HTTP GETs) ----------

    internal (int Total, List<NzqaLearner> Rows) LearnerPage(int provider, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_linked.TryGetValue(provider, out var ix)) return (0, new());
            return (ix.Count, Slice(ix.Values, page, pageSize).Select(l => l.ToRecord()).ToList());
        }
    }

    internal (int Total, List<NzqaEnrolment> Rows) EnrolmentPage(int provider, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_enrolmentsByProvider.TryGetValue(provider, out var ix)) return (0, new());
            return (ix.Count, Slice(ix.Values, page, pageSize).Select(ToRecord).ToList());
        }
    }

    internal (int Total, List<NzqaStandardEntry> Rows) EntryPage(int provider, int? academicYear, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_entriesByProvider.TryGetValue(provider, out var years)) return (0, new());
            if (academicYear is int y)
            {
                if (!years.TryGetValue(y, out var ix)) return (0, new());
                return (ix.Count, Slice(ix.Values, page, pageSize).Select(e => e.ToRecord()).ToList());
            }
            var total = years.Values.Sum(ix => ix.Count);
            var skip = (long)(page - 1) * pageSize;
            var rows = new List<NzqaStandardEntry>();
            foreach (var ix in years.Values)
            {
                if (rows.Count >= pageSize) break;
                if (skip >= ix.Count) { skip -= ix.Count; continue; }
                var values = ix.Values;
                for (var i = (int)skip; i < values.Length && rows.Count < pageSize; i++) rows.Add(values[i].ToRecord());
                skip = 0;
            }
            return (total, rows);
        }
    }

    private static IEnumerable<T> Slice<T>(T[] values, int page, int pageSize)
    {
        var start = (long)(page - 1) * pageSize;
        if (start >= values.Length) yield break;
        var end = Math.Min(values.Length, start + pageSize);
        for (var i = (int)start; i < end; i++) yield return values[i];
    }

    private IEnumerable<EntryRow> EntryRows(int provider, int? academicYear)
    {
        if (!_entriesByProvider.TryGetValue(provider, out var years)) return Enumerable.Empty<EntryRow>();
        if (academicYear is int y) return years.TryGetValue(y, out var ix) ? ix.Values : Enumerable.Empty<EntryRow>();
        return years.Values.SelectMany(ix => ix.Values);
    }

    private NzqaEnrolment ToRecord(EnrolmentRow e)
    {
        _learners.TryGetValue(e.Nsn, out var l);
        return new NzqaEnrolment(e.Nsn, e.Provider, e.LocalStudentId, l?.FirstName, l?.LastName, e.EnrolmentDate, e.YearLevel,
            e.LeavingDate, e.LeavingReason, e.LeavingDate == null ? "Active" : "Leaving");
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

    // ---------- index maintenance (callers hold _gate) ----------

    private void Link(int provider, LearnerRow learner)
    {
        if (!_linked.TryGetValue(provider, out var ix)) _linked[provider] = ix = new();
        ix.Set(learner.Nsn, learner);
    }

    private bool IsLinked(int provider, string nsn) => _linked.TryGetValue(provider, out var ix) && ix.Contains(nsn);

    private void Unlink(int provider, string nsn)
    {
        if (_linked.TryGetValue(provider, out var ix)) ix.Remove(nsn);
    }

    private void PutEnrolment(EnrolmentRow e)
    {
        if (_enrolments.TryGetValue(e.Nsn, out var old) && old.Provider != e.Provider && _enrolmentsByProvider.TryGetValue(old.Provider, out var oldIx))
            oldIx.Remove(e.Nsn);
        _enrolments[e.Nsn] = e;
        if (!_enrolmentsByProvider.TryGetValue(e.Provider, out var ix)) _enrolmentsByProvider[e.Provider] = ix = new();
        ix.Set(e.Nsn, e);
    }

    private void PutEntry(EntryRow e)
    {
        _entries[e.Key] = e;
        if (!_entriesByProvider.TryGetValue(e.Provider, out var years)) _entriesByProvider[e.Provider] = years = new();
        if (!years.TryGetValue(e.Key.Year, out var ix)) years[e.Key.Year] = ix = new();
        ix.Set(e.Key, e);
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

/// <summary>A sorted dictionary with a cached array of its values, rebuilt only after a key is added or removed,
/// so consecutive page reads cost O(pageSize).</summary>
internal sealed class SortedIndex<TKey, TValue>
{
    private readonly SortedDictionary<TKey, TValue> _d;
    private TValue[] _snapshot;

    public SortedIndex(IComparer<TKey> comparer = null) => _d = new SortedDictionary<TKey, TValue>(comparer ?? Comparer<TKey>.Default);

    public int Count => _d.Count;
    public bool Contains(TKey key) => _d.ContainsKey(key);

    public void Set(TKey key, TValue value)
    {
        if (_d.TryGetValue(key, out var existing) && ReferenceEquals(existing, value)) return;
        _d[key] = value;
        _snapshot = null;
    }

    public void Remove(TKey key)
    {
        if (_d.Remove(key)) _snapshot = null;
    }

    public TValue[] Values => _snapshot ??= _d.Values.ToArray();
}

internal readonly record struct EntryKey(int Year, string Nsn, string Number, int Version) : IComparable<EntryKey>
{
    public int CompareTo(EntryKey other)
    {
        var c = Year.CompareTo(other.Year);
        if (c == 0) c = string.CompareOrdinal(Nsn, other.Nsn);
        if (c == 0) c = string.CompareOrdinal(Number, other.Number);
        if (c == 0) c = Version.CompareTo(other.Version);
        return c;
    }
}

internal sealed class LearnerRow
{
    public string Nsn, FirstName, MiddleName, LastName, Gender, LocalStudentId;
    public DateOnly DateOfBirth;
    public string[] Ethnicities;

    public NzqaLearner ToRecord() => new(Nsn, FirstName, MiddleName, LastName, DateOfBirth, Gender, Ethnicities.ToArray(), LocalStudentId);
}

internal sealed class EnrolmentRow
{
    public string Nsn, LocalStudentId, LeavingReason;
    public int Provider, YearLevel;
    public DateOnly EnrolmentDate;
    public DateOnly? LeavingDate;
}

internal sealed class EntryRow
{
    public EntryKey Key;
    public int Provider;
    public string EntryMethod, Result, Status;
    public int? ResultProviderCode;

    public NzqaStandardEntry ToRecord() => new(Key.Nsn, Key.Number, Key.Version, Key.Year, EntryMethod, Result, ResultProviderCode, Status, Provider);
}
