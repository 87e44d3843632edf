namespace NzqaSync.Cmdlets;

/// <summary>
/// Objects a cmdlet cannot use, counted by type: the first of each type gets an error (it is the target), the rest
/// one warning with the counts — not an error per object when a whole collection of the wrong kind is piped in.
/// </summary>
internal sealed class LeftOutByType
{
    private readonly Dictionary<Type, int> _counts = new Dictionary<Type, int>();

    /// <summary>Counts <paramref name="item"/>; true when it is the first of its type.</summary>
    public bool IsFirst(object item)
    {
        var type = item.GetType();
        _counts.TryGetValue(type, out var seen);
        _counts[type] = seen + 1;
        return seen == 0;
    }

    public int Total => _counts.Values.Sum();

    /// <summary>"30 DxpRecordDiff, 2 String".</summary>
    public string Summary => string.Join(", ", _counts.Select(c => $"{c.Value} {c.Key.Name}"));
}
