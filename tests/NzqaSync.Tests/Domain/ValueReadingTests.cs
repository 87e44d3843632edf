using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Domain;

/// <summary>
/// How an SMS's values are read, the same on the NZQA and the DXP side (trial 5 D9, D10, D19, D22): every date lands
/// on the calendar day written, Excel's date-time cells are dates, decomposed macrons are the same names, and a
/// gender code is never guessed.
/// </summary>
public class ValueReadingTests
{
    private static DateTime? Nzqa(object value, out List<RecordProblem> problems)
    {
        problems = new List<RecordProblem>();
        return ValueReader.Date(value, "EnrolmentDate", problems);
    }

    private static DateTime? Dxp(object value, out List<RecordProblem> problems)
    {
        problems = new List<RecordProblem>();
        return DxpValues.Date(value, "courseStartDate", problems);
    }

    [Theory]
    // D9: a date-time at midnight is the date written, whatever offset the SMS stamped on it. NZ was +12:00 on
    // 5 April 2023 and 13 July 2026, so as instants these are 4 April / 12 July in New Zealand.
    [InlineData("2023-04-05T00:00:00+13:00", "2023-04-05")]
    [InlineData("2026-07-13T00:00:00+13:00", "2026-07-13")]
    [InlineData("2026-02-23T00:00:00+12:00", "2026-02-23")]   // summer (+13) date written with the winter offset
    [InlineData("2026-02-23T00:00:00-05:00", "2026-02-23")]
    [InlineData("2026-02-23T00:00:00.000+13:00", "2026-02-23")]
    [InlineData("2026-02-23T00:00:00Z", "2026-02-23")]
    // Instants at other times keep their New Zealand day (CalendarDateTests, the DST tests).
    [InlineData("2026-02-02T11:00:00Z", "2026-02-03")]
    [InlineData("2026-07-02T12:00:00Z", "2026-07-03")]
    [InlineData("2023-04-04T23:00:00+11:00", "2023-04-05")]
    // D10: Excel's NZ date-time forms.
    [InlineData("29/01/2025 0:00", "2025-01-29")]
    [InlineData("29/01/2025 00:00:00", "2025-01-29")]
    [InlineData("29/01/2025 00:00", "2025-01-29")]
    [InlineData("29/1/2025 12:00:00 AM", "2025-01-29")]
    [InlineData("3/3/2008", "2008-03-03")]
    [InlineData("2025-01-29 00:00:00", "2025-01-29")]
    [InlineData("2025/01/29", "2025-01-29")]
    [InlineData("20250129", "2025-01-29")]
    [InlineData("29-01-2025", "2025-01-29")]
    public void Both_sides_read_a_value_as_the_same_calendar_day(string text, string expected)
    {
        Assert.Equal(expected, CalendarDate.Format(Nzqa(text, out var nzqaProblems)));
        Assert.Empty(nzqaProblems);
        Assert.Equal(expected, CalendarDate.Format(Dxp(text, out var dxpProblems)));
        Assert.Empty(dxpProblems);
    }

    [Fact]
    public void A_DateTimeOffset_at_midnight_in_its_own_offset_is_the_date_written()
    {
        var winter = new DateTimeOffset(2023, 4, 5, 0, 0, 0, TimeSpan.FromHours(13));
        Assert.Equal(new DateTime(2023, 4, 5), Nzqa(winter, out _));
        Assert.Equal(new DateTime(2023, 4, 5), Dxp(winter, out _));
        // Not at midnight: the New Zealand day of that instant (13:30 UTC on 4 April is 01:30 on 5 April in NZ).
        Assert.Equal(new DateTime(2023, 4, 5), Nzqa(new DateTimeOffset(2023, 4, 4, 13, 30, 0, TimeSpan.Zero), out _));
    }

    [Theory]
    [InlineData("02/13/2026")]        // month first: never read as 13 February
    [InlineData("30/02/2026 0:00")]
    [InlineData("29/01/2025 24:00")]
    [InlineData("2026-02-23T00:00:00+15:00")]
    [InlineData("11 Feb 2009")]
    [InlineData("yesterday")]
    [InlineData("2026-02")]
    public void What_is_not_a_day_is_refused_on_both_sides_with_one_message_listing_the_forms(string text)
    {
        Assert.Null(Nzqa(text, out var nzqaProblems));
        Assert.Null(Dxp(text, out var dxpProblems));
        var nzqa = Assert.Single(nzqaProblems);
        var dxp = Assert.Single(dxpProblems);
        Assert.Equal(("NzqaInvalidDate", "DxpInvalidDate"), (nzqa.ErrorId, dxp.ErrorId));
        // One text after the field name, and it names the forms that are read (not "use yyyy-MM-dd" alone).
        Assert.Equal(nzqa.Message.Substring(nzqa.Message.IndexOf(" is not", StringComparison.Ordinal)),
            dxp.Message.Substring(dxp.Message.IndexOf(" is not", StringComparison.Ordinal)));
        foreach (var form in new[] { "yyyy-MM-dd", "d/MM/yyyy", "23/02/2026 0:00", "+13:00" })
            Assert.Contains(form, nzqa.Message);
    }

