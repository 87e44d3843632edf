using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Forgets the session's NZQA connection and its token.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Nzqa")]
[OutputType(typeof(void))]
public sealed class DisconnectNzqaCommand : DisconnectCmdlet<NzqaConnection>
{
    private protected override ServiceSession<NzqaConnection> Session => SessionConnections.NzqaSession;
}
