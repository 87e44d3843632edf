using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Forgets the session's DXP connection, its ESL token and its submission tokens.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Dxp")]
[OutputType(typeof(void))]
public sealed class DisconnectDxpCommand : DisconnectCmdlet<DxpConnection>
{
    private protected override ServiceSession<DxpConnection> Session => SessionConnections.DxpSession;
}
