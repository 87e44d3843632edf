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
                ThrowTerminatingError(new ErrorRecord(ex, "NzqaInsecureUri", ErrorCategory.SecurityError, BaseUri));
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
    }
}
