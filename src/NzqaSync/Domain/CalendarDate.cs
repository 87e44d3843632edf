namespace NzqaSync.Domain;

/// <summary>
/// Date-only values (dates of birth, enrolment and leaving dates) as New Zealand calendar dates. NZQA values are
/// sent as yyyy-MM-dd with no time and no zone, so a date can never shift by a day. What is read is read exactly as
/// the DXP side reads it (<see cref="Dxp.NzDate.TryParse"/>, one list of forms, one message):
/// <list type="bullet">
/// <item>text without a zone, with or without a time of day ("23/02/2026 0:00", "2026-02-23T00:00:00"): the date written;</item>
/// <item>text or a DateTimeOffset at midnight in its own offset ("2023-04-05T00:00:00+13:00", "…T00:00:00Z"): the date
/// written, whatever offset the SMS stamped on it;</item>
/// <item>any other instant — text with a zone at another time ("2026-02-02T11:00:00Z"), a DateTimeOffset, a UTC
/// DateTime (ConvertFrom-Json's) — the New Zealand calendar date it falls on (3 February);</item>
/// <item>a local or unspecified DateTime (Get-Date, [datetime]'2026-02-03'): its date.</item>
/// </list>
/// </summary>
public static class CalendarDate
{
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
                date = Dxp.NzDate.FromWritten(dto);
                return true;
        }
        var text = value.ToString().Trim();
        if (text.Length == 0) return true;
        if (!Dxp.NzDate.TryParse(text, out var parsed)) return false;
        date = parsed;
        return true;
    }

    /// <summary>The one message for a date that cannot be read, on the NZQA and the DXP side alike.</summary>
    public static string NotADate(string field, object value) => $"{field} '{value}' is not a date. {Dxp.NzDate.AcceptedForms}";

    public static string Format(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
