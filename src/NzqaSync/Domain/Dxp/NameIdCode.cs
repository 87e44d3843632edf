namespace NzqaSync.Domain.Dxp;

/// <summary>
/// The learner's nameIdCode, from TEC's learner page: "The first four characters of a learner's surname plus initial of
/// first legal name. If the learner does not have a first name, use the first five characters for the surname." The
/// work-based learner page (same TEC definition) adds: "Characters must be capitalised. If the surname is less than 4
/// characters, then blanks must be inserted before forename initial" (so "Lee", "Anna" → "LEE A"). Not stated anywhere
/// seen: macrons, hyphens, apostrophes and spaces inside a surname; they are kept as given (upper-cased), nothing is
/// stripped. A surname shorter than five with no first name is not padded (not stated).
/// </summary>
public static class NameIdCode
{
    /// <summary>The code, or null when there is no surname to build it from.</summary>
    public static string From(string familyName, string firstName)
    {
        var surname = (familyName ?? "").Trim().ToUpper(CultureInfo.InvariantCulture);
        if (surname.Length == 0) return null;
        var first = (firstName ?? "").Trim();
        if (first.Length == 0) return surname.Length > 5 ? surname.Substring(0, 5) : surname;
        var four = surname.Length >= 4 ? surname.Substring(0, 4) : surname.PadRight(4, ' ');
        return four + char.ToUpper(first[0], CultureInfo.InvariantCulture);
    }
}
