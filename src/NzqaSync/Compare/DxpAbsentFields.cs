using System.Reflection;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Compare;

/// <summary>
/// A column the export lacks is never sent as a blank. DXP replaces a record whole by its localId, so a local record
/// sent without a field would clear DXP's value: for a record DXP holds, each field the local input had no column for
/// takes DXP's value before the compare (so it is not a difference and the upload keeps it). A new record is sent
/// without it (there is nothing to keep). Fields normalising derives (localId, eftsByMonth, nameIdCode) are the
/// school's own and are never taken from DXP.
/// </summary>
public static class DxpAbsentFields
{
    /// <summary>Fields normalising derives when they are missing: never absent in the sense above.</summary>
    public static readonly IReadOnlyCollection<string> Derived = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localId", "eftsByMonth", "nameIdCode" };

    /// <summary>Fills each item's absent fields from the record DXP holds under its localId; the names of the fields filled.</summary>
    public static IReadOnlyList<string> KeepHeld(IReadOnlyList<DxpLocalItem> items, IEnumerable<IDxpRecord> held)
    {
        var filled = new SortedSet<string>(StringComparer.Ordinal);
        if (items.All(i => i.Absent.Count == 0)) return filled.ToList();
        var byId = new Dictionary<string, IDxpRecord>(StringComparer.Ordinal);
        foreach (var h in held)
            if (h?.LocalId != null) byId[h.LocalId] = h;
        foreach (var item in items)
        {
            if (item.Absent.Count == 0 || item.Record?.LocalId == null || !byId.TryGetValue(item.Record.LocalId, out var dxp) || dxp.GetType() != item.Record.GetType()) continue;
            foreach (var name in item.Absent)
            {
                var property = PropertyOf(item.Record.GetType(), name);
                if (property == null) continue;
                property.SetValue(item.Record, property.GetValue(dxp));
                filled.Add(name);
            }
        }
        return filled.ToList();
    }

    /// <summary>The record's property for a field's JSON name (the same name, first letter's case aside).</summary>
    public static PropertyInfo PropertyOf(Type recordType, string field) =>
        recordType.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is PropertyInfo p && p.CanWrite && p.CanRead ? p : null;
}
