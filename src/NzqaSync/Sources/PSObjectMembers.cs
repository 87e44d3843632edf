using System.Management.Automation;

namespace NzqaSync.Sources;

/// <summary>Reads a PSCustomObject's own members without building PSObject.Properties (see InstanceMembers).</summary>
internal static class PSObjectMembers
{
    /// <summary>
    /// The note properties of a PSCustomObject (an Import-Csv row, a [pscustomobject]@{...}) read straight from the
    /// object's own member list. Going through PSObject.Properties instead builds the engine's integrating collection
    /// on the first touch of every object — measured here at ~20 µs per object, 2 s per 100,000 rows — while the
    /// member list costs ~1 µs. PSObject.InstanceMembers is internal (in Windows PowerShell 5.1 and PowerShell 7
    /// alike), so it is reached by reflection once; when it cannot be, every object goes through Properties.
    /// Type-table members (Update-TypeData on a custom PSTypeName) are not seen on this path; SMS rows have none.
    /// </summary>
    internal static readonly Func<PSObject, System.Collections.Generic.IEnumerable<PSMemberInfo>> InstanceMembers = CreateInstanceMembersReader();

    private static Func<PSObject, IEnumerable<PSMemberInfo>> CreateInstanceMembersReader()
    {
        try
        {
            var getter = typeof(PSObject).GetProperty("InstanceMembers", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetGetMethod(true);
            if (getter == null || !typeof(IEnumerable<PSMemberInfo>).IsAssignableFrom(getter.ReturnType)) return null;
            return o => getter.Invoke(o, null) as IEnumerable<PSMemberInfo>;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
