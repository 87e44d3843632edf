using System.Management.Automation;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets;

/// <summary>Files a cmdlet writes for the user (approval files, reports): the user's own, never through a link.</summary>
internal static class OwnerOnlyOutput
{
    /// <summary>
    /// Writes <paramref name="bytes"/> as a file of the user's own (0600 on Unix, <see cref="OwnerOnlyFiles"/>); null when
    /// written, else the error to stop with (<paramref name="unsafeId"/> for an unsafe path, <paramref name="unwritableId"/> for a failed write).
    /// </summary>
    public static ErrorRecord Write(string full, byte[] bytes, bool replace, string what, string unsafeId, string unwritableId, string unsafeAction)
    {
        try
        {
            using (var stream = OwnerOnlyFiles.Create(full, replace, what))
                stream.Write(bytes, 0, bytes.Length);
            return null;
        }
        catch (UnsafePathException ex)
        {
            return unsafeAction == null
                ? new ErrorRecord(ex, unsafeId, ErrorCategory.SecurityError, full)
                : AdvisedError.Of(ex, unsafeId, ErrorCategory.SecurityError, full, unsafeAction);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            return new ErrorRecord(ex, unwritableId, ErrorCategory.WriteError, full);
        }
    }
}
