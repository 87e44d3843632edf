using System.Management.Automation;

namespace NzqaSync.Cmdlets
{
    /// <summary>Forgets the session's NZQA connection and its token.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Nzqa")]
    [OutputType(typeof(void))]
    public sealed class DisconnectNzqaCommand : NzqaCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = SessionConnections.GetNzqa();
            if (connection == null)
            {
                WriteVerbose("Not connected to NZQA; nothing to do.");
                return;
            }
            SessionConnections.SetNzqa(null);
            connection.Dispose();
            WriteVerbose($"Disconnected from {connection}.");
        }
    }
}
