namespace NzqaSync.Domain;

/// <summary>
/// Result codes and which standards they are valid for. NZQA: "achievement standards N (Not Achieved), A, M, E;
/// unit standards N or A (a few allow M/E); 'SNA' (standard not assessed) exists."
/// </summary>
public static class ResultCode
{
    public const string StandardNotAssessed = "SNA";

    public static string Normalise(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    public static bool IsKnown(string code) => code == "N" || code == "A" || code == "M" || code == "E" || code == StandardNotAssessed;

    /// <summary>The codes valid for <paramref name="standard"/>.</summary>
    public static IReadOnlyList<string> ValidFor(StandardDefinition standard)
    {
        if (standard == null) return new[] { "N", "A", "M", "E", StandardNotAssessed };
        switch ((standard.Type ?? "").ToUpperInvariant())
        {
            case "U":
                return standard.AllowsMerit ? new[] { "N", "A", "M", "E", StandardNotAssessed } : new[] { "N", "A", StandardNotAssessed };
            default:
                return new[] { "N", "A", "M", "E", StandardNotAssessed };
        }
    }

    public static bool IsValidFor(string code, StandardDefinition standard) => ValidFor(standard).Contains(code);
}
