using System.Management.Automation;
using System.Net;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Checks a connection end to end (ESL token, then the provider's own record) without throwing.</summary>
[Cmdlet(VerbsDiagnostic.Test, "NzqaConnection", DefaultParameterSetName = ParameterSets.Session)]
[OutputType(typeof(NzqaConnectionTest))]
public sealed class TestNzqaConnectionCommand : TestConnectionCmdlet<NzqaConnection, NzqaConnectionTest>
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    [ValidateRange(1, 99999)]
    public int ProviderNumber { get; set; }

    [Parameter(ParameterSetName = ParameterSets.New)]
    public string Scope { get; set; } = NzqaRoutes.DefaultScope;

    private protected override ServiceSession<NzqaConnection> Session => SessionConnections.NzqaSession;

    protected override NzqaConnection Open() =>
        new NzqaConnection(BaseUri, ProviderNumber, Credential.GetNetworkCredential(), TokenUri ?? NzqaConnection.DefaultTokenUri(BaseUri), Scope, null);

    protected override NzqaConnectionTest Describe(NzqaConnection c) =>
        new NzqaConnectionTest { BaseUri = c.BaseUri, ProviderNumber = c.ProviderNumber, ProviderName = c.ProviderName };

    protected override void Probe(NzqaConnection connection, NzqaConnectionTest test)
    {
        var provider = Await(connection.Client.GetProviderAsync(StopToken), connection.Sender);
        test.ProviderName = provider?.Name;
        test.ProviderMatches = provider?.ProviderNumber == connection.ProviderNumber;
        test.Message = $"Connected to NZQA as provider {connection.ProviderNumber} ({provider?.Name}).";
    }

    protected override string ProblemOf(ServiceException ex) =>
        ex.StatusCode == HttpStatusCode.Forbidden || ex.StatusCode == HttpStatusCode.NotFound ? "WrongProvider"
        : ex.StatusCode == HttpStatusCode.Unauthorized ? "BadCredentials"
        : "ServiceError";
}
