using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

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

    /// <summary>
    /// Reads from NZQA with Write-Progress as pages arrive and retry notes as verbose messages; a failure stops the
    /// cmdlet with an error that says what went wrong.
    /// </summary>
    protected T Read<T>(NzqaConnection connection, string activity, Func<Action<int, int>, Task<T>> read)
    {
        var fetch = new FetchProgress(this, 1, activity, connection.ProviderNumber);
        return Read(connection, fetch, () => read(fetch.Report));
    }

    /// <summary>What <see cref="Read{T}(NzqaConnection, string, Func{Action{int, int}, Task{T}})"/> does, for a read
    /// that may already be under way (started with <paramref name="fetch"/>'s Report as its progress).</summary>
    private protected T Read<T>(NzqaConnection connection, FetchProgress fetch, Func<Task<T>> read)
    {
        var result = default(T);
        try
        {
            result = Await(read(), connection.Sender, fetch.Tick);
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            fetch.Complete();
            ThrowTerminatingError(ServiceError(ex, ServiceErrorIds.Nzqa, connection.BaseUri));
        }
        fetch.Complete();
        return result;
    }
}
