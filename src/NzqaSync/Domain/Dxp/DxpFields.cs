using System.Collections.Concurrent;
using System.Reflection;

namespace NzqaSync.Domain.Dxp;

/// <summary>Marks a record property kept locally and never sent to DXP (e.g. the names that derive nameIdCode).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotSentAttribute : Attribute
{
}

/// <summary>
/// The fields of a DXP record as DXP names them: every public settable property not marked <see cref="NotSentAttribute"/>,
/// in declaration order, named in camelCase ("StudentIdentificationCode" → "studentIdentificationCode", the seeds' names).
/// The compare reads records through this; Api/ maps the wire JSON from it.
/// </summary>
public static class DxpFields
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<(string Name, PropertyInfo Property)>> Cache =
        new ConcurrentDictionary<Type, IReadOnlyList<(string Name, PropertyInfo Property)>>();

    public static IReadOnlyList<(string Name, PropertyInfo Property)> Of(Type type) => Cache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<NotSentAttribute>() == null)
            .Select(p => (char.ToLowerInvariant(p.Name[0]) + p.Name.Substring(1), p))
            .ToArray());
}
