using System;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets
{
    /// <summary>Connects to TEC DXP with the tertiary provider's ESL machine account and makes it the session default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Dxp")]
    [OutputType(typeof(DxpConnection))]
    public sealed class ConnectDxpCommand : DxpCmdlet
    {
        /// <summary>DXP's base URI, under which the routes are submissions/v1.0/... (the sandbox's is {origin}/dxp).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public Uri BaseUri { get; set; }

        /// <summary>The EDUMIS (organisation) number: the EID header and the ESL org_id.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("EID", "OrgId")]
        [ValidateRange(1, 999999)]
        public int Edumis { get; set; }

        [Parameter(Mandatory = true, Position = 2)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public Uri TokenUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Scope { get; set; } = DxpConnection.DefaultScope;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        /// <summary>Journal entries older than this many days are removed after each sync, upload or delete; 0 keeps them all.</summary>
        [Parameter]
        [ValidateRange(0, 36500)]
        public int JournalRetentionDays { get; set; } = NzqaConnection.DefaultJournalRetentionDays;

        /// <summary>Which records' redacted HTTP exchanges the journal keeps.</summary>
        [Parameter]
        public ExchangeKeeping KeepExchanges { get; set; } = ExchangeKeeping.Failures;

        /// <summary>Send upload bodies as plain JSON instead of gzip.</summary>
        [Parameter]
        public SwitchParameter NoCompression { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            DxpConnection connection;
            try
            {
                var journal = JournalPath != null ? GetUnresolvedProviderPathFromPSPath(JournalPath) : JournalFolder.Default();
                connection = new DxpConnection(BaseUri, Edumis, Credential.GetNetworkCredential(), TokenUri ?? DxpConnection.DefaultTokenUri(BaseUri), Scope, journal)
                {
                    CompressUploads = !NoCompression,
                    JournalRetentionDays = JournalRetentionDays,
                    KeepExchanges = KeepExchanges,
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "DxpInsecureUri", ErrorCategory.SecurityError, BaseUri));
                return;
            }

            try
            {
                WriteVerbose($"Asking ESL {connection.TokenUri} for a token (machine account {connection.MachineAccount}, scope {connection.Scope}, org {Edumis}).");
                Await(connection.Tokens.GetAsync(StopToken));
                WriteVerbose($"GET {connection.BaseUri} {DxpRoutes.Returns} to check the connection.");
                var returns = Await(connection.Client.GetReturnsAsync(true, StopToken), connection.Sender);
                WriteVerbose($"EDUMIS {Edumis} has {returns.Count} returns.");
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                connection.Dispose();
                if (Unwrap(ex) is ServiceException notFound && NotTheApi(notFound))
                {
                    var called = new Uri(new Uri(connection.BaseUri.ToString().TrimEnd('/') + "/"), DxpRoutes.Returns);
                    var message = $"{BaseUri} does not look like TEC's DXP API: GET {called} answered {(int)notFound.StatusCode} {notFound.StatusCode} " +
                                  "without a DXP error, as an address that is not the API does. The base URI is the API's root, under which the routes are submissions/v1.0/...: " +
                                  "the sandbox's is <sandbox>/dxp (GET <sandbox>/sandbox/info lists it as DxpBaseUri); TEC's is the one TEC gave the provider.";
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, notFound), ErrorIds.DxpNotTheApi, ErrorCategory.InvalidArgument, BaseUri)
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give -BaseUri DXP's root (e.g. http://127.0.0.1:5080/dxp for the sandbox), not a web page, a route under it or the NZQA address." },
                    });
                }
                ThrowTerminatingError(DxpError(ex, BaseUri));
                return;
            }

            var previous = SessionConnections.GetDxp<DxpConnection>();
            SessionConnections.SetDxp(connection);
            // A connection the user saved with -PassThru stays theirs: it keeps working after this one becomes the default.
            if (previous != null && !ReferenceEquals(previous, connection) && !previous.HeldByUser) previous.Dispose();
            WriteVerbose($"Connected to TEC DXP as EDUMIS {Edumis}; uploads {(connection.CompressUploads ? "gzip-compressed" : "plain JSON")}; journal at {connection.JournalPath}.");
            if (PassThru)
            {
                connection.HeldByUser = true;
                WriteObject(connection);
            }
        }

        /// <summary>
        /// The returns read answered 404 or 405 without DXP's own error code: the address is not the API (the sandbox
        /// root, the NZQA address, a route under the API, a web page).
        /// </summary>
        private static bool NotTheApi(ServiceException ex) =>
            ex.Service == "DXP" && string.IsNullOrEmpty(ex.ErrorCode) &&
            (ex.StatusCode == System.Net.HttpStatusCode.NotFound || ex.StatusCode == System.Net.HttpStatusCode.MethodNotAllowed);
    }
}
