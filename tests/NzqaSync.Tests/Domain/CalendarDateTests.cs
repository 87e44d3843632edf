using System;
using System.Management.Automation;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Domain;

/// <summary>
/// NZQA's date-only values are read as DXP's are: an instant lands on the New Zealand calendar day it falls on, so a
/// date of birth or an enrolment date never shifts by a day whichever way the SMS wrote it.
/// </summary>
public class CalendarDateTests
{
    public static TheoryData<object, string> Values => new()
    {
        { "2026-02-03", "2026-02-03" },
        { "3/02/2026", "2026-02-03" },
        { "2026-02-03T00:00:00", "2026-02-03" },
        { "2026-02-03T00:00:00+13:00", "2026-02-03" },   // New Zealand midnight, daylight time, as an SMS may export it
        { "2026-02-02T11:00:00Z", "2026-02-03" },        // the same instant in UTC
        { "2026-02-03T00:00:00Z", "2026-02-03" },        // UTC midnight: how DXP date-only values are sent
        { "2026-07-02T12:00:00Z", "2026-07-03" },        // New Zealand midnight in standard time (+12)
        { "2026-04-04T11:00:00Z", "2026-04-05" },        // the night daylight time ends (5 April 2026, 03:00 → 02:00)
        { "2026-09-26T12:00:00Z", "2026-09-27" },        // the night it begins (27 September 2026, 02:00 → 03:00)
        { new DateTimeOffset(2026, 2, 2, 11, 0, 0, TimeSpan.Zero), "2026-02-03" },
        { new DateTimeOffset(2026, 2, 3, 0, 0, 0, TimeSpan.FromHours(13)), "2026-02-03" },
        { new DateTime(2026, 2, 2, 11, 0, 0, DateTimeKind.Utc), "2026-02-03" },   // ConvertFrom-Json's DateTime
        { new DateTime(2026, 2, 3, 0, 0, 0, DateTimeKind.Local), "2026-02-03" },  // Get-Date / [datetime]'2026-02-03'
        { new DateTime(2026, 2, 3, 0, 0, 0, DateTimeKind.Unspecified), "2026-02-03" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Every_way_of_writing_a_day_reads_as_that_New_Zealand_calendar_day(object value, string expected)
    {
        Assert.True(CalendarDate.TryRead(value, out var date));
        Assert.Equal(expected, CalendarDate.Format(date));
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-02-30T00:00:00+13:00")]
    [InlineData("02/30/2026")]
    [InlineData("yesterday")]
    public void What_is_not_a_day_is_still_refused(string text) => Assert.False(CalendarDate.TryRead(text, out _));

    [Fact]
    public void An_enrolment_date_exported_with_its_offset_is_read_not_refused()
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("NSN", "123"));
        row.Properties.Add(new PSNoteProperty("Enrolment Date", "2026-02-03T00:00:00+13:00"));
        row.Properties.Add(new PSNoteProperty("Year Level", "11"));
        var read = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All).Read(row);
        Assert.Empty(read.Problems);
        Assert.Equal(new DateTime(2026, 2, 3), read.Record.EnrolmentDate);
    }
}
