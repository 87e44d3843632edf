using System.Text.RegularExpressions;

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
    /// Parses a date as a school or DXP writes it (the forms in <see cref="AcceptedForms"/>, the same on the NZQA
    /// and the DXP side). A value without a zone is the calendar date written, whatever its time of day
    /// ("23/02/2026 0:00", "2026-02-23T00:00:00"). A value with a zone or offset ("Z", "+13:00") is an instant:
    /// written at midnight in its own offset it is the date written ("2023-04-05T00:00:00+13:00" is 5 April even
    /// though New Zealand was +12:00 that day, and "2026-02-23T00:00:00Z" is 23 February); at any other time it is
    /// the New Zealand calendar date it falls on (<see cref="FromInstant"/>: "2026-02-22T11:00:00Z" is 23 February).
    /// Day-first only: "02/13/2026" is refused, never read month-first.
    /// </summary>
    public static DateTime Parse(string text)
    {
        if (TryParse(text, out var date)) return date;
        throw new FormatException($"'{text}' is not a date. {AcceptedForms}");
    }

    /// <summary>The forms <see cref="TryParse"/> reads, for messages (one text for the NZQA and the DXP side).</summary>
    public const string AcceptedForms =
        "Write yyyy-MM-dd (2026-02-23) or d/MM/yyyy (23/02/2026); also accepted: d-MM-yyyy, yyyy/MM/dd, yyyyMMdd, each with or " +
        "without a time (23/02/2026 0:00, 2026-02-23 00:00:00), and ISO-8601 with a zone (2026-02-23T00:00:00+13:00, 2026-02-22T11:00:00Z).";

    private static readonly Regex Shape = new Regex(
        @"^(?:(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})|(?<y>[0-9]{4})/(?<m>[0-9]{1,2})/(?<d>[0-9]{1,2})|(?<y>[0-9]{4})(?<m>[0-9]{2})(?<d>[0-9]{2})" +
        @"|(?<d>[0-9]{1,2})/(?<m>[0-9]{1,2})/(?<y>[0-9]{4})|(?<d>[0-9]{1,2})-(?<m>[0-9]{1,2})-(?<y>[0-9]{4}))" +
        @"(?:(?:T|\s+)(?<h>[0-9]{1,2}):(?<min>[0-9]{2})(?::(?<s>[0-9]{2})(?:\.(?<f>[0-9]{1,7}))?)?(?:\s*(?<ampm>[AaPp][Mm]))?" +
        @"(?:\s*(?<zone>[Zz]|(?<sign>[+-])(?<zh>[0-9]{2}):?(?<zm>[0-9]{2})))?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    public static bool TryParse(string text, out DateTime nzDate)
    {
        nzDate = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Shape.Match(text.Trim());
        if (!m.Success) return false;
        int Num(string group) => int.Parse(m.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        int year = Num("y"), month = Num("m"), day = Num("d");
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        if (!m.Groups["h"].Success)
        {
            nzDate = date;
            return true;
        }
        int hour = Num("h"), minute = Num("min"), second = m.Groups["s"].Success ? Num("s") : 0;
        var ticks = m.Groups["f"].Success ? long.Parse(m.Groups["f"].Value.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture) : 0L;
        if (m.Groups["ampm"].Success)
        {
            if (hour < 1 || hour > 12) return false;
            var pm = char.ToUpperInvariant(m.Groups["ampm"].Value[0]) == 'P';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        if (hour > 23 || minute > 59 || second > 59) return false;
        var time = new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(ticks);
        if (!m.Groups["zone"].Success)
        {
            nzDate = date;
            return true;
        }
        var offset = TimeSpan.Zero;
        if (m.Groups["sign"].Success)
        {
            offset = new TimeSpan(Num("zh"), Num("zm"), 0);
            if (Num("zm") > 59 || offset > TimeSpan.FromHours(14)) return false;
            if (m.Groups["sign"].Value == "-") offset = offset.Negate();
        }
        nzDate = FromWritten(new DateTimeOffset(date + time, offset));
        return true;
    }

    /// <summary>
    /// The calendar date of an instant someone wrote with its offset (text, a DateTimeOffset): at midnight in its
    /// own offset it is the date written (a date-only value sent with whatever offset the sender chose); otherwise
    /// <see cref="FromInstant"/>.
    /// </summary>
    public static DateTime FromWritten(DateTimeOffset written) =>
        written.TimeOfDay == TimeSpan.Zero ? DateTime.SpecifyKind(written.Date, DateTimeKind.Unspecified) : FromInstant(written);

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
