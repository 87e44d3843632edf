namespace NzqaSync.Domain.Dxp;

/// <summary>
/// The code lists the seeds give, and the ONE form each is sent in. Codes with two spellings ("0"/"00",
/// "3"/"03", "1"/"01") are accepted either way:
/// <list type="bullet">
/// <item>category of fees: two digits, zero-padded ("00", "03", "12") — the seed's own form ("00 (zero zero)", "is 03").</item>
/// <item>source of funding: no leading zero ("1", "37") — as the seed's lists write them.</item>
/// <item>course delivery site: a single digit is zero-padded ("1" → "01"), as the seed writes "01", "02 - 96", "98"; letters stay as given (upper case).</item>
/// <item>residential status: upper case "Y"/"N".</item>
/// </list>
/// </summary>
public static class DxpCodes
{
    /// <summary>Category of Fees Assessment for International Students for each enrolment (seed list), two-digit form.</summary>
    public static readonly IReadOnlyDictionary<string, string> CategoryOfFees = new Dictionary<string, string>
    {
        ["00"] = "Domestic Student",
        ["01"] = "NZAID student",
        ["03"] = "International Fee-Paying Student (including people on current work visa)",
        ["04"] = "Student on a recognised exchange scheme",
        ["06"] = "Foreign research based post-graduate",
        ["08"] = "Diplomatic staff or family, persons associated with Antarctic programme",
        ["09"] = "International On-Shore PhD student",
        ["12"] = "International student doing ITO off-job training",
        ["13"] = "Refugee or protected person, yet to be granted a resident visa",
        ["14"] = "2021 Resident Visa pathway",
    };

    /// <summary>Source of Funding — "current funds" (seed list).</summary>
    public static readonly IReadOnlyCollection<string> SourceOfFundingCurrent = new HashSet<string>
    {
        "1", "2", "3", "5", "9", "10", "12", "13", "20", "22", "23", "24", "26", "28", "29", "31", "37",
    };

    /// <summary>Source of Funding — "historic funds" (seed list).</summary>
    public static readonly IReadOnlyCollection<string> SourceOfFundingHistoric = new HashSet<string>
    {
        "4", "6", "7", "8", "11", "14", "15", "16", "25", "27", "30", "32", "33", "35", "36",
    };

    /// <summary>"This field is mandatory for funding source 28 or 29" (consortium).</summary>
    public static readonly IReadOnlyCollection<string> SourcesNeedingConsortium = new HashSet<string> { "28", "29" };

    /// <summary>NZSCED fields that are ITE enrolments (seed list under iteSector), without the leading zero.</summary>
    public static readonly IReadOnlyCollection<string> IteNzscedFields = new HashSet<string>
    {
        "70101", "70103", "70105", "70108", "70118", "70120", "70122", "70124", "70126",
    };

    /// <summary>"0", "00" or " 3" → "00"/"03"; anything not a one- or two-digit number is returned trimmed, unchanged.</summary>
    public static string NormaliseCategoryOfFees(string code)
    {
        var t = code?.Trim();
        return IsDigits(t, 1, 2) ? int.Parse(t).ToString("00") : t;
    }

    /// <summary>"01" → "1", "37" → "37"; anything not a one- or two-digit number is returned trimmed, unchanged.</summary>
    public static string NormaliseSourceOfFunding(string code)
    {
        var t = code?.Trim();
        return IsDigits(t, 1, 2) ? int.Parse(t).ToString() : t;
    }

    /// <summary>"1" → "01", "a1" → "A1".</summary>
    public static string NormaliseDeliverySite(string code)
    {
        var t = code?.Trim();
        if (string.IsNullOrEmpty(t)) return t;
        return IsDigits(t, 1, 1) ? "0" + t : t.ToUpperInvariant();
    }

    public static string NormaliseResidentialStatus(string code) => code?.Trim().ToUpperInvariant();

    public static bool IsCategoryOfFees(string code) => code != null && CategoryOfFees.ContainsKey(NormaliseCategoryOfFees(code));

    public static bool IsCurrentSourceOfFunding(string code) => code != null && SourceOfFundingCurrent.Contains(NormaliseSourceOfFunding(code));

    public static bool IsHistoricSourceOfFunding(string code) => code != null && SourceOfFundingHistoric.Contains(NormaliseSourceOfFunding(code));

    /// <summary>True for the seed's ITE NZSCED fields, written with or without the leading zero ("70105" or "070105").</summary>
    public static bool IsIteNzsced(string field)
    {
        var t = field?.Trim();
        return !string.IsNullOrEmpty(t) && IteNzscedFields.Contains(t.TrimStart('0'));
    }

    /// <summary>Letters and digits only (ASCII), as "Type: Alpha-Numeric".</summary>
    public static bool IsAlphanumeric(string s) =>
        !string.IsNullOrEmpty(s) && s.All(c => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));

    /// <summary>Non-formal education qualification codes: G9999, or the model GFFSSX (G then five digits, e.g. G48017).</summary>
    public static bool IsNonFormalQualification(string code) =>
        code != null && (code == "G9999" || (code.Length == 6 && code[0] == 'G' && IsDigits(code.Substring(1), 5, 5)));

    internal static bool IsDigits(string s, int min, int max) =>
        s != null && s.Length >= min && s.Length <= max && s.All(c => c >= '0' && c <= '9');
}
