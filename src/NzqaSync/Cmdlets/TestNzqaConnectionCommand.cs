using System;
using System.Management.Automation;
using System.Net;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
    /// <summary>What a connection test found: reachable, authenticated, the right provider — and if not, why.</summary>
    public sealed class NzqaConnectionTest
    {
        public Uri BaseUri { get; set; }
        public int ProviderNumber { get; set; }
        public string ProviderName { get; set; }
        public bool Reachable { get; set; }
        public bool Authenticated { get; set; }
        public bool ProviderMatches { get; set; }
        /// <summary>None, Unreachable, BadCredentials, WrongProvider, ServiceError or Closed (the connection was disposed).</summary>
        public string Problem { get; set; }
        public string Message { get; set; }
        public bool Success => Problem == "None";
    }

    /// <summary>Checks a connection end to end (ESL token, then the provider's own record) without throwing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "NzqaConnection", DefaultParameterSetName = "Session")]
    [OutputType(typeof(NzqaConnectionTest))]
    public sealed class TestNzqaConnectionCommand : NzqaCmdlet
    {
        [Parameter(ParameterSetName = "Session", ValueFromPipeline = true)]
        public NzqaConnection Connection { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        public Uri BaseUri { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        [ValidateRange(1, 99999)]
        public int ProviderNumber { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = "New")]
        public Uri TokenUri { get; set; }

        [Parameter(ParameterSetName = "New")]
        public string Scope { get; set; } = NzqaRoutes.DefaultScope;

        protected override void ProcessRecord()
        {
            NzqaConnection connection;
            var owned = false;
            if (ParameterSetName == "New")
            {
                try
                {
                    connection = new NzqaConnection(BaseUri, ProviderNumber, Credential.GetNetworkCredential(), TokenUri ?? NzqaConnection.DefaultTokenUri(BaseUri), Scope, null);
                    owned = true;
                }
                catch (ArgumentException ex)
                {
                    WriteError(new ErrorRecord(ex, "NzqaInsecureUri", ErrorCategory.SecurityError, BaseUri));
                    return;
                }
            }
            else
            {
                connection = Connection ?? SessionConnections.GetNzqa();
                if (connection == null)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException("Not connected to NZQA. Run Connect-Nzqa first, or give -BaseUri, -ProviderNumber and -Credential."),
                        "NzqaNotConnected", ErrorCategory.ConnectionError, null));
                    return;
                }
            }

            var test = new NzqaConnectionTest { BaseUri = connection.BaseUri, ProviderNumber = connection.ProviderNumber, ProviderName = connection.ProviderName, Problem = "None" };
            if (connection.IsClosed)
            {
                test.Problem = "Closed";
                test.Message = new ConnectionClosedException("NZQA", connection.ToString()).Message;
                WriteObject(test);
                return;
            }
            try
            {
                connection.Tokens.Clear();
                WriteVerbose($"Asking ESL {connection.TokenUri} for a fresh token.");
                Await(connection.Tokens.GetAsync(StopToken));
                test.Reachable = true;
                test.Authenticated = true;
                var provider = Await(connection.Client.GetProviderAsync(StopToken), connection.Sender);
                test.ProviderName = provider?.Name;
                test.ProviderMatches = provider?.ProviderNumber == connection.ProviderNumber;
                test.Message = $"Connected to NZQA as provider {connection.ProviderNumber} ({provider?.Name}).";
            }
            catch (AuthenticationFailedException ex)
            {
                test.Reachable = true;
                test.Problem = ex.ErrorCode == "invalid_request" ? "WrongProvider" : "BadCredentials";
                test.Message = ex.Message;
            }
            catch (ServiceException ex)
            {
                test.Reachable = ex.StatusCode != null;
                test.Problem = ex.StatusCode == null ? "Unreachable"
                    : ex.StatusCode == HttpStatusCode.Forbidden || ex.StatusCode == HttpStatusCode.NotFound ? "WrongProvider"
                    : ex.StatusCode == HttpStatusCode.Unauthorized ? "BadCredentials"
                    : "ServiceError";
                test.Message = ex.Message;
            }
            finally
            {
                if (owned) connection.Dispose();
            }
            WriteObject(test);
        }
    }
}
