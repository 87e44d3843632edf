using System.Management.Automation;
using System.Net;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Checks a DXP connection end to end (ESL token of the DXP scope, then GET returns) without throwing.</summary>
[Cmdlet(VerbsDiagnostic.Test, "DxpConnection", DefaultParameterSetName = ParameterSets.Session)]
[OutputType(typeof(DxpConnectionTest))]
public sealed class TestDxpConnectionCommand : TestConnectionCmdlet<DxpConnection, DxpConnectionTest>
{
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    [Alias("EID", "OrgId")]
    [ValidateRange(1, 999999)]
    public int Edumis { get; set; }

    [Parameter(ParameterSetName = ParameterSets.New)]
    public string Scope { get; set; } = DxpConnection.DefaultScope;

    private protected override ServiceSession<DxpConnection> Session => SessionConnections.DxpSession;

    protected override DxpConnection Open() =>
        new DxpConnection(BaseUri, Edumis, Credential.GetNetworkCredential(), TokenUri ?? DxpConnection.DefaultTokenUri(BaseUri), Scope, null);

    protected override DxpConnectionTest Describe(DxpConnection c) => new DxpConnectionTest { BaseUri = c.BaseUri, Edumis = c.Edumis };

    protected override void Probe(DxpConnection connection, DxpConnectionTest test)
    {
        WriteVerbose($"GET {DxpRoutes.Returns} (EID {connection.Edumis}).");
        var returns = Await(connection.Client.GetReturnsAsync(true, StopToken), connection.Sender);
        test.ReturnCount = returns.Count;
        if (returns.Count > 0) test.Message = $"Connected to TEC DXP as EDUMIS {connection.Edumis} ({returns.Count} returns).";
        else
        {
            test.Problem = "NoReturns";
            test.Message = $"DXP answered, but EDUMIS {connection.Edumis} has no returns: is it a tertiary provider?";
        }
    }

    protected override string ProblemOf(ServiceException ex) =>
        ex.StatusCode == HttpStatusCode.Unauthorized ? (ex.ErrorCode == "AU2" ? "WrongProvider" : "BadCredentials")
        : ex.StatusCode == HttpStatusCode.BadRequest && ex.ErrorCode != null && ex.ErrorCode.StartsWith("AM", StringComparison.Ordinal) ? "WrongProvider"
        : "ServiceError";
}
