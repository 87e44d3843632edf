using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>A kind the journal knows (any case), else a validation error that lists the kinds there are.</summary>
public sealed class ValidateSyncKindAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        var kind = element?.ToString();
        if (!SyncKindCompleter.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
            throw new ValidationMetadataException(
                $"'{kind}' is not a kind the journal knows. Valid kinds: {string.Join(", ", SyncKindCompleter.NzqaKinds)} (NZQA); {string.Join(", ", SyncKindCompleter.DxpKinds)} (DXP).");
    }
}
