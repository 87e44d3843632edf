using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Connects to TEC DXP with the tertiary provider's ESL machine account and makes it the session default.</summary>
[Cmdlet(VerbsCommunications.Connect, "Dxp")]
[OutputType(typeof(DxpConnection))]
public sealed class ConnectDxpCommand : ConnectCmdlet<DxpConnection>
{
    /// <summary>The EDUMIS (organisation) number: the EID header and the ESL org_id.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [Alias("EID", "OrgId")]
    [ValidateRange(1, 999999)]
    public int Edumis { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Scope { get; set; } = DxpConnection.DefaultScope;

    /// <summary>Send upload bodies as plain JSON instead of gzip.</summary>
    [Parameter]
    public SwitchParameter NoCompression { get; set; }

    private protected override ServiceSession<DxpConnection> Session => SessionConnections.DxpSession;
    protected override int OrgId => Edumis;
    protected override string CheckedRoute => DxpRoutes.Returns;

    protected override DxpConnection Open(string journalFolder) =>
        new DxpConnection(BaseUri, Edumis, Credential.GetNetworkCredential(), TokenUri ?? DxpConnection.DefaultTokenUri(BaseUri), Scope, journalFolder)
        {
            CompressUploads = !NoCompression,
            JournalRetentionDays = JournalRetentionDays,
            KeepExchanges = KeepExchanges,
        };

    protected override void Check(DxpConnection connection)
    {
        WriteVerbose($"GET {connection.BaseUri} {DxpRoutes.Returns} to check the connection.");
        var returns = Await(connection.Client.GetReturnsAsync(true, StopToken), connection.Sender);
        WriteVerbose($"EDUMIS {Edumis} has {returns.Count} returns.");
    }

    /// <summary>The returns read answered 404 or 405 without DXP's own error code (the sandbox root, the NZQA address, a route under the API, a web page).</summary>
    protected override ErrorRecord NotTheApi(Uri called, ServiceException notFound) => NotTheApiError(ErrorIds.DxpNotTheApi,
        $"{BaseUri} does not look like TEC's DXP API: GET {called} answered {(int)notFound.StatusCode} {notFound.StatusCode} " +
        "without a DXP error, as an address that is not the API does. The base URI is the API's root, under which the routes are submissions/v1.0/...: " +
        "the sandbox's is <sandbox>/dxp (GET <sandbox>/sandbox/info lists it as DxpBaseUri); TEC's is the one TEC gave the provider.",
        notFound, "Give -BaseUri DXP's root (e.g. http://127.0.0.1:5080/dxp for the sandbox), not a web page, a route under it or the NZQA address.");

    protected override ErrorRecord Failed(Exception ex) => ServiceErrors.ForDxp(ex, BaseUri);

    protected override string Connected(DxpConnection connection) =>
        $"Connected to TEC DXP as EDUMIS {Edumis}; uploads {(connection.CompressUploads ? "gzip-compressed" : "plain JSON")}; journal at {connection.JournalPath}.";
}
