using System;
using System.Globalization;
using Newtonsoft.Json;

namespace NzqaSync.Domain.Dxp
{
    /// <summary>
    /// New Zealand calendar dates on the DXP wire. DXP "will accept any timezone … store and return in UTC", so a
    /// date-only value is sent as New Zealand midnight with its Pacific/Auckland offset
    /// (<c>2026-02-23T00:00:00+13:00</c>) and read back from UTC (<c>2026-02-22T11:00:00Z</c>) into the New Zealand
    /// calendar date again. A date never shifts by a day.
    /// </summary>
    public static class NzDate
    {
        private static readonly Lazy<TimeZoneInfo> ZoneLazy = new Lazy<TimeZoneInfo>(FindZone);

        /// <summary>Pacific/Auckland ("New Zealand Standard Time" on Windows .NET Framework).</summary>
        public static TimeZoneInfo Zone => ZoneLazy.Value;

        /// <summary>New Zealand midnight of <paramref name="nzDate"/>'s calendar date, with the offset in force then (+12:00 or +13:00).</summary>
        public static DateTimeOffset ToOffset(DateTime nzDate)
        {
            var local = DateTime.SpecifyKind(nzDate.Date, DateTimeKind.Unspecified);
            // NZ daylight saving changes at 02:00/03:00, so midnight is never skipped or repeated.
            return new DateTimeOffset(local, Zone.GetUtcOffset(local));
        }

        /// <summary>The full ISO-8601 value sent to DXP, e.g. <c>2026-02-23T00:00:00+13:00</c>.</summary>
        public static string ToIso(DateTime nzDate) =>
            ToOffset(nzDate).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

        /// <summary>The New Zealand calendar date of an instant (e.g. DXP's UTC read-back).</summary>
        public static DateTime FromInstant(DateTimeOffset instant) =>
            DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, Zone).Date, DateTimeKind.Unspecified);

        /// <summary>
        /// The New Zealand calendar date of a <see cref="DateTime"/>: a UTC or local-kind value is an instant and is
        /// converted; an unspecified-kind value is taken to be a New Zealand calendar date already.
        /// </summary>
        public static DateTime FromDateTime(DateTime value)
        {
            switch (value.Kind)
            {
                case DateTimeKind.Utc: return FromInstant(new DateTimeOffset(value));
                case DateTimeKind.Local: return FromInstant(new DateTimeOffset(value.ToUniversalTime()));
                default: return DateTime.SpecifyKind(value.Date, DateTimeKind.Unspecified);
            }
        }

        /// <summary>
        /// Parses an ISO-8601 value from DXP or a user: with a zone or offset ("Z", "+13:00") it is an instant and
        /// becomes its New Zealand date; without one ("2026-02-23", "2026-02-23T00:00:00") it is a New Zealand date.
        /// Also accepts the seed's "DD/MM/YYYY".
        /// </summary>
        public static DateTime Parse(string text)
        {
            if (TryParse(text, out var date)) return date;
            throw new FormatException($"'{text}' is not an ISO-8601 date or DD/MM/YYYY.");
        }

        public static bool TryParse(string text, out DateTime nzDate)
        {
            nzDate = default;
            if (string.IsNullOrWhiteSpace(text)) return false;
            text = text.Trim();
            if (DateTime.TryParseExact(text, new[] { "dd/MM/yyyy", "d/M/yyyy" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dmy))
            {
                nzDate = DateTime.SpecifyKind(dmy, DateTimeKind.Unspecified);
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

    /// <summary>Writes a New Zealand calendar date as NZ midnight with its offset; reads any ISO-8601 value back to the NZ date.</summary>
    public sealed class NzDateJsonConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) => objectType == typeof(DateTime) || objectType == typeof(DateTime?);

        public override void WriteJson(JsonWriter writer, object value, JsonSerializer serializer)
        {
            if (value == null) { writer.WriteNull(); return; }
            writer.WriteValue(NzDate.ToIso((DateTime)value));
        }

        public override object ReadJson(JsonReader reader, Type objectType, object existingValue, JsonSerializer serializer)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    if (objectType == typeof(DateTime)) throw new JsonSerializationException("A date is required.");
                    return null;
                case JsonToken.Date:
                    // Json.NET may already have parsed the string (DateParseHandling.DateTime / DateTimeOffset).
                    return reader.Value is DateTimeOffset dto ? NzDate.FromInstant(dto) : NzDate.FromDateTime((DateTime)reader.Value);
                case JsonToken.String:
                    var text = (string)reader.Value;
                    if (string.IsNullOrWhiteSpace(text) && objectType == typeof(DateTime?)) return null;
                    return NzDate.Parse(text);
                default:
                    throw new JsonSerializationException($"Unexpected token {reader.TokenType} for a date.");
            }
        }
    }
}
