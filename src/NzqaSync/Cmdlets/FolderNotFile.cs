using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>
/// NzqaPathIsFolder: a folder given where a file is read or written (-Path of Import-NzqaRecord, Import-NzqaCredential,
/// Export-NzqaReport, New-NzqaApproval; -ApprovalPath of Sync-*). One clear error instead of "No file at",
/// "Access denied" or an errno.
/// </summary>
internal static class FolderNotFile
{
    /// <summary>Null unless <paramref name="full"/> is an existing folder; else the error naming it.</summary>
    /// <param name="what">What the file is, for the message: "an SMS export file", "an approval file".</param>
    public static ErrorRecord Check(string full, string given, string parameter, string what)
    {
        if (string.IsNullOrEmpty(full) || !Directory.Exists(full)) return null;
        var message = $"'{full}' is a folder; give a file path ({parameter}: {what}).";
        return AdvisedError.Of(new IOException(message), ErrorIds.NzqaPathIsFolder, ErrorCategory.InvalidArgument, given,
            $"Give the path of {what}, including the file name, e.g. '{Path.Combine(full, Example(what))}'.");
    }

    private static string Example(string what) =>
        what.Contains("approval") ? "approval.json" : what.Contains("credential") ? "machine.xml" : what.Contains("report") ? "review.html" : "learners.csv";
}
