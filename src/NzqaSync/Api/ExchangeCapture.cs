using NzqaSync.Journal;

namespace NzqaSync.Api;

/// <summary>
/// Collects the redacted exchanges of the calls made under it (an AsyncLocal scope): the sync runner opens one
/// around each batch so a refused or in-doubt record's journal line can carry the exact request and answer.
/// </summary>
public sealed class ExchangeCapture
{
    private static readonly AsyncLocal<ExchangeCapture> CurrentScope = new AsyncLocal<ExchangeCapture>();
    private HttpExchange _last;

    public static ExchangeCapture Current => CurrentScope.Value;

    /// <summary>Starts capturing for the calling async flow (and the calls it awaits); ends when that method returns.</summary>
    public static ExchangeCapture Begin()
    {
        var capture = new ExchangeCapture();
        CurrentScope.Value = capture;
        return capture;
    }

    /// <summary>The last attempt's exchange (the one whose answer decided the outcome).</summary>
    public HttpExchange Last => Volatile.Read(ref _last);

    internal void Add(HttpExchange exchange) => Volatile.Write(ref _last, exchange);
}

/// <summary>Which exchanges the journal keeps: Failures (failed and in-doubt records, the default), All, or None.</summary>
public enum ExchangeKeeping
{
    Failures,
    All,
    None,
}
