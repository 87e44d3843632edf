namespace NzqaSync.Domain.Dxp;

/// <summary>
/// New Zealand calendar dates on the DXP wire. DXP "will accept any timezone … store and return in UTC"; nothing
/// published says TEC converts a stored value back to New Zealand time before it reads its date. So a date-only
/// value is sent as UTC midnight of the calendar date (<c>2026-02-23T00:00:00Z</c>): its date is the same in UTC
/// and in New Zealand (13:00 or 12:00 the same day), whichever TEC uses (shared/docs/api-facts.md, "Dates and New
/// Zealand time"). Read-backs: a value at UTC midnight is that UTC date; any other instant (e.g. one sent as New
/// Zealand midnight by another client, <c>2026-02-22T11:00:00Z</c>) is turned into its New Zealand calendar date.
/// A date never shifts by a day.
/// </summary>
public static class NzDate
{
    private static readonly Lazy<TimeZoneInfo> ZoneLazy = new Lazy<TimeZoneInfo>(FindZone);

    /// <summary>Pacific/Auckland ("New Zealand Standard Time" on Windows .NET Framework).</summary>
    public static TimeZoneInfo Zone => ZoneLazy.Value;

    /// <summary>UTC midnight of <paramref name="nzDate"/>'s calendar date: the instant sent to DXP.</summary>
    public static DateTimeOffset ToOffset(DateTime nzDate) =>
        new DateTimeOffset(DateTime.SpecifyKind(nzDate.Date, DateTimeKind.Unspecified), TimeSpan.Zero);

    /// <summary>The full ISO-8601 value sent to DXP, e.g. <c>2026-02-23T00:00:00Z</c>.</summary>
    public static string ToIso(DateTime nzDate) =>
        nzDate.Date.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The calendar date of an instant (e.g. DXP's UTC read-back): at UTC midnight, its UTC date (how date-only
    /// values are sent); otherwise its New Zealand calendar date.
    /// </summary>
    public static DateTime FromInstant(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        if (utc.TimeOfDay == TimeSpan.Zero) return DateTime.SpecifyKind(utc.Date, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone).Date, DateTimeKind.Unspecified);
    }

    /// <summary>
    /// The calendar date of a <see cref="DateTime"/>: a UTC-kind value is an instant (as <see cref="FromInstant"/>);
    /// a local-kind value (Get-Date, [datetime]'2026-02-01') is the calendar date the user typed or sees; an
    /// unspecified-kind value is taken to be a New Zealand calendar date already.
    /// </summary>
    public static DateTime FromDateTime(DateTime value)
    {
        switch (value.Kind)
        {
            case DateTimeKind.Utc: return FromInstant(new DateTimeOffset(value));
            default: return DateTime.SpecifyKind(value.Date, DateTimeKind.Unspecified);
        }
    }

    /// <summary>
    /// Parses an ISO-8601 value from DXP or a user: with a zone or offset ("Z", "+13:00") it is an instant (see
    /// <see cref="FromInstant"/>); without one ("2026-02-23", "2026-02-23T00:00:00") it is a New Zealand date.
    /// Also accepts the seed's "DD/MM/YYYY", day first, with or without a time part as Excel writes it
    /// ("01/02/2026 00:00:00" is 1 February).
    /// </summary>
    public static DateTime Parse(string text)
    {
        if (TryParse(text, out var date)) return date;
        throw new FormatException($"'{text}' is not an ISO-8601 date or DD/MM/YYYY.");
    }

    private static readonly string[] DayFirst =
    {
        "dd/MM/yyyy", "d/M/yyyy", "d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy h:mm tt", "d/M/yyyy h:mm:ss tt",
        "d/M/yyyy H:mm:ss.fff",
    };

    public static bool TryParse(string text, out DateTime nzDate)
    {
        nzDate = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        if (DateTime.TryParseExact(text, DayFirst, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var dmy))
        {
            nzDate = DateTime.SpecifyKind(dmy.Date, DateTimeKind.Unspecified);
            return true;
        }
        var hasZone = text.EndsWith("Z", StringComparison.OrdinalIgnoreCase) ||
                      (text.Length > 10 && (text.LastIndexOf('+') > 10 || text.LastIndexOf('-') > 10));
        if (hasZone)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) return false;
            nzDate = FromInstant(instant);
            return true;
        }
        // Anything else with a slash would be read month-first by the invariant culture: not a date here.
        if (text.IndexOf('/') >= 0) return false;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var plain)) return false;
        nzDate = DateTime.SpecifyKind(plain.Date, DateTimeKind.Unspecified);
        return true;
    }

    private static TimeZoneInfo FindZone()
    {
        foreach (var id in new[] { "Pacific/Auckland", "New Zealand Standard Time" })
        {
            try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
            catch (TimeZoneNotFoundException) { }
            catch (InvalidTimeZoneException) { }
        }
        return CurrentRules();
    }

    /// <summary>
    /// Last resort when the host has no time-zone data: New Zealand's rules since 2007 (UTC+12; daylight saving
    /// +1 hour from 02:00 on the last Sunday of September to 03:00 on the first Sunday of April).
    /// </summary>
    private static TimeZoneInfo CurrentRules()
    {
        var start = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 9, 5, DayOfWeek.Sunday);
        var end = TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 4, 1, DayOfWeek.Sunday);
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(new DateTime(2007, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1), start, end);
        return TimeZoneInfo.CreateCustomTimeZone("Pacific/Auckland", TimeSpan.FromHours(12), "New Zealand", "NZST", "NZDT", new[] { rule });
    }
}
