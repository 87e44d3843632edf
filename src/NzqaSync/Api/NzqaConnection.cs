using System.Net;

namespace NzqaSync.Api;

/// <summary>
/// A connection to the NZQA SMS API for one provider (the shared core in <see cref="ServiceConnection"/>) with what
/// only NZQA syncs need: the provider, journal retention and exchange keeping, and the learners not accepted.
/// </summary>
public sealed class NzqaConnection : ServiceConnection
{
    public NzqaConnection(Uri baseUri, int providerNumber, NetworkCredential credential, Uri tokenUri, string scope, string journalPath, ResilienceSettings resilience = null)
        : base("NZQA", baseUri, providerNumber, credential, tokenUri, scope, journalPath, resilience)
    {
        ProviderNumber = providerNumber;
        Client = new NzqaClient(Sender, baseUri, providerNumber);
    }

    public int ProviderNumber { get; }
    public string ProviderName { get; internal set; }

    /// <summary>
    /// Learners this session's syncs sent and NZQA did not accept (or held), by NSN, with what happened: their new
    /// enrolments and entries are held back in later syncs of the session until the learner is synced.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> LearnersNotAccepted { get; } =
        new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Journal entries older than this many days are removed after each sync (0 keeps everything until
    /// Clear-NzqaSyncLog). The journal holds NSNs and the services' messages: keep them no longer than needed.
    /// </summary>
    public int JournalRetentionDays
    {
        get => _journalRetentionDays;
        set => _journalRetentionDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Days to keep the journal: 0 (keep) or more.");
    }

    public const int DefaultJournalRetentionDays = 400;

    /// <summary>
    /// Which records' redacted HTTP exchanges the journal keeps: Failures (failed and in-doubt, the default),
    /// All, or None. Read back with Get-NzqaSyncLog -IncludeExchange.
    /// </summary>
    public ExchangeKeeping KeepExchanges { get; set; } = ExchangeKeeping.Failures;
    private volatile int _journalRetentionDays = DefaultJournalRetentionDays;

    internal NzqaClient Client { get; }

    public override string ToString() => $"NZQA {BaseUri} provider {ProviderNumber}";
}
