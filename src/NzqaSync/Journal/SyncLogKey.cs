namespace NzqaSync.Journal;

/// <summary>
/// What Get-NzqaSyncLog -Key matches in an entry's key: the whole key, or a leading part of a compound key up to a
/// "/" ("100000029" and "100000029/91261" both match "100000029/91261/2026"), never an arbitrary substring.
/// </summary>
public static class SyncLogKey
{
    /// <summary>The key and each of its leading whole-segment prefixes, longest first.</summary>
    public static IEnumerable<string> Parts(string key)
    {
        if (key == null) yield break;
        yield return key;
        for (var i = key.LastIndexOf('/'); i > 0; i = key.LastIndexOf('/', i - 1))
            yield return key.Substring(0, i);
    }

    /// <summary>True when <paramref name="matches"/> (a -Key value or wildcard) holds for the key or one of its leading parts.</summary>
    public static bool Matches(string key, Func<string, bool> matches)
    {
        foreach (var part in Parts(key))
            if (matches(part)) return true;
        return false;
    }
}
