namespace NzqaSync.Sandbox.Nzqa;

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
