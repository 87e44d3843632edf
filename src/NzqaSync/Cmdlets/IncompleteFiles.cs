using System.Management.Automation;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>
/// A compare whose records came from a file that lost rows (a quote never closed swallows the rest of the file; a row
/// of the wrong shape): a record the service holds that no row read shows may be one of the rows lost. It is not
/// marked NzqaOnly/DxpOnly — a DXP sync would delete it — and one warning says how many and why.
/// </summary>
internal static class IncompleteFiles
{
    public static IEnumerable<T> Trusted<T>(Cmdlet cmdlet, IEnumerable<ImportedFile> files, IEnumerable<T> diffs, Func<T, bool> serviceOnly, string status)
    {
        var lost = files.Where(f => f.UnreadRows > 0).ToList();
        var left = 0;
        foreach (var diff in diffs)
        {
            if (lost.Count > 0 && serviceOnly(diff)) left++;
            else yield return diff;
        }
        if (left == 0) yield break;
        var where = string.Join(", ", lost.Select(f => $"{f.Name} (from line {f.FirstUnreadLine})"));
        cmdlet.WriteWarning($"{left} records the service holds are in none of the rows read, but rows of {where} could not be read: none is marked {status}, " +
                            "so a sync withdraws or deletes nothing. Correct the file (see the errors above) and compare again.");
    }
}
