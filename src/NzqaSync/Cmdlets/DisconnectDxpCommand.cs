using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>Forgets the session's DXP connection, its ESL token and its submission tokens.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Dxp")]
[OutputType(typeof(void))]
public sealed class DisconnectDxpCommand : NzqaCmdlet
{
    protected override void ProcessRecord()
    {
        var connection = SessionConnections.GetDxp<DxpConnection>();
        if (connection == null)
        {
            WriteVerbose("Not connected to TEC DXP; nothing to do.");
            return;
        }
        SessionConnections.SetDxp(null);
        if (connection.HeldByUser)
        {
            // Saved with -PassThru: no longer the session default, but still the user's to use with -Connection.
            WriteVerbose($"Disconnected the session from {connection}; the connection you saved with -PassThru still works with -Connection.");
            return;
        }
        connection.Dispose();
        WriteVerbose($"Disconnected from {connection}.");
    }
}
