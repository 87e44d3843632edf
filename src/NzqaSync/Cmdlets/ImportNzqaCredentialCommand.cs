using System.Management.Automation;
using NzqaSync.Secrets;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Reads a machine credential saved with Get-Credential | Export-Clixml, refusing (off Windows) a file anyone but
/// its owner can read, because off Windows the password in it is not encrypted.
/// </summary>
[Cmdlet(VerbsData.Import, "NzqaCredential")]
[OutputType(typeof(PSCredential))]
public sealed class ImportNzqaCredentialCommand : NzqaCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; }

    protected override void EndProcessing()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (FolderNotFile.Check(full, Path, "-Path", "the credential file made with Get-Credential | Export-Clixml") is ErrorRecord folder) ThrowTerminatingError(folder);
        string refusal;
        try
        {
            refusal = CredentialFile.Refusal(full);
        }
        catch (FileNotFoundException ex)
        {
            Stop(ex, ErrorIds.NzqaCredentialFileNotFound, ErrorCategory.ObjectNotFound, full, ex.Message,
                "Give the path of the file made with Get-Credential | Export-Clixml, or use -Credential or a SecretManagement vault.");
            return;
        }
        if (refusal != null)
        {
            Stop(new System.Security.SecurityException(refusal), ErrorIds.NzqaCredentialFileExposed, ErrorCategory.SecurityError, full, refusal,
                CredentialFile.SaferRoutes + $" For this file: chmod 600 '{full}'.");
            return;
        }

        object read;
        try
        {
            read = PSSerializer.Deserialize(File.ReadAllText(full));
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            Stop(new InvalidDataException($"The credential file '{full}' could not be read as an Export-Clixml credential: {ex.GetType().Name}.", ex),
                ErrorIds.NzqaCredentialFileUnreadable, ErrorCategory.InvalidData, full, null,
                "Make it again with Get-Credential | Export-Clixml -Path <file>, as the user the scheduled task runs as.");
            return;
        }
        var credential = (read is PSObject pso ? pso.BaseObject : read) as PSCredential;
        if (credential == null)
        {
            Stop(new InvalidDataException($"The file '{full}' holds a {(read is PSObject p ? p.BaseObject : read)?.GetType().Name ?? "nothing"}, not a credential."),
                ErrorIds.NzqaCredentialFileUnreadable, ErrorCategory.InvalidData, full, null,
                "Make it with Get-Credential | Export-Clixml -Path <file>.");
            return;
        }
        WriteVerbose($"Read the credential for {credential.UserName} from {full}" + (CredentialFile.IsWindows ? " (DPAPI-encrypted for this user)." : " (owner-only; not encrypted off Windows)."));
        WriteObject(credential);
    }

    private void Stop(Exception ex, string id, ErrorCategory category, string target, string message, string action)
    {
        var record = new ErrorRecord(ex, id, category, target) { ErrorDetails = new ErrorDetails(message ?? ex.Message) { RecommendedAction = action } };
        ThrowTerminatingError(record);
    }
}
