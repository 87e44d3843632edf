using NzqaSync.Compare;

namespace NzqaSync.Cmdlets;

/// <summary>The status names PowerShell shows for a diff (NzqaSync.types.ps1xml CodeProperty).</summary>
public static class DiffText
{
    public static object Status(System.Management.Automation.PSObject instance) =>
        (instance?.BaseObject as RecordDiff)?.Status.ToString();

    /// <summary>Sets a diff's Status from its name or the enum (for diffs a user builds, e.g. in their own tests).</summary>
    public static void SetStatus(System.Management.Automation.PSObject instance, object value)
    {
        if (instance?.BaseObject is RecordDiff diff)
            diff.Status = value is DiffStatus s ? s : (DiffStatus)System.Enum.Parse(typeof(DiffStatus), value?.ToString() ?? "", true);
    }
}
