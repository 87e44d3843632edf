using System;
using System.Management.Automation;
using System.Net;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
    /// <summary>What a DXP connection test found: reachable, authenticated, the EDUMIS has returns — and if not, why.</summary>
    public sealed class DxpConnectionTest
    {
        public Uri BaseUri { get; set; }
        public int Edumis { get; set; }
        public bool Reachable { get; set; }
        public bool Authenticated { get; set; }
        /// <summary>Returns DXP lists for this EDUMIS (Full and Indicative); 0 for a provider with no SDR returns.</summary>
        public int ReturnCount { get; set; }
        /// <summary>None, Unreachable, BadCredentials, WrongProvider, NoReturns or ServiceError.</summary>
        public string Problem { get; set; }
        public string Message { get; set; }
        public bool Success => Problem == "None";
    }

    /// <summary>Checks a DXP connection end to end (ESL token of the DXP scope, then GET returns) without throwing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DxpConnection", DefaultParameterSetName = "Session")]
    [OutputType(typeof(DxpConnectionTest))]
    public sealed class TestDxpConnectionCommand : DxpCmdlet
    {
        [Parameter(ParameterSetName = "Session", ValueFromPipeline = true)]
        public DxpConnection Connection { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        public Uri BaseUri { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        [Alias("EID", "OrgId")]
        [ValidateRange(1, 999999)]
        public int Edumis { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "New")]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter(ParameterSetName = "New")]
        public Uri TokenUri { get; set; }

        [Parameter(ParameterSetName = "New")]
        public string Scope { get; set; } = DxpConnection.DefaultScope;

        protected override void ProcessRecord()
        {
            DxpConnection connection;
            var owned = false;
            if (ParameterSetName == "New")
            {
                try
                {
                    connection = new DxpConnection(BaseUri, Edumis, Credential.GetNetworkCredential(), TokenUri ?? DxpConnection.DefaultTokenUri(BaseUri), Scope, null);
                    owned = true;
                }
                catch (ArgumentException ex)
                {
                    WriteError(new ErrorRecord(ex, "DxpInsecureUri", ErrorCategory.SecurityError, BaseUri));
                    return;
                }
            }
            else
            {
                connection = Connection ?? SessionConnections.GetDxp<DxpConnection>();
                if (connection == null)
                {
                    WriteError(new ErrorRecord(new InvalidOperationException("Not connected to TEC DXP. Run Connect-Dxp first, or give -BaseUri, -Edumis and -Credential."),
                        "DxpNotConnected", ErrorCategory.ConnectionError, null));
                    return;
                }
            }

            var test = new DxpConnectionTest { BaseUri = connection.BaseUri, Edumis = connection.Edumis, Problem = "None" };
            if (connection.IsClosed)
            {
                test.Problem = "Closed";
                test.Message = new ConnectionClosedException("DXP", connection.ToString()).Message;
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
                WriteVerbose($"GET {DxpRoutes.Returns} (EID {connection.Edumis}).");
                var returns = Await(connection.Client.GetReturnsAsync(true, StopToken), connection.Sender);
                test.ReturnCount = returns.Count;
                if (returns.Count == 0)
                {
                    test.Problem = "NoReturns";
                    test.Message = $"DXP answered, but EDUMIS {connection.Edumis} has no returns: is it a tertiary provider?";
                }
                else test.Message = $"Connected to TEC DXP as EDUMIS {connection.Edumis} ({returns.Count} returns).";
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
                    : ex.StatusCode == HttpStatusCode.Unauthorized ? (ex.ErrorCode == "AU2" ? "WrongProvider" : "BadCredentials")
                    : ex.StatusCode == HttpStatusCode.BadRequest && ex.ErrorCode != null && ex.ErrorCode.StartsWith("AM", StringComparison.Ordinal) ? "WrongProvider"
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
