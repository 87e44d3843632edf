namespace NzqaSync.Domain.Dxp;

/// <summary>
/// New Zealand IRD numbers. Seed: "IRD numbers are either eight or nine digits with dashes e.g., 123-456-789.
/// Please enter leading zero in the first box if your IRD number is only 8 digits." and "We are using Inland
/// Revenue's checksum code to validate the IRD number."
/// </summary>
public static class IrdNumber
{
    private static readonly int[] PrimaryWeights = { 3, 2, 7, 6, 5, 4, 3, 2 };
    private static readonly int[] SecondaryWeights = { 7, 4, 3, 2, 5, 2, 7, 6 };

    /// <summary>True when <paramref name="value"/> is 8 or 9 digits (dashes and spaces allowed) and passes Inland Revenue's check.</summary>
    public static bool IsValid(string value) => Check(value) == null;

    /// <summary>
    /// Why <paramref name="value"/> is not a valid IRD number, or null when it is. Inland Revenue's algorithm:
    /// strip dashes; the number must lie between 10,000,000 and 150,000,000; the base is every digit but the
    /// last, left-padded with zero to 8 digits; weigh by 3,2,7,6,5,4,3,2, sum, remainder = sum mod 11;
    /// check = 0 when the remainder is 0, else 11 − remainder; if that is 10, repeat with 7,4,3,2,5,2,7,6; if it is
    /// 10 again the number is invalid; otherwise it must equal the last digit.
    /// </summary>
    public static string Check(string value)
    {
        var digits = Digits(value);
        if (digits == null) return "an IRD number holds only digits and dashes";
        if (digits.Length == 0) return "an IRD number holds eight or nine digits";
        var number = digits.Length > 18 ? long.MaxValue : long.Parse(digits);
        if (number < 10_000_000 || number > 150_000_000) return "an IRD number lies between 10,000,000 and 150,000,000";
        if (digits.Length > 9) return "IRD numbers are either eight or nine digits";
        var body = digits.Substring(0, digits.Length - 1).PadLeft(8, '0');
        var last = digits[digits.Length - 1] - '0';
        var check = CheckDigit(body, PrimaryWeights);
        if (check == 10) check = CheckDigit(body, SecondaryWeights);
        if (check == 10) return "the IRD number fails Inland Revenue's check digit";
        return check == last ? null : "the IRD number fails Inland Revenue's check digit";
    }

    /// <summary>The form sent to DXP: nine digits with dashes, a leading zero for 8-digit numbers ("049-091-850"). Throws when invalid.</summary>
    public static string Normalise(string value)
    {
        var problem = Check(value);
        if (problem != null) throw new FormatException($"'{value}' is not a valid IRD number: {problem}.");
        var nine = Digits(value).PadLeft(9, '0');
        return nine.Substring(0, 3) + "-" + nine.Substring(3, 3) + "-" + nine.Substring(6, 3);
    }

    private static int CheckDigit(string body, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (body[i] - '0') * weights[i];
        var remainder = sum % 11;
        return remainder == 0 ? 0 : 11 - remainder;
    }

    private static string Digits(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var sb = new StringBuilder(9);
        foreach (var c in value.Trim())
        {
            if (c >= '0' && c <= '9') sb.Append(c);
            else if (c != '-' && c != ' ') return null;
        }
        return sb.ToString();
    }
}
