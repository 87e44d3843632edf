using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>What Sync-Nzqa* reads before anything is sent (the approval file), how it names a record, and its errors.</summary>
internal static class SyncInput
{
    /// <summary>The input is not this cmdlet's kind of diff: one clear error naming the cmdlet that takes it.</summary>
    public static ErrorRecord WrongInput(string name, object input)
    {
        var kind = name.Substring("Sync-Nzqa".Length);
        var noun = kind.ToLowerInvariant();
        string message;
        if (input is RecordDiff other)
            message = $"{name} takes {noun} diffs (from Compare-Nzqa{kind}), but {Article(other.Kind)} {other.Kind.ToLowerInvariant()} diff was piped in: " +
                      $"pipe {other.Kind.ToLowerInvariant()} diffs to Sync-Nzqa{other.Kind}. Nothing was sent.";
        else
            message = $"{name} takes the {noun} diffs Compare-Nzqa{kind} writes, but {(input == null ? "nothing" : "a " + input.GetType().Name)} was piped in: " +
                      $"compare first (Import-NzqaRecord -Path <file> -Kind {kind} | Compare-Nzqa{kind} | {name}). Nothing was sent.";
        return AdvisedError.Of(new ArgumentException(message), ErrorIds.NzqaWrongInputKind, ErrorCategory.InvalidArgument, input,
            input is RecordDiff d ? $"Pipe it to Sync-Nzqa{d.Kind}." : $"Pipe Compare-Nzqa{kind}'s output to {name}.");
    }

    private static string Article(string word) => "AEIOUaeiou".IndexOf(word[0]) >= 0 ? "an" : "a";

    /// <summary>
    /// The Principal's Nominee's approval file; the cmdlet stops when it is missing or cannot be used, or (given the
    /// NZQA connection) when it approves another provider's changes.
    /// </summary>
    public static ApprovalFile LoadApproval(PSCmdlet cmdlet, string path, NzqaSync.Api.NzqaConnection connection = null)
    {
        var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (FolderNotFile.Check(full, path, "-ApprovalPath", "the approval file (approval.json)") is ErrorRecord folder) cmdlet.ThrowTerminatingError(folder);
        ApprovalFile file = null;
        try { file = ApprovalFile.Load(full); }
        catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is System.IO.InvalidDataException)
        {
            cmdlet.ThrowTerminatingError(ApprovalUnusable(ex, full));
        }
        if (connection != null && file.Provider is int approvedFor && approvedFor != connection.ProviderNumber)
            cmdlet.ThrowTerminatingError(AdvisedError.Of(new InvalidOperationException(
                    $"The approval file '{full}' approves changes compared for provider {approvedFor}, but this sync is connected to provider {connection.ProviderNumber}: nothing was sent."),
                ErrorIds.NzqaApprovalFromOtherProvider, ErrorCategory.InvalidOperation, full,
                $"Connect-Nzqa to provider {approvedFor} (or use -Connection) to send what it approves, or ask for an approval of this school's changes."));
        cmdlet.WriteVerbose($"Approval file {full}: {file.Approved.Count} changes approved by {file.SignedBy} on {file.SignedAt:yyyy-MM-dd HH:mm} ({file.Sha256}).");
        return file;
    }

    /// <summary>The approval as every journal line of the run names it.</summary>
    public static JournalApproval JournalApprovalOf(ApprovalFile file) =>
        file == null ? null : new JournalApproval { Sha256 = file.Sha256, SignedBy = file.SignedBy, SignedAt = file.SignedAt, Path = file.Path };

    /// <summary>The record as ShouldProcess names it: "NSN 123 (name)", and the entry for a standard.</summary>
    public static string Target(RecordDiff diff)
    {
        var who = string.IsNullOrEmpty(diff.Name) ? $"NSN {diff.Nsn}" : $"NSN {diff.Nsn} ({diff.Name})";
        return diff.Kind == "Enrolment" || diff.Kind == "Learner" ? who : $"{who}, {diff.Kind.ToLowerInvariant()} {diff.Key}";
    }

    /// <summary>
    /// A diff compared for another provider (or NZQA) than this sync's connection, whose NZQA records were never read
    /// (nothing is sent for it; trial 5, D15); null when it was not.
    /// </summary>
    public static ErrorRecord FromOtherProvider(RecordDiff diff, NzqaSync.Api.NzqaConnection connection) =>
        diff.ComparedForOtherConnection(connection.ProviderNumber, connection.BaseUri) is not string message ? null : AdvisedError.Of(new InvalidOperationException(message), ErrorIds.NzqaDiffFromOtherProvider, ErrorCategory.InvalidOperation, diff,
            "Compare again on this connection (Compare-Nzqa* after Connect-Nzqa), or sync on the connection the diff was compared on (-Connection).");

    /// <summary>A record NZQA refused (or that failed to send): the id of NZQA's code, the result as the target.</summary>
    public static ErrorRecord NotSynced(SyncResult result) =>
        new ErrorRecord(new InvalidOperationException($"{result.Kind} {result.Key} ({result.Name}) was not synced: {result.ErrorSummary}"),
            ErrorIds.ForNzqaRefusal(result.Errors), ErrorCategory.InvalidResult, result);

    /// <summary>The approval file is missing or cannot be used: nothing is sent.</summary>
    private static ErrorRecord ApprovalUnusable(Exception ex, string full)
    {
        var notFound = ex is System.IO.FileNotFoundException || ex is System.IO.DirectoryNotFoundException;
        var message = notFound ? $"The approval file '{full}' does not exist; nothing was sent." : $"The approval file cannot be used, so nothing was sent: {ex.Message}";
        return new ErrorRecord(ex, notFound ? ErrorIds.NzqaApprovalFileNotFound : ErrorIds.NzqaApprovalFileInvalid,
            notFound ? ErrorCategory.ObjectNotFound : ErrorCategory.InvalidData, full)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give the file the Principal's Nominee downloaded from the review page (or wrote with New-NzqaApproval)." },
        };
    }
}
