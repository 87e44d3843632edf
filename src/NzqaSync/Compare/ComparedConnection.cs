namespace NzqaSync.Compare;

/// <summary>
/// A diff remembers the organisation and service it was compared against: sent on a connection to another one, it
/// would write one school's (or provider's) data into another's records without their side ever being read (trial 5, D15).
/// </summary>
public static class ComparedConnection
{
    /// <summary>Null when a sync on a connection to <paramref name="org"/> at <paramref name="baseUri"/> may send the diff; else why not.</summary>
    public static string Mismatch(string what, string service, string orgNoun, int? comparedOrg, string comparedUri, int org, Uri baseUri, string connectCommand)
    {
        var here = baseUri?.ToString().TrimEnd('/');
        var there = comparedUri?.TrimEnd('/');
        var otherOrg = comparedOrg is int o && o != org;
        var otherUri = there != null && here != null && !string.Equals(there, here, StringComparison.OrdinalIgnoreCase);
        if (!otherOrg && !otherUri) return null;
        var was = otherOrg ? $"{orgNoun} {comparedOrg}" : $"{service} at {there}";
        var now = otherOrg ? $"{orgNoun} {org}" : $"{service} at {here}";
        return $"{what} was compared for {was}, but this sync is connected to {now}: nothing was sent for it. " +
               $"Compare again on this connection, or {connectCommand} to {was} (or use -Connection) to send it.";
    }
}
