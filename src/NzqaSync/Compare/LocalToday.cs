namespace NzqaSync.Compare;

/// <summary>
/// Today's local date for the per-record rules (a plausible academic year, a date of birth not in the future).
/// Reading the clock and converting to local time costs microseconds on this kind of host (DateTime.Today was 1.7 s
/// of a 100,000-row compare), so a comparison reads it once when it starts (<see cref="Fix"/>) and its rules
/// use that; outside a comparison it is read each time.
/// </summary>
internal static class LocalToday
{
    [ThreadStatic] private static DateTime? _fixed;

    public static DateTime Value => _fixed ?? DateTime.Today;

    /// <summary>Fixes today's date on this thread until the returned scope is disposed.</summary>
    public static IDisposable Fix()
    {
        var scope = new Scope(_fixed);
        _fixed = DateTime.Today;
        return scope;
    }

    private sealed class Scope : IDisposable
    {
        private readonly DateTime? _previous;
        public Scope(DateTime? previous) => _previous = previous;
        public void Dispose() => _fixed = _previous;
    }
}
