namespace NzqaSync.Compare;

/// <summary>
/// How a diff reads as text, for NZQA's diffs and DXP's alike: a field difference is "Result: M (NZQA A)" ("(none)" for
/// an empty side); a diff's one-line summary is its problems, else its field differences, joined with "; ".
/// </summary>
internal static class DifferenceText
{
    public static string Field(string field, string local, string service, string serviceValue) =>
        $"{field}: {Show(local)} ({service} {Show(serviceValue)})";

    public static string Summary<TDifference>(IEnumerable<string> problems, IReadOnlyCollection<TDifference> differences)
    {
        var messages = problems.ToList();
        if (messages.Count > 0) return string.Join("; ", messages);
        return differences.Count > 0 ? string.Join("; ", differences.Select(d => d.ToString())) : "";
    }

    private static string Show(string value) => string.IsNullOrEmpty(value) ? "(none)" : value;
}
