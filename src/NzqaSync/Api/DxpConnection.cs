using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Api
{
    /// <summary>
    /// A connection to TEC's DXP provider-based (SDR) API for one EDUMIS: the settings a user gave, one HttpClient, the
    /// ESL token source (DXP scope), the resilient sender, the submission tokens per return, and one upload gate per
    /// dataset (DXP allows one upload or delete at a time per EID + dataset). Thread-safe. Never shows the credential
    /// or the ESL token.
    /// </summary>
    public sealed class DxpConnection : IDisposable
    {
        /// <summary>TEC's production scope [fact].</summary>
        public const string DefaultScope = "https://web.prd.dxs.pub.tec.govt.nz";

        /// <summary>A cached submission token is renewed when it has less than this left.</summary>
        private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

        private readonly HttpClient _http;
        // The machine credential, held only to ask ESL for tokens; dropped on Dispose.
        private NetworkCredential _credential;
        private readonly ConcurrentDictionary<string, DxpSubmission> _submissions = new ConcurrentDictionary<string, DxpSubmission>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _submissionGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _uploadGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);

        public DxpConnection(Uri baseUri, int edumis, NetworkCredential credential, Uri tokenUri, string scope, string journalPath, ResilienceSettings resilience = null)
        {
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            TransportPolicy.Check(baseUri, "BaseUri");
            TransportPolicy.Check(tokenUri, "TokenUri");
            BaseUri = baseUri;
            Edumis = edumis;
            TokenUri = tokenUri;
            Scope = string.IsNullOrEmpty(scope) ? DefaultScope : scope;
            JournalPath = journalPath;
            MachineAccount = credential.UserName;
            _credential = credential;
            Resilience = resilience ?? new ResilienceSettings();
            _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            _http.DefaultRequestHeaders.UserAgent.ParseAdd("NzqaSync/" + typeof(DxpConnection).Assembly.GetName().Version);
            var notes = new System.Collections.Concurrent.ConcurrentQueue<string>();
            Tokens = new EslTokenSource(_http, tokenUri, Scope, edumis, Credential, Resilience, notes: notes);
            Sender = new ResilientSender(_http, "DXP", Tokens, edumis.ToString(CultureInfo.InvariantCulture), Resilience, notes: notes);
            Client = new DxpClient(Sender, baseUri);
            ConnectedAt = DateTimeOffset.Now;
        }

        public Uri BaseUri { get; }
        /// <summary>The EDUMIS (organisation) number: the EID header and the ESL org_id.</summary>
        public int Edumis { get; }
        public Uri TokenUri { get; }
        public string Scope { get; }
        public string MachineAccount { get; }
        public string JournalPath { get; }
        public DateTimeOffset ConnectedAt { get; }
        public ResilienceSettings Resilience { get; }

        /// <summary>Send upload and delete bodies gzip-compressed (Content-Encoding: gzip; DXP accepts it, GM1 if unreadable). On by default.</summary>
        public bool CompressUploads { get; set; } = true;

        /// <summary>
        /// Journal entries older than this many days are removed after each sync, upload or delete (0 keeps everything
        /// until Clear-NzqaSyncLog). The journal holds student ids, localIds and TEC's messages: keep them no longer than needed.
        /// </summary>
        public int JournalRetentionDays
        {
            get => _journalRetentionDays;
            set => _journalRetentionDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Days to keep the journal: 0 (keep) or more.");
        }

        private volatile int _journalRetentionDays = NzqaConnection.DefaultJournalRetentionDays;

        /// <summary>
        /// Which records' redacted HTTP exchanges the journal keeps: Failures (refused and in-doubt, the default),
        /// All, or None. Read back with Get-NzqaSyncLog -IncludeExchange.
        /// </summary>
        public ExchangeKeeping KeepExchanges { get; set; } = ExchangeKeeping.Failures;

        /// <summary>Returns whose submission token this connection holds (for display).</summary>
        public string[] OpenReturns => _submissions.Keys.ToArraySafe();

        /// <summary>
        /// Handed to the user (-PassThru): theirs to keep. A later Connect-Dxp or Disconnect-Dxp only stops it being
        /// the session default and never disposes it.
        /// </summary>
        internal bool HeldByUser { get; set; }

        /// <summary>Disposed: nothing can be sent through it any more (calls fail as never sent).</summary>
        internal bool IsClosed { get; private set; }

        internal EslTokenSource Tokens { get; }
        internal ResilientSender Sender { get; }
        internal DxpClient Client { get; }

        /// <summary>The token URL when the user gives none: the sandbox's on a loopback base URI, else ESL's.</summary>
        public static Uri DefaultTokenUri(Uri baseUri) => NzqaConnection.DefaultTokenUri(baseUri);

        /// <summary>
        /// The submission for <paramref name="returnId"/>: the cached token while it has more than a minute left, else a
        /// new one from <c>POST token/{returnId}</c>. <paramref name="rejectedToken"/> (a token DXP answered SC* to) is never
        /// handed out again; concurrent callers share one request.
        /// </summary>
        public async Task<DxpSubmission> GetSubmissionAsync(string returnId, CancellationToken cancellationToken, string rejectedToken = null, bool renew = false)
        {
            if (string.IsNullOrWhiteSpace(returnId)) throw new ArgumentException("A returnId is required, like 202604.", nameof(returnId));
            if (!renew && Usable(returnId, rejectedToken, out var cached)) return cached;
            var gate = _submissionGates.GetOrAdd(returnId, _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!renew && Usable(returnId, rejectedToken, out cached)) return cached;
                if (renew && rejectedToken == null && _submissions.TryGetValue(returnId, out var old)) rejectedToken = old.SubmissionToken;
                var fresh = await Client.RequestSubmissionAsync(returnId, cancellationToken).ConfigureAwait(false);
                if (fresh == null || string.IsNullOrEmpty(fresh.SubmissionToken))
                    throw new ServiceException("DXP", HttpStatusCode.OK, "NoSubmissionToken", $"POST token/{returnId} answered without a submission token.");
                if (fresh.MaxRecordPerBatch < 1)
                    throw new ServiceException("DXP", HttpStatusCode.OK, "NoMaxRecordPerBatch", $"POST token/{returnId} answered maxRecordPerBatch {fresh.MaxRecordPerBatch}.");
                _submissions[returnId] = fresh;
                return fresh;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Remembers a submission the user passed in (e.g. from Get-DxpSubmission) unless a newer one is held.</summary>
        public void Remember(DxpSubmission submission)
        {
            if (submission?.ReturnId == null || string.IsNullOrEmpty(submission.SubmissionToken)) return;
            if (submission.TokenExpiry.HasValue && submission.TokenExpiry.Value - RenewBefore <= DateTimeOffset.UtcNow) return;
            _submissions.AddOrUpdate(submission.ReturnId, submission, (_, held) =>
                held.TokenExpiry.HasValue && submission.TokenExpiry.HasValue && held.TokenExpiry > submission.TokenExpiry ? held : submission);
        }

        /// <summary>Forgets the token held for a return (after a reset).</summary>
        public void Forget(string returnId)
        {
            if (returnId != null) _submissions.TryRemove(returnId, out _);
        }

        /// <summary>One request at a time per EID + dataset: the gate uploads and deletes of <paramref name="dataset"/> wait on.</summary>
        internal SemaphoreSlim UploadGate(string dataset) => _uploadGates.GetOrAdd(dataset, _ => new SemaphoreSlim(1, 1));

        private bool Usable(string returnId, string rejectedToken, out DxpSubmission submission)
        {
            if (_submissions.TryGetValue(returnId, out submission)
                && !string.Equals(submission.SubmissionToken, rejectedToken, StringComparison.Ordinal)
                && (!submission.TokenExpiry.HasValue || submission.TokenExpiry.Value - RenewBefore > DateTimeOffset.UtcNow))
                return true;
            submission = null;
            return false;
        }

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
            _submissions.Clear();
            _http.Dispose();
        }

        public override string ToString() => $"DXP {BaseUri} EDUMIS {Edumis}";
    }

    internal static class ConcurrentKeys
    {
        public static string[] ToArraySafe(this System.Collections.Generic.ICollection<string> keys)
        {
            var list = new System.Collections.Generic.List<string>(keys);
            list.Sort(StringComparer.Ordinal);
            return list.ToArray();
        }
    }
}
