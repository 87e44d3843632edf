using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The shared body of Connect-Nzqa and Connect-Dxp: a connection from the parameters, an ESL token and one call of
/// the service's own (an address that is not the API is named as such), then the session default (a connection
/// saved with -PassThru stays the user's). Each service says how it is opened, checked and named.
/// </summary>
public abstract class ConnectCmdlet<TConnection> : NzqaCmdlet where TConnection : ServiceConnection
{
    [Parameter(Mandatory = true, Position = 0)]
    public Uri BaseUri { get; set; }

    [Parameter(Mandatory = true, Position = 2)]
    [Credential]
    public PSCredential Credential { get; set; }

    [Parameter]
    public Uri TokenUri { get; set; }

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

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>The service: its names, error ids and the session's default connection.</summary>
    private protected abstract ServiceSession<TConnection> Session { get; }

    /// <summary>The ESL org id (provider number or EDUMIS).</summary>
    protected abstract int OrgId { get; }

    /// <summary>A connection from the parameters (ArgumentException: an insecure URI).</summary>
    protected abstract TConnection Open(string journalFolder);

    /// <summary>The service's own call that proves the connection (after the token), with its verbose notes.</summary>
    protected abstract void Check(TConnection connection);

    /// <summary>The route <see cref="Check"/> calls, named when the address turns out not to be the API.</summary>
    protected abstract string CheckedRoute { get; }

    /// <summary>The error for an address that answered 404/405 without the service's own error code: not the API.</summary>
    protected abstract ErrorRecord NotTheApi(Uri called, ServiceException notFound);

    protected abstract ErrorRecord Failed(Exception ex);
    protected abstract string Connected(TConnection connection);

    protected override void ProcessRecord()
    {
        TConnection connection;
        try
        {
            connection = Open(JournalPath != null ? GetUnresolvedProviderPathFromPSPath(JournalPath) : JournalFolder.Default());
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, Session.InsecureUriId, ErrorCategory.SecurityError, BaseUri));
            return;
        }
        try
        {
            WriteVerbose($"Asking ESL {connection.TokenUri} for a token (machine account {connection.MachineAccount}, scope {connection.Scope}, org {OrgId}).");
            Await(connection.Tokens.GetAsync(StopToken));
            Check(connection);
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            connection.Dispose();
            if (Unwrap(ex) is ServiceException notFound && notFound.Service == Session.Service && string.IsNullOrEmpty(notFound.ErrorCode) &&
                (notFound.StatusCode == System.Net.HttpStatusCode.NotFound || notFound.StatusCode == System.Net.HttpStatusCode.MethodNotAllowed))
                ThrowTerminatingError(NotTheApi(new Uri(new Uri(connection.BaseUri.ToString().TrimEnd('/') + "/"), CheckedRoute), notFound));
            ThrowTerminatingError(Failed(ex));
            return;
        }

        var previous = Session.Default;
        Session.Default = connection;
        // A connection the user saved with -PassThru stays theirs: it keeps working after this one becomes the default.
        if (previous != null && !ReferenceEquals(previous, connection) && !previous.HeldByUser) previous.Dispose();
        WriteVerbose(Connected(connection));
        if (PassThru)
        {
            connection.HeldByUser = true;
            WriteObject(connection);
        }
    }

    /// <summary>The error for an address that is not the API, with what to give instead.</summary>
    protected ErrorRecord NotTheApiError(string id, string message, ServiceException notFound, string action) =>
        AdvisedError.Of(new InvalidOperationException(message, notFound), id, ErrorCategory.InvalidArgument, BaseUri, action);
}
