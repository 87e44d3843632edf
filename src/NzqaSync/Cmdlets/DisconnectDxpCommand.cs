using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
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
            connection.Dispose();
            WriteVerbose($"Disconnected from {connection}.");
        }
    }
}
