namespace NzqaSync.Journal;

/// <summary>
/// A cheap answer to "could retention remove anything?", asked after every sync run before the journal is parsed
/// whole. Every line the journal writes starts <c>{"t":"…","ts":"…"</c>; reading just that timestamp from each
/// line costs a scan of the text, where <see cref="JournalRetention.Plan"/> parses every line as JSON (a 10,000-record
/// push writes 20,000 lines: about half a second of the run's tail, measured).
/// </summary>
public static class JournalAge
{
    private const string Prefix = "{\"t\":\"";
    private const string TimestampProperty = "\",\"ts\":\"";

    /// <summary>
    /// False only when every complete line of every journal file has a timestamp at or after <paramref name="before"/>,
    /// so <see cref="JournalRetention.Plan"/> would find nothing to remove (its entries and runs all take their times
    /// from those timestamps). A line of any other shape, or a timestamp that does not parse, answers true: the full
    /// plan then decides, as it always did.
    /// </summary>
    public static bool MayHoldOlderThan(string folder, DateTimeOffset before)
    {
        if (!Directory.Exists(folder)) return false;
        foreach (var file in Directory.GetFiles(folder, "journal-*.jsonl"))
        {
            var text = JournalFolder.ReadShared(file);
            var start = 0;
            while (start < text.Length)
            {
                var end = text.IndexOf('\n', start);
                if (end < 0) break; // a torn last line: the reader skips it too
                if (end > start && !AtOrAfter(text, start, end, before)) return true;
                start = end + 1;
            }
        }
        return false;
    }

    private static bool AtOrAfter(string text, int start, int end, DateTimeOffset before)
    {
        if (string.CompareOrdinal(text, start, Prefix, 0, Prefix.Length) != 0) return false;
        var typeEnd = text.IndexOf('"', start + Prefix.Length, end - start - Prefix.Length);
        if (typeEnd < 0 || end - typeEnd < TimestampProperty.Length || string.CompareOrdinal(text, typeEnd, TimestampProperty, 0, TimestampProperty.Length) != 0) return false;
        var valueStart = typeEnd + TimestampProperty.Length;
        var valueEnd = text.IndexOf('"', valueStart, end - valueStart);
        if (valueEnd < 0) return false;
        // The same parse as the journal reader's (a timestamp it cannot parse counts as the oldest possible).
        return DateTimeOffset.TryParse(text.Substring(valueStart, valueEnd - valueStart), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ts)
               && ts >= before;
    }
}
