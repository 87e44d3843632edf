using System.Text.RegularExpressions;

namespace NzqaSync.Domain;

/// <summary>Gender and ethnicity codes as NZQA's learner data carries them (GenderCode; EthnicityCode 1–3).</summary>
public static class LearnerCodes
{
    private static readonly Regex EthnicityShape = new Regex("^[0-9]{3}$", RegexOptions.CultureInvariant);

    /// <summary>
    /// M, F, D or U (docs/api-contract.md, NZQA's GenderCode); common spellings (Male, Female, Diverse, Another
    /// gender — the DXP seed's words for D —, Unknown) are accepted. Null when unreadable. "X" is not read as D: on
    /// New Zealand documents it stands for "indeterminate/unspecified", which could as well be U, so it is refused
    /// (<see cref="XHint"/>) rather than guessed.
    /// </summary>
    public static string NormaliseGender(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        switch (value.Trim().ToUpperInvariant())
        {
            case "M": case "MALE": return "M";
            case "F": case "FEMALE": return "F";
            case "D": case "DIVERSE": case "ANOTHER GENDER": return "D";
            case "U": case "UNKNOWN": return "U";
            default: return null;
        }
    }

    /// <summary>Why "X" is refused, for the problem's message.</summary>
    public const string XHint = "X (indeterminate/unspecified on a passport) is not guessed: record D (another gender) or U (unknown) in the SMS.";

    public static bool IsEthnicityCode(string code) => code != null && EthnicityShape.IsMatch(code);

    /// <summary>Trims, drops blanks and keeps the order given.</summary>
    public static string[] NormaliseEthnicities(string[] codes) =>
        codes == null ? Array.Empty<string>() : codes.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).ToArray();
}
