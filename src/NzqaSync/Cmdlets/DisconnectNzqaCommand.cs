using System.Management.Automation;

namespace NzqaSync.Cmdlets;

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
