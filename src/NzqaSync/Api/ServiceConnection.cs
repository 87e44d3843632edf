using System.Net;
using System.Net.Http;

namespace NzqaSync.Api;

/// <summary>
/// What every service connection (NZQA, DXP) is made of, written once: the settings a user gave, one HttpClient,
/// the ESL token source, the resilient sender, where the journal lives, and disposal (drop the credential and the
/// token, close the sender). Thread-safe. Never shows the credential or the token.
/// </summary>
public abstract class ServiceConnection : IDisposable
{
    private readonly HttpClient _http;
    // The machine credential, held only to ask ESL for tokens; dropped on Dispose.
    private NetworkCredential _credential;

    private protected ServiceConnection(string service, Uri baseUri, int orgId, NetworkCredential credential, Uri tokenUri, string scope, string journalPath, ResilienceSettings resilience)
    {
        if (credential == null) throw new ArgumentNullException(nameof(credential));
        TransportPolicy.Check(baseUri, "BaseUri");
        TransportPolicy.Check(tokenUri, "TokenUri");
        BaseUri = baseUri;
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
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("NzqaSync/" + typeof(ServiceConnection).Assembly.GetName().Version);
        var notes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Tokens = new EslTokenSource(_http, tokenUri, scope, orgId, Credential, Resilience, notes: notes);
        Sender = new ResilientSender(_http, service, Tokens, orgId.ToString(CultureInfo.InvariantCulture), Resilience, notes: notes);
        ConnectedAt = DateTimeOffset.Now;
    }

    public Uri BaseUri { get; }
    public Uri TokenUri { get; }
    public string Scope { get; }
    public string MachineAccount { get; }
    /// <summary>The folder of this connection's sync journal.</summary>
    public string JournalPath { get; }
    public DateTimeOffset ConnectedAt { get; }
    public ResilienceSettings Resilience { get; }

    /// <summary>
    /// Handed to the user (-PassThru): theirs to keep. A later Connect-* or Disconnect-* only stops it being the
    /// session default and never disposes it.
    /// </summary>
    internal bool HeldByUser { get; set; }

    /// <summary>Disposed: nothing can be sent through it any more (calls fail as never sent).</summary>
    internal bool IsClosed { get; private set; }

    internal EslTokenSource Tokens { get; }
    internal ResilientSender Sender { get; }

    /// <summary>The token URL when the user gives none: the sandbox's on a loopback base URI, else ESL's.</summary>
    public static Uri DefaultTokenUri(Uri baseUri) =>
        TransportPolicy.IsLoopback(baseUri)
            ? new Uri(baseUri.GetLeftPart(UriPartial.Authority) + "/esl/oauth2/access_token")
            : new Uri("https://security.education.govt.nz/oauth2/access_token");

    /// <summary>The machine password, read at the moment of a token request; gone once the connection is disposed.</summary>
    private NetworkCredential Credential() =>
        _credential ?? throw new ObjectDisposedException(ToString(), "The connection was closed; connect again.");

    /// <summary>Drops what the service kind holds besides the token (e.g. DXP's submission tokens).</summary>
    private protected virtual void OnClosing() { }

    public void Dispose()
    {
        IsClosed = true;
        Sender.Close(ToString());
        // Drop the credential (its SecureString is the caller's own, not disposed here) and the token.
        _credential = null;
        Tokens.Clear();
        OnClosing();
        _http.Dispose();
    }
}
