using System;
using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
    /// <summary>Cmdlets that talk to NZQA: a -Connection parameter, else the session default.</summary>
    public abstract class NzqaApiCmdlet : NzqaCmdlet
    {
        [Parameter]
        public NzqaConnection Connection { get; set; }

        protected NzqaConnection ResolveConnection()
        {
            var connection = Connection ?? SessionConnections.GetNzqa();
            if (connection != null)
            {
                ListenForDebug(connection.Sender);
                return connection;
            }
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException("Not connected to NZQA. Run Connect-Nzqa first, or pass -Connection."),
                ErrorIds.NzqaNotConnected, ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails("Not connected to NZQA. Run Connect-Nzqa first, or pass -Connection.")
                {
                    RecommendedAction = "Connect-Nzqa -BaseUri <uri> -ProviderNumber <n> -Credential <machine account>",
                },
            });
            return null;
        }
    }
}
