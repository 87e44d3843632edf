namespace NzqaSync.Domain;

/// <summary>
/// Date-only values (dates of birth, enrolment and leaving dates) as New Zealand calendar dates. NZQA values are
/// sent as yyyy-MM-dd with no time and no zone, so a date can never shift by a day. What is read is read as the DXP
/// side reads it (<see cref="Dxp.NzDate"/>): an instant — text with a zone or offset ("2026-02-03T00:00:00+13:00",
/// "2026-02-02T11:00:00Z"), a DateTimeOffset, a UTC DateTime (ConvertFrom-Json's) — is the New Zealand calendar date
/// it falls on (UTC midnight is its own date); a value without a zone is the date written.
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
                date = Dxp.NzDate.FromDateTime(dt);
                return true;
            case DateTimeOffset dto:
                date = Dxp.NzDate.FromInstant(dto);
                return true;
        }
        var text = value.ToString().Trim();
        if (text.Length == 0) return true;
        if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed.Date;
            return true;
        }
        if (text.Length > 10 && text[10] == 'T' && Dxp.NzDate.TryParse(text, out var instantDate))
        {
            date = instantDate;
            return true;
        }
        return false;
    }

    public static string Format(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
