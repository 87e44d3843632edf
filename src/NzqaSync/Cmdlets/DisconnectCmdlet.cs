using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The shared body of Disconnect-Nzqa and Disconnect-Dxp: the session forgets its default connection, which is closed
/// (its tokens forgotten) unless the user saved it with -PassThru.
/// </summary>
public abstract class DisconnectCmdlet<TConnection> : NzqaCmdlet where TConnection : ServiceConnection
{
    private protected abstract ServiceSession<TConnection> Session { get; }

    protected override void ProcessRecord()
    {
        var connection = Session.Default;
        if (connection == null)
        {
            WriteVerbose($"Not connected to {Session.DisplayName}; nothing to do.");
            return;
        }
        Session.Default = null;
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
