using System;
using System.Management.Automation;
using NzqaSync.Compare;

namespace NzqaSync.Cmdlets
{
    /// <summary>The terminating errors Sync-Nzqa* stops with before anything is sent: the wrong input, an unusable approval file.</summary>
    internal static class SyncInputErrors
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
            return new ErrorRecord(new ArgumentException(message), ErrorIds.NzqaWrongInputKind, ErrorCategory.InvalidArgument, input)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = input is RecordDiff d ? $"Pipe it to Sync-Nzqa{d.Kind}." : $"Pipe Compare-Nzqa{kind}'s output to {name}.",
                },
            };
        }

        private static string Article(string word) => "AEIOUaeiou".IndexOf(word[0]) >= 0 ? "an" : "a";

        /// <summary>The approval file is missing or cannot be used: nothing is sent.</summary>
        public static ErrorRecord ApprovalUnusable(Exception ex, string full)
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
}
