namespace NzqaSync.Domain;

/// <summary>Leaving reason codes the NZQA API accepts (our assumption; see docs/api-contract.md).</summary>
public static class LeavingReason
{
    public static readonly IReadOnlyList<string> Codes = new[] { "TRANSFER", "EMPLOYMENT", "TERTIARY", "OVERSEAS", "EXCLUDED", "OTHER" };

    public static string Normalise(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var upper = value.Trim().ToUpperInvariant();
        foreach (var code in Codes)
            if (string.Equals(code, upper, StringComparison.Ordinal)) return code;
        return null;
    }
}
