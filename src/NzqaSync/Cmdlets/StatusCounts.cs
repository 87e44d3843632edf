namespace NzqaSync.Cmdlets;

/// <summary>How many diffs of each status a compare wrote, for its closing verbose line ("Match 3, New 2").</summary>
internal sealed class StatusCounts<TStatus> where TStatus : struct
{
    private readonly Dictionary<TStatus, int> _counts = new Dictionary<TStatus, int>();

    public void Add(TStatus status)
    {
        _counts.TryGetValue(status, out var n);
        _counts[status] = n + 1;
    }

    public override string ToString() => string.Join(", ", _counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));
}
