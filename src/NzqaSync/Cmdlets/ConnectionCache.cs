using System.Runtime.CompilerServices;

namespace NzqaSync.Cmdlets;

/// <summary>
/// What tab completion asked a service for, kept per connection (weakly: a cached answer never keeps a disconnected
/// connection alive) and asked again once it is older than <c>fresh</c>. A read never waits more than a few seconds
/// (completion must not hang a prompt); a failed or slow read gives null and is asked again next time.
/// </summary>
internal sealed class ConnectionCache<TConnection, T> where TConnection : class where T : class
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly ConditionalWeakTable<TConnection, Entry> _entries = new ConditionalWeakTable<TConnection, Entry>();
    private readonly TimeSpan _fresh;

    public ConnectionCache(TimeSpan fresh) => _fresh = fresh;

    private sealed class Entry
    {
        public DateTimeOffset At;
        public T Value;
    }

    public T Get(TConnection connection, Func<CancellationToken, Task<T>> read)
    {
        var entry = _entries.GetOrCreateValue(connection);
        if (entry.Value != null && DateTimeOffset.UtcNow - entry.At <= _fresh) return entry.Value;
        try
        {
            using (var timeout = new CancellationTokenSource(Patience))
                entry.Value = read(timeout.Token).GetAwaiter().GetResult();
            entry.At = DateTimeOffset.UtcNow;
            return entry.Value;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
