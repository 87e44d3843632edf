using System;
using System.Net;
using System.Net.Http;

namespace NzqaSync.Api
{
    /// <summary>
    /// A connection to the NZQA SMS API for one provider: the settings a user gave, one HttpClient, the ESL token
    /// source and the resilient sender. Thread-safe. Never shows the credential or the token.
    /// </summary>
    public sealed class NzqaConnection : IDisposable
    {
        private readonly HttpClient _http;
        // The machine credential, held only to ask ESL for tokens; dropped on Dispose.
        private NetworkCredential _credential;

        public NzqaConnection(Uri baseUri, int providerNumber, NetworkCredential credential, Uri tokenUri, string scope, string journalPath, ResilienceSettings resilience = null)
        {
            TransportPolicy.Check(baseUri, "BaseUri");
            TransportPolicy.Check(tokenUri, "TokenUri");
            BaseUri = baseUri;
            ProviderNumber = providerNumber;
            TokenUri = tokenUri;
            Scope = scope;
            JournalPath = journalPath;
            MachineAccount = credential.UserName;
            _credential = credential;
            Resilience = resilience ?? new ResilienceSettings();
            _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
            {
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("NzqaSync/" + typeof(NzqaConnection).Assembly.GetName().Version);
            var notes = new System.Collections.Concurrent.ConcurrentQueue<string>();
            Tokens = new EslTokenSource(_http, tokenUri, scope, providerNumber, Credential, Resilience, notes: notes);
            Sender = new ResilientSender(_http, "NZQA", Tokens, providerNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), Resilience, notes: notes);
            Client = new NzqaClient(Sender, baseUri, providerNumber);
            ConnectedAt = DateTimeOffset.Now;
        }

        public Uri BaseUri { get; }
        public int ProviderNumber { get; }
        public Uri TokenUri { get; }
        public string Scope { get; }
        public string MachineAccount { get; }
        public string JournalPath { get; }
        public string ProviderName { get; internal set; }
        public DateTimeOffset ConnectedAt { get; }
        public ResilienceSettings Resilience { get; }

        /// <summary>
        /// Handed to the user (-PassThru): theirs to keep. A later Connect-Nzqa or Disconnect-Nzqa only stops it being
        /// the session default and never disposes it.
        /// </summary>
        internal bool HeldByUser { get; set; }

        /// <summary>Disposed: nothing can be sent through it any more (calls fail as never sent).</summary>
        internal bool IsClosed { get; private set; }

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

        internal EslTokenSource Tokens { get; }
        internal ResilientSender Sender { get; }
        internal NzqaClient Client { get; }

        /// <summary>The token URL when the user gives none: the sandbox's on a loopback base URI, else ESL's.</summary>
        public static Uri DefaultTokenUri(Uri baseUri) =>
            TransportPolicy.IsLoopback(baseUri)
                ? new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/esl/oauth2/access_token")
                : new Uri("https://security.education.govt.nz/oauth2/access_token");

        /// <summary>The machine password, read at the moment of a token request; gone once the connection is disposed.</summary>
        private System.Net.NetworkCredential Credential() =>
            _credential ?? throw new ObjectDisposedException(ToString(), "The connection was closed; connect again.");

        public void Dispose()
        {
            IsClosed = true;
            Sender.Close(ToString());
            // Drop the credential (its SecureString is the caller's own, not disposed here) and the token.
            _credential = null;
            Tokens.Clear();
            _http.Dispose();
        }

        public override string ToString() => $"NZQA {BaseUri} provider {ProviderNumber}";
    }
}
