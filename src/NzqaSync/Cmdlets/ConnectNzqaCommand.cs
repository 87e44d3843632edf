using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Connects to the NZQA SMS API with the school's ESL machine account and makes it the session default.</summary>
[Cmdlet(VerbsCommunications.Connect, "Nzqa")]
[OutputType(typeof(NzqaConnection))]
public sealed class ConnectNzqaCommand : ConnectCmdlet<NzqaConnection>
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateRange(1, 99999)]
    public int ProviderNumber { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Scope { get; set; } = NzqaRoutes.DefaultScope;

    private protected override ServiceSession<NzqaConnection> Session => SessionConnections.NzqaSession;
    protected override int OrgId => ProviderNumber;
    protected override string CheckedRoute => NzqaRoutes.Provider(ProviderNumber);

    protected override NzqaConnection Open(string journalFolder)
    {
        var connection = new NzqaConnection(BaseUri, ProviderNumber, Credential.GetNetworkCredential(), TokenUri ?? NzqaConnection.DefaultTokenUri(BaseUri), Scope, journalFolder)
        {
            JournalRetentionDays = JournalRetentionDays,
            KeepExchanges = KeepExchanges,
        };
        ListenForDebug(connection.Sender);
        return connection;
    }

    protected override void Check(NzqaConnection connection)
    {
        WriteVerbose($"GET {connection.BaseUri} provider {ProviderNumber}.");
        var provider = Await(connection.Client.GetProviderAsync(StopToken), connection.Sender);
        connection.ProviderName = provider?.Name;
    }

    /// <summary>The provider read answered 404 or 405 without NZQA's own error (an unknown provider is 404 with an error code).</summary>
    protected override ErrorRecord NotTheApi(Uri called, ServiceException notFound) => NotTheApiError(ErrorIds.NzqaNotTheApi,
        $"{BaseUri} does not look like the NZQA SMS API: GET {called} answered {(int)notFound.StatusCode} {notFound.StatusCode} " +
        "without an NZQA error, as an address that is not the API does. The base URI is the API's root, with its version: " +
        "the sandbox's is <sandbox>/nzqa/v1 (GET <sandbox>/sandbox/info lists it); NZQA's is the one NZQA gave the school.",
        notFound, "Give -BaseUri the NZQA SMS API's root (e.g. http://127.0.0.1:5080/nzqa/v1 for the sandbox), not a web page or the DXP address.");

    protected override ErrorRecord Failed(Exception ex) => ServiceError(ex, ServiceErrorIds.Nzqa, BaseUri);

    protected override string Connected(NzqaConnection connection) =>
        $"Connected to NZQA as provider {ProviderNumber} ({connection.ProviderName}); journal at {connection.JournalPath}.";
}
