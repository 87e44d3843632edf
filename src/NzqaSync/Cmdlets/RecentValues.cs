using System.Collections.Concurrent;
using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>Values the session has seen, offered back by tab completion (e.g. standard numbers of the last compare).</summary>
internal static class RecentValues
{
    private static readonly ConcurrentDictionary<string, byte> Standards = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

    public static void RememberStandards(IEnumerable<string> numbers)
    {
        foreach (var n in numbers)
            if (!string.IsNullOrWhiteSpace(n) && Standards.Count < 5000) Standards[n.Trim()] = 0;
    }

    public static IEnumerable<string> StandardNumbers => Standards.Keys.OrderBy(n => n, StringComparer.Ordinal);
}
