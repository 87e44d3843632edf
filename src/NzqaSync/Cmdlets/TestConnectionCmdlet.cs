using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The shared body of Test-NzqaConnection and Test-DxpConnection: the session's (or a given) connection, or a new
/// one from -BaseUri and -Credential (closed after the test); a fresh ESL token, then one call of the service's own;
/// one result object that says what was wrong instead of throwing.
/// </summary>
public abstract class TestConnectionCmdlet<TConnection, TTest> : NzqaCmdlet
    where TConnection : ServiceConnection
    where TTest : class, IConnectionTest
{
    [Parameter(ParameterSetName = ParameterSets.Session, ValueFromPipeline = true)]
    public TConnection Connection { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    public Uri BaseUri { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.New)]
    [Credential]
    public PSCredential Credential { get; set; }

    [Parameter(ParameterSetName = ParameterSets.New)]
    public Uri TokenUri { get; set; }

    /// <summary>The service: its names, error ids and the session's default connection.</summary>
    private protected abstract ServiceSession<TConnection> Session { get; }

    /// <summary>A connection from -BaseUri, -Credential and the service's own parameters (ArgumentException: an insecure URI).</summary>
    protected abstract TConnection Open();
    protected abstract TTest Describe(TConnection connection);

    /// <summary>The call that proves the connection works for this provider, after a fresh token.</summary>
    protected abstract void Probe(TConnection connection, TTest test);

    /// <summary>The problem a service answer means: Unreachable, BadCredentials, WrongProvider or ServiceError.</summary>
    protected abstract string ProblemOf(ServiceException ex);

    protected override void ProcessRecord()
    {
        var owned = ParameterSetName == ParameterSets.New;
        TConnection connection;
        try { connection = owned ? Open() : Connection ?? Session.Default; }
        catch (ArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, Session.InsecureUriId, ErrorCategory.SecurityError, BaseUri));
            return;
        }
        if (connection == null)
        {
            WriteError(new ErrorRecord(new InvalidOperationException(Session.NotConnected($"give -BaseUri, -{Session.OrgParameter} and -Credential")), Session.NotConnectedId, ErrorCategory.ConnectionError, null));
            return;
        }
        var test = Describe(connection);
        test.Problem = "None";
        if (connection.IsClosed)
        {
            test.Problem = "Closed";
            test.Message = new ConnectionClosedException(Session.Service, connection.ToString()).Message;
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
            Probe(connection, test);
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
            test.Problem = ex.StatusCode == null ? "Unreachable" : ProblemOf(ex);
            test.Message = ex.Message;
        }
        finally
        {
            if (owned) connection.Dispose();
        }
        WriteObject(test);
    }
}
