using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// What every cmdlet of the module shares: cancellation on Ctrl+C, waiting for HTTP work while writing its
    /// notes and progress on the pipeline thread, and turning service failures into specific ErrorRecords.
    /// </summary>
    public abstract class NzqaCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            _debugListener?.Dispose();
            _stopping.Dispose();
        }

        private IDisposable _debugListener;

        /// <summary>
        /// With -Debug (or $DebugPreference not SilentlyContinue), asks <paramref name="sender"/> to queue every HTTP
        /// exchange, redacted, for this cmdlet to write with WriteDebug as it waits (on the pipeline thread).
        /// </summary>
        protected void ListenForDebug(ResilientSender sender)
        {
            if (_debugListener != null || sender == null || !DebugWanted()) return;
            _debugListener = sender.ListenForDebug();
        }

        private bool DebugWanted()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Debug", out var bound)) return bound is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(bound);
            var pref = GetVariableValue("DebugPreference");
            return pref is ActionPreference p ? p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore
                : pref is string text && !string.Equals(text, "SilentlyContinue", StringComparison.OrdinalIgnoreCase) && !string.Equals(text, "Ignore", StringComparison.OrdinalIgnoreCase);
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
        /// Writes a journal run's first line; a journal that cannot be written (or trusted: another user's folder, a
        /// link, open to others) stops the cmdlet with a specific error before anything is sent.
        /// </summary>
        protected void StartJournalRun(Action start, string prefix)
        {
            try
            {
                start();
            }
            catch (System.IO.IOException ex)
            {
                ThrowTerminatingError(ServiceError(ex, prefix, (ex as Journal.UnsafePathException)?.Path));
            }
        }

        /// <summary>Reads the Principal's Nominee's approval file (-ApprovalPath); a missing or malformed one stops the cmdlet before anything is sent.</summary>
        protected Sync.ApprovalFile LoadApprovalFile(string path)
        {
            var full = GetUnresolvedProviderPathFromPSPath(path);
            try
            {
                var file = Sync.ApprovalFile.Load(full);
                WriteVerbose($"Approval file {full}: {file.Approved.Count} changes approved by {file.SignedBy} on {file.SignedAt:yyyy-MM-dd HH:mm} ({file.Sha256}).");
                return file;
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is System.IO.InvalidDataException)
            {
                var notFound = ex is System.IO.FileNotFoundException || ex is System.IO.DirectoryNotFoundException;
                var message = notFound ? $"The approval file '{full}' does not exist; nothing was sent." : $"The approval file cannot be used, so nothing was sent: {ex.Message}";
                ThrowTerminatingError(new ErrorRecord(ex, notFound ? ErrorIds.NzqaApprovalFileNotFound : ErrorIds.NzqaApprovalFileInvalid,
                    notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, full)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give the file the Principal's Nominee downloaded from the review page (or wrote with New-NzqaApproval)." },
                });
                return null;
            }
        }

        /// <summary>
        /// The connection's retention (Connect-Nzqa/Connect-Dxp -JournalRetentionDays): entries older than
        /// <paramref name="days"/> days are removed from the journal after each run; 0 keeps them. A journal that
        /// cannot be pruned is a warning, not a failure of the run.
        /// </summary>
        protected void ApplyJournalRetention(string folder, int days)
        {
            if (days <= 0 || folder == null) return;
            try
            {
                var plan = Journal.JournalRetention.Plan(folder, DateTimeOffset.Now.AddDays(-days));
                if (plan.Entries.Count == 0 && plan.Runs.Count == 0) return;
                Journal.JournalRetention.Apply(plan);
                WriteVerbose($"Journal retention ({days} days): removed {plan.Describe()}.");
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                WriteWarning($"The journal's retention ({days} days) could not be applied in {folder}: {ex.Message}");
            }
        }

        /// <summary>An ErrorRecord for a failed call, with an id and category that say what went wrong.</summary>
        protected static ErrorRecord ServiceError(Exception exception, string prefix, object target)
        {
            var ex = Unwrap(exception);
            string id;
            ErrorCategory category;
            string action = null;
            switch (ex)
            {
                case AuthenticationFailedException _:
                    id = prefix + "AuthenticationFailed";
                    category = ErrorCategory.AuthenticationError;
                    action = "Check the ESL machine account name and password, and that the account belongs to this provider.";
                    break;
                case ServiceException s when s.StatusCode == null:
                    id = prefix + "Unreachable";
                    category = ErrorCategory.ConnectionError;
                    action = "Check the base URI and the network, then try again.";
                    break;
                case ServiceException s when s.StatusCode == HttpStatusCode.Unauthorized:
                    id = prefix + "Unauthorized";
                    category = ErrorCategory.AuthenticationError;
                    break;
                case ServiceException s when s.StatusCode == HttpStatusCode.Forbidden || s.StatusCode == HttpStatusCode.NotFound:
                    id = prefix + "ProviderRefused";
                    category = ErrorCategory.PermissionDenied;
                    action = "Check the provider number: the machine account, the EID and the provider must agree.";
                    break;
                case ServiceException s when (int)s.StatusCode == 429:
                    id = prefix + "RateLimited";
                    category = ErrorCategory.LimitsExceeded;
                    action = "Wait a little and run the command again.";
                    break;
                case ServiceException s when (int)s.StatusCode >= 500:
                    id = prefix + "ServiceError";
                    category = ErrorCategory.ResourceUnavailable;
                    break;
                case ServiceException _:
                    id = prefix + "RequestRejected";
                    category = ErrorCategory.InvalidOperation;
                    break;
                case Journal.UnsafePathException _:
                    id = prefix + "UnsafePath";
                    category = ErrorCategory.SecurityError;
                    action = "Use a folder and file of your own that no other user can write to, and not a symbolic link.";
                    break;
                case OperationCanceledException _:
                    id = prefix + "Stopped";
                    category = ErrorCategory.OperationStopped;
                    break;
                case ArgumentException _:
                    id = prefix + "InvalidArgument";
                    category = ErrorCategory.InvalidArgument;
                    break;
                default:
                    id = prefix + "Failed";
                    category = ErrorCategory.NotSpecified;
                    break;
            }
            var record = new ErrorRecord(ex, id, category, target);
            if (action != null) record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = action };
            return record;
        }

        /// <summary>Stops with NzqaUnknownColumnMapField when a -ColumnMap key names no field of the record.</summary>
        protected void RefuseUnknownColumnMapKeys<TRecord>(Sources.LocalRecordReader<TRecord> reader, string recordName, object columnMap) where TRecord : class, new()
        {
            var unknown = reader.UnknownColumnMapKeys();
            if (unknown.Count == 0) return;
            var message = $"-ColumnMap names {string.Join(", ", unknown.Select(u => "'" + u + "'"))}, which {(unknown.Count == 1 ? "is not a field" : "are not fields")} of a {recordName} record. " +
                          $"The fields are: {string.Join(", ", reader.FieldNames)}.";
            ThrowTerminatingError(new ErrorRecord(new ArgumentException(message, "ColumnMap"), "NzqaUnknownColumnMapField", ErrorCategory.InvalidArgument, columnMap)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use the field names as keys: @{ Nsn = 'Student NSN' }." },
            });
        }

        /// <summary>True when ShouldProcess would ask: $ConfirmPreference is High or lower (not None).</summary>
        protected bool WouldPrompt()
        {
            var value = SessionState.PSVariable.GetValue("ConfirmPreference");
            if (value is ConfirmImpact impact) return impact != ConfirmImpact.None;
            return !(value is string s && string.Equals(s, "None", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Whether a person can answer a prompt: the console host (unless started -NonInteractive or with its input
        /// redirected), VS Code and the ISE. Hosted engines, remoting servers and job hosts are not asked.
        /// </summary>
        protected bool InteractiveHost()
        {
            switch (Host?.Name)
            {
                case "ConsoleHost":
                    var args = Environment.GetCommandLineArgs();
                    var nonInteractive = args.Any(a => a.Length > 4 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.ToLowerInvariant().StartsWith("-noni", StringComparison.Ordinal));
                    bool redirected;
                    try { redirected = Console.IsInputRedirected; } catch (Exception) { redirected = true; }
                    return !nonInteractive && !redirected;
                case "Visual Studio Code Host":
                case "Windows PowerShell ISE Host":
                    return true;
                default:
                    return false;
            }
        }

        protected static Exception Unwrap(Exception ex)
        {
            while (ex is AggregateException agg && agg.InnerExceptions.Count == 1) ex = agg.InnerException;
            if (ex is AggregateException many) ex = many.Flatten().InnerExceptions[0];
            return ex;
        }
    }

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
                "NzqaNotConnected", ErrorCategory.ConnectionError, null)
            {
                ErrorDetails = new ErrorDetails("Not connected to NZQA. Run Connect-Nzqa first, or pass -Connection.")
                {
                    RecommendedAction = "Connect-Nzqa -BaseUri <uri> -ProviderNumber <n> -Credential <machine account>",
                },
            });
            return null;
        }
    }
}
