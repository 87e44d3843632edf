using System;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets
{
    /// <summary>Connects to the NZQA SMS API with the school's ESL machine account and makes it the session default.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Nzqa")]
    [OutputType(typeof(NzqaConnection))]
    public sealed class ConnectNzqaCommand : NzqaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public Uri BaseUri { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateRange(1, 99999)]
        public int ProviderNumber { get; set; }

        [Parameter(Mandatory = true, Position = 2)]
        [Credential]
        public PSCredential Credential { get; set; }

        [Parameter]
        public Uri TokenUri { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Scope { get; set; } = NzqaRoutes.DefaultScope;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        /// <summary>Journal entries older than this many days are removed after each sync; 0 keeps them all.</summary>
        [Parameter]
        [ValidateRange(0, 36500)]
        public int JournalRetentionDays { get; set; } = NzqaConnection.DefaultJournalRetentionDays;

        /// <summary>Which records' redacted HTTP exchanges the journal keeps.</summary>
        [Parameter]
        public ExchangeKeeping KeepExchanges { get; set; } = ExchangeKeeping.Failures;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            NzqaConnection connection;
            try
            {
                var journal = JournalPath != null ? GetUnresolvedProviderPathFromPSPath(JournalPath) : JournalFolder.Default();
                connection = new NzqaConnection(BaseUri, ProviderNumber, Credential.GetNetworkCredential(), TokenUri ?? NzqaConnection.DefaultTokenUri(BaseUri), Scope, journal)
                {
                    JournalRetentionDays = JournalRetentionDays,
                    KeepExchanges = KeepExchanges,
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.NzqaInsecureUri, ErrorCategory.SecurityError, BaseUri));
                return;
            }

            ListenForDebug(connection.Sender);
            try
            {
                WriteVerbose($"Asking ESL {connection.TokenUri} for a token (machine account {connection.MachineAccount}, scope {connection.Scope}, org {ProviderNumber}).");
                Await(connection.Tokens.GetAsync(StopToken));
                WriteVerbose($"GET {connection.BaseUri} provider {ProviderNumber}.");
                var provider = Await(connection.Client.GetProviderAsync(StopToken), connection.Sender);
                connection.ProviderName = provider?.Name;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                connection.Dispose();
                if (Unwrap(ex) is ServiceException notFound && NotTheApi(notFound))
                {
                    var called = new Uri(new Uri(connection.BaseUri.ToString().TrimEnd('/') + "/"), NzqaRoutes.Provider(ProviderNumber));
                    var message = $"{BaseUri} does not look like the NZQA SMS API: GET {called} answered {(int)notFound.StatusCode} {notFound.StatusCode} " +
                                  "without an NZQA error, as an address that is not the API does. The base URI is the API's root, with its version: " +
                                  "the sandbox's is <sandbox>/nzqa/v1 (GET <sandbox>/sandbox/info lists it); NZQA's is the one NZQA gave the school.";
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message, notFound), ErrorIds.NzqaNotTheApi, ErrorCategory.InvalidArgument, BaseUri)
                    {
                        ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give -BaseUri the NZQA SMS API's root (e.g. http://127.0.0.1:5080/nzqa/v1 for the sandbox), not a web page or the DXP address." },
                    });
                }
                ThrowTerminatingError(ServiceError(ex, "Nzqa", BaseUri));
                return;
            }

            var previous = SessionConnections.GetNzqa();
            SessionConnections.SetNzqa(connection);
            // A connection the user saved with -PassThru stays theirs: it keeps working after this one becomes the default.
            if (previous != null && !ReferenceEquals(previous, connection) && !previous.HeldByUser) previous.Dispose();
            WriteVerbose($"Connected to NZQA as provider {ProviderNumber} ({connection.ProviderName}); journal at {connection.JournalPath}.");
            if (PassThru)
            {
                connection.HeldByUser = true;
                WriteObject(connection);
            }
        }

        /// <summary>
        /// The provider read answered 404 or 405 without NZQA's own error (an unknown provider is 404 with an error code):
        /// the address is not the API (the sandbox root, the DXP address, a web page).
        /// </summary>
        private static bool NotTheApi(ServiceException ex) =>
            ex.Service == "NZQA" && string.IsNullOrEmpty(ex.ErrorCode) &&
            (ex.StatusCode == System.Net.HttpStatusCode.NotFound || ex.StatusCode == System.Net.HttpStatusCode.MethodNotAllowed);
    }
}
