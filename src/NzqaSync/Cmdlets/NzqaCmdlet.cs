using System.Management.Automation;
using System.Net;
using NzqaSync.Api;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// What every cmdlet of the module shares: cancellation on Ctrl+C, waiting for HTTP work while writing its
/// notes and progress on the pipeline thread, and turning service failures into specific ErrorRecords.
/// </summary>
public abstract class NzqaCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    public void Dispose() { _debugListener?.Dispose(); _stopping.Dispose(); }

    private IDisposable _debugListener;

    /// <summary>Sealed: first -Debug is made usable (<see cref="PromptPolicy.AnswerInquire"/>: it never asks); cmdlets override <see cref="Begin"/>.</summary>
    protected sealed override void BeginProcessing() { PromptPolicy.AnswerInquire(this); Begin(); }

    protected virtual void Begin() { }

    /// <summary>
    /// With -Debug (or $DebugPreference not SilentlyContinue), asks <paramref name="sender"/> to queue every HTTP
    /// exchange, redacted, for this cmdlet to write with WriteDebug as it waits (on the pipeline thread).
    /// </summary>
    protected void ListenForDebug(ResilientSender sender)
    {
        if (_debugListener != null || sender == null || !PromptPolicy.DebugWanted(this)) return;
        _debugListener = sender.ListenForDebug();
    }

    /// <summary>
    /// Waits for <paramref name="task"/> on the pipeline thread, writing queued retry notes as verbose
    /// messages and calling <paramref name="tick"/> (for Write-Progress) a few times a second.
    /// </summary>
    protected T Await<T>(Task<T> task, ResilientSender sender = null, Action tick = null)
    {
        while (!task.IsCompleted)
        {
            ((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            DrainNotes(sender);
            tick?.Invoke();
        }
        DrainNotes(sender);
        tick?.Invoke();
        return task.GetAwaiter().GetResult(); // rethrows the real exception, never an AggregateException
    }

    protected void Await(Task task, ResilientSender sender = null, Action tick = null) =>
        Await(task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), sender, tick);

    protected void DrainNotes(ResilientSender sender)
    {
        if (sender == null) return;
        while (sender.Notes.TryDequeue(out var note)) WriteVerbose(note);
        if (_debugListener != null)
            while (sender.DebugExchanges.TryDequeue(out var exchange)) WriteDebug("HTTP exchange (redacted):\n" + exchange);
    }

    /// <summary>
    /// Starts a sync run (its first journal line); a journal that cannot be written (or trusted: another user's folder,
    /// a link, open to others) stops the cmdlet with a specific error before anything is sent.
    /// </summary>
    private protected SyncRun StartRun(Func<SyncRun> start, ServiceErrorIds ids)
    {
        try { return start(); }
        catch (IOException ex)
        {
            ThrowTerminatingError(ServiceError(ex, ids, (ex as UnsafePathException)?.Path));
            return null;
        }
    }

    /// <summary>The connection's retention after a run: entries older than <paramref name="days"/> go; a failure is a warning.</summary>
    protected void ApplyRetention(SyncJournal journal, int days)
    {
        try
        {
            var removed = SyncRun.ApplyRetention(journal, days, DateTimeOffset.Now);
            if (removed != null) WriteVerbose($"Journal retention ({days} days): removed {removed}.");
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteWarning($"The journal's retention ({days} days) could not be applied in {journal.Folder}: {ex.Message}");
        }
    }

    protected void Complete(ProgressRecord progress)
    {
        progress.RecordType = ProgressRecordType.Completed;
        WriteProgress(progress);
    }

    /// <summary>An ErrorRecord for a failed call, with an id and category that say what went wrong.</summary>
    private protected static ErrorRecord ServiceError(Exception exception, ServiceErrorIds ids, object target) => ServiceErrors.For(exception, ids, target);

    /// <summary>Stops with NzqaUnknownColumnMapField when a -ColumnMap key names no field of the record.</summary>
    protected void RefuseUnknownColumnMapKeys<TRecord>(Sources.LocalRecordReader<TRecord> reader, string recordName, object columnMap) where TRecord : class, new() =>
        RefuseUnknownColumnMapKeys(reader.UnknownColumnMapKeys(), reader.FieldNames, recordName, columnMap);

    protected void RefuseUnknownColumnMapKeys(System.Collections.Generic.IReadOnlyList<string> unknown, System.Collections.Generic.IEnumerable<string> fields, string recordName, object columnMap)
    {
        var error = ColumnMapError.ForUnknownKeys(unknown, fields, recordName, columnMap);
        if (error != null) ThrowTerminatingError(error);
    }

    /// <summary>True when ShouldProcess would ask: $ConfirmPreference is High or lower (not None).</summary>
    protected bool WouldPrompt() => PromptPolicy.WouldPrompt(this);

    /// <summary>Whether a person can answer a prompt (see <see cref="PromptPolicy.InteractiveHost"/>).</summary>
    protected bool InteractiveHost() => PromptPolicy.InteractiveHost(Host);

    protected static Exception Unwrap(Exception ex) => ServiceErrors.Unwrap(ex);

    /// <summary>The connection to use: the one given (-Connection), else the session's; not connected stops the cmdlet.</summary>
    private protected TConnection ResolveConnection<TConnection>(TConnection given, ServiceSession<TConnection> service) where TConnection : ServiceConnection
    {
        var connection = given ?? service.Default;
        if (connection != null)
        {
            ListenForDebug(connection.Sender);
            return connection;
        }
        var message = service.NotConnected("pass -Connection");
        ThrowTerminatingError(AdvisedError.Of(new InvalidOperationException(message), service.NotConnectedId, ErrorCategory.ConnectionError, null,
            $"Connect-{service.Noun} -BaseUri <uri> -{service.OrgParameter} <n> -Credential <machine account>"));
        return null;
    }

    /// <summary>
    /// Writes a file of the user's own (0600 on Unix), never through a link (<see cref="OwnerOnlyFiles"/>); an unsafe
    /// path or a failed write stops the cmdlet with the caller's error ids.
    /// </summary>
    private protected void WriteOwnerOnlyFile(string full, byte[] bytes, bool replace, string what, string unsafeId, string unwritableId, string unsafeAction = null)
    {
        var error = OwnerOnlyOutput.Write(full, bytes, replace, what, unsafeId, unwritableId, unsafeAction);
        if (error != null) ThrowTerminatingError(error);
    }
}
