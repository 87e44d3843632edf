using System.Management.Automation;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>
/// A read of NZQA's side started before the cmdlet needs it (Compare-Nzqa* starts it at the first local record kept
/// and reads the rest of the export meanwhile). Its progress, retry notes and any failure are written when the cmdlet
/// waits for it (<see cref="NzqaApiCmdlet"/>'s Read), so what a user sees, and in which order, is as if it started then.
/// </summary>
internal sealed class NzqaReadAhead<T>
{
    public NzqaReadAhead(Cmdlet cmdlet, NzqaConnection connection, string activity, Func<Action<int, int>, CancellationToken, Task<T>> read, CancellationToken stopping)
    {
        Connection = connection;
        Progress = new FetchProgress(cmdlet, 1, activity, connection.ProviderNumber);
        var stop = new CancellationTokenSource();
        stopping.Register(stop.Cancel);
        Read = read(Progress.Report, stop.Token);
        // A read whose answer is never awaited (the cmdlet stopped by a terminating error first) is still observed.
        Read.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The connection it reads from: a cmdlet that ends up using another one reads again.</summary>
    public NzqaConnection Connection { get; }
    public FetchProgress Progress { get; }
    public Task<T> Read { get; }
}