    // "Kīngi", "Āwhina" and "Pāora" as a Mac writes them: base letter + U+0304 COMBINING MACRON.
    private static string Nfd(string s) => s.Normalize(NormalizationForm.FormD);

    [Fact]
    public void Decomposed_macrons_read_from_an_export_are_composed_on_both_sides()
    {
        Assert.NotEqual("Kīngi", Nfd("Kīngi"));
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("NSN", "100000017"));
        row.Properties.Add(new PSNoteProperty("First Name", Nfd("Āwhina")));
        row.Properties.Add(new PSNoteProperty("Last Name", Nfd("Kīngi")));
        var learner = new LocalRecordReader<LearnerRecord>(LearnerBindings.All).Read(row).Record;
        Assert.Equal(("Āwhina", "Kīngi"), (learner.FirstName, learner.LastName));

        var dxpRow = new PSObject();
        dxpRow.Properties.Add(new PSNoteProperty("Student ID", "TA1"));
        dxpRow.Properties.Add(new PSNoteProperty("Surname", Nfd("Pāora")));
        dxpRow.Properties.Add(new PSNoteProperty("First Name", Nfd("Ōtautahi")));
        var dxp = new LocalRecordReader<DxpLearnerRecord>(DxpBindings.Learner).Read(dxpRow).Record;
        Assert.Equal(("Pāora", "Ōtautahi"), (dxp.FamilyName, dxp.FirstName));
    }

    [Fact]
    public void A_decomposed_name_matches_NZQA_and_a_changed_one_is_sent_composed()
    {
        LearnerRecord L(string first, string last) => new()
        {
            Nsn = "100000017", FirstName = first, LastName = last, DateOfBirth = new DateTime(2010, 5, 1), Gender = "M", Ethnicities = new[] { "211" },
        };
        LearnerDiff Compare(LearnerRecord local, LearnerRecord nzqa) =>
            RecordComparer.Compare(LearnerArea.Instance, new[] { new LocalRecord<LearnerRecord>(local, null, local) }, new[] { nzqa }).Single();

        // A typed record (Import-NzqaRecord's, or a script's) holding the decomposed form.
        Assert.Equal(DiffStatus.Match, Compare(L("Leo", Nfd("Kīngi")), L("Leo", "Kīngi")).Status);

        var changed = Compare(L(Nfd("Āwhina"), Nfd("Kīngi")), L("Awhina", "Kīngi"));
        Assert.Equal(DiffStatus.Different, changed.Status);
        var op = Assert.Single(LearnerSyncPlanner.Plan(changed, 257, allowIdentityChange: true).Operations);
        var sent = (string)op.Item["firstName"]!;
        Assert.Equal("Āwhina", sent);
        Assert.True(sent.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Dxp_records_are_normalised_to_composed_text_before_they_are_sent()
    {
        var r = DxpRecordNormaliser.Normalise(new DxpLearnerRecord { StudentIdentificationCode = "TA1", FamilyName = Nfd("Pōmare"), FirstName = Nfd("Wiremu") });
        Assert.Equal("Pōmare", r.FamilyName);
        Assert.True(r.FamilyName.IsNormalized(NormalizationForm.FormC));
    }

    [Theory]
    [InlineData("X")]
    [InlineData("x")]
    public void Gender_X_is_refused_not_guessed_as_another_gender(string gender)
    {
        var local = new LearnerRecord { Nsn = "100000017", FirstName = "Leo", LastName = "Kīngi", DateOfBirth = new DateTime(2010, 5, 1), Gender = gender, Ethnicities = new[] { "211" } };
        var problem = Assert.Single(LearnerArea.Instance.Check(local));
        Assert.Equal(("NzqaInvalidGender", "Gender"), (problem.ErrorId, problem.Field));
        Assert.Contains("D (another gender) or U (unknown)", problem.Message);
        Assert.Null(LearnerCodes.NormaliseGender(gender));
        // The spellings the seeds' lists name are still read.
        Assert.Equal(new[] { "M", "F", "D", "D", "U" }, new[] { "Male", "female", "Another gender", "d", "Unknown" }.Select(LearnerCodes.NormaliseGender));
    }

    [Theory]
    [InlineData("Y13", 13)]
    [InlineData("y9", 9)]
    [InlineData("Yr 11", 11)]
    [InlineData("Year 12", 12)]
    [InlineData("13", 13)]
    public void A_year_level_written_as_schools_write_it_is_read(string text, int expected)
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("NSN", "100000029"));
        row.Properties.Add(new PSNoteProperty("Enrolment Date", "2023-04-05"));
        row.Properties.Add(new PSNoteProperty("Year Level", text));
        var read = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All).Read(row);
        Assert.Empty(read.Problems);
        Assert.Equal(expected, read.Record.YearLevel);
    }

    [Theory]
    [InlineData("Thirteen")]
    [InlineData("Y13b")]
    [InlineData("10.5")]
    public void A_year_level_that_is_not_one_says_how_to_write_it(string text)
    {
        var problems = new List<RecordProblem>();
        Assert.Null(ValueReader.YearLevel(text, "YearLevel", problems));
        var problem = Assert.Single(problems);
        Assert.Equal("NzqaInvalidYearLevel", problem.ErrorId);
        Assert.Contains("Y13, Yr 13 and Year 13 are read too", problem.Message);
    }
}
