using System.Collections.Concurrent;
using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Cmdlets that talk to TEC DXP: a -Connection parameter, else the session default.</summary>
public abstract class DxpApiCmdlet : DxpCmdlet
{
    [Parameter]
    public DxpConnection Connection { get; set; }

    protected DxpConnection ResolveConnection() => ResolveConnection(Connection, SessionConnections.DxpSession);

    /// <summary>The return a cmdlet works on: -ReturnId, or -Submission's (remembered on the connection so its token is reused).</summary>
    protected static string ReturnIdOf(DxpConnection connection, string returnId, DxpSubmission submission)
    {
        if (submission == null) return returnId;
        connection.Remember(submission);
        return submission.ReturnId;
    }

    /// <summary>The submission for a return: the one given (remembered on the connection), else the connection's token, else a new one.</summary>
    protected DxpSubmission ResolveSubmission(DxpConnection connection, string returnId, DxpSubmission given)
    {
        if (given != null)
        {
            connection.Remember(given);
            returnId = given.ReturnId;
        }
        try
        {
            var submission = Await(connection.GetSubmissionAsync(returnId, StopToken), connection.Sender);
            WriteVerbose($"Submission token for return {submission.ReturnId}: status {submission.SubmissionStatus}, {submission.MaxRecordPerBatch} records per request, expires {submission.TokenExpiry:u}.");
            return submission;
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            ThrowTerminatingError(DxpError(ex, (object)returnId ?? given));
            return null;
        }
    }

    /// <summary>Calls DXP with the return's submission token; after SC* (token gone) gets a new token and calls once more.</summary>
    protected T WithSubmission<T>(DxpConnection connection, string returnId, Func<DxpSubmission, Task<T>> call, Action tick = null)
    {
        var submission = Await(connection.GetSubmissionAsync(returnId, StopToken), connection.Sender);
        try
        {
            return Await(call(submission), connection.Sender, tick);
        }
        catch (ServiceException ex) when (DxpAnswers.IsSubmissionTokenGone(ex))
        {
            WriteVerbose($"DXP answered {ex.ErrorCode}: the submission token for return {returnId} is gone; getting a new one and asking again.");
            submission = Await(connection.GetSubmissionAsync(returnId, StopToken, rejectedToken: submission.SubmissionToken), connection.Sender);
            return Await(call(submission), connection.Sender, tick);
        }
    }

    /// <summary>Calls DXP with the return's submission token; a failure is a non-terminating error naming the return (false, and the failure).</summary>
    protected bool TryCall<T>(DxpConnection connection, string returnId, Func<DxpSubmission, Task<T>> call, out T result, out Exception failure)
    {
        try
        {
            result = WithSubmission(connection, returnId, call);
            failure = null;
            return true;
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            WriteError(DxpError(ex, returnId));
            result = default;
            failure = ex;
            return false;
        }
    }

    /// <summary>The localIds DXP's CSV read-back of a dataset holds (no warnings: runs off the pipeline thread).</summary>
    private static async Task<ICollection<string>> HeldLocalIdsAsync(DxpConnection connection, string returnId, string dataset, System.Threading.CancellationToken ct)
    {
        var submission = await connection.GetSubmissionAsync(returnId, ct).ConfigureAwait(false);
        var csv = await connection.Client.GetContentsCsvAsync(submission, dataset, ct).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (local, _) in DxpRecordReader.For(dataset).ReadCsv(csv))
            if (local.Record?.LocalId != null) ids.Add(local.Record.LocalId);
        return ids;
    }

    /// <summary>DXP's CSV read-back of a dataset as records, in order; a cell that cannot be read is a warning naming its row.</summary>
    protected IEnumerable<IDxpRecord> ReadBack(string dataset, string csv)
    {
        foreach (var (local, row) in DxpRecordReader.For(dataset).ReadCsv(csv))
        {
            foreach (var p in local.Problems) WriteWarning($"DXP's read-back row {row}: {p.Message}");
            yield return local.Record;
        }
    }

    /// <summary>
    /// One delete run of localIds of one dataset; no results when DXP could not be asked (then one error names the return).
    /// <paramref name="alreadyGoneIsDone"/> (Sync-DxpRecord): a refused delete of a localId the return no longer holds is Removed.
    /// </summary>
    private protected (List<DxpRemoveResult> Results, Exception Failure) Delete(DxpConnection connection, SyncJournal journal, string runId, string returnId, string dataset,
        IReadOnlyList<string> localIds, JournalApproval approval = null, bool alreadyGoneIsDone = false)
    {
        var run = StartRun(() => SyncRun.Start(journal, "Dxp", DxpDatasets.KindOf(dataset), localIds.Count, runId, approval), ServiceErrorIds.Dxp);
        var notes = new ConcurrentQueue<string>();
        List<DxpRemoveResult> results = null;
        try
        {
            var held = alreadyGoneIsDone ? (ct => HeldLocalIdsAsync(connection, returnId, dataset, ct)) : (Func<System.Threading.CancellationToken, Task<ICollection<string>>>)null;
            results = Await(DxpRemover.RemoveAsync(connection, run, returnId, dataset, localIds, notes, StopToken, held), connection.Sender,
                () => { while (notes.TryDequeue(out var n)) WriteVerbose(n); });
        }
        catch (ServiceException ex)
        {
            WriteError(DxpError(ex, returnId));
            return (null, ex);
        }
        finally
        {
            run.End(results, r => r.Outcome.ToString());
        }
        return (results, null);
    }
}
