namespace NzqaSync.Domain;

/// <summary>
/// Date-only values (dates of birth, enrolment and leaving dates) as New Zealand calendar dates. NZQA values are
/// sent as yyyy-MM-dd with no time and no zone, so a date can never shift by a day.
/// </summary>
public static class CalendarDate
{
    private static readonly string[] Formats =
    {
        "yyyy-MM-dd", "yyyy-M-d", "d/M/yyyy", "dd/MM/yyyy", "yyyy/MM/dd", "yyyyMMdd", "d-M-yyyy", "dd-MM-yyyy",
        "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss", "d/M/yyyy H:mm:ss", "d/M/yyyy h:mm:ss tt",
    };

    /// <summary>Reads a date from text or a date object; false when it is not a real date (e.g. 30 February).</summary>
    public static bool TryRead(object value, out DateTime? date)
    {
        date = null;
        switch (value)
        {
            case null:
                return true;
            case DateTime dt:
                date = dt.Date;
                return true;
            case DateTimeOffset dto:
                date = dto.Date;
                return true;
        }
        var text = value.ToString().Trim();
        if (text.Length == 0) return true;
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed.Date;
            return true;
        }
        return false;
    }

    public static string Format(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
