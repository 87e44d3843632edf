using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Corpus;

/// <summary>
/// The rule side of the bad-input corpus, without PowerShell: a good record (as a hashtable of SMS column names) with
/// one value spoiled must come out Invalid with exactly the expected problem, and the good record next to it must not.
/// The same values go end to end through the engine in BadInputCorpusTests.
/// </summary>
public class RuleCorpusTests
{
    private static readonly Dictionary<string, StandardDefinition> Catalogue = new()
    {
        ["91944"] = new() { Number = "91944", Version = 1, Type = "A", Assessment = "Internal" },
        ["26622"] = new() { Number = "26622", Version = 2, Type = "U", AllowsMerit = false },
    };

    internal static Hashtable With(Hashtable good, params object[] changes)
    {
        var row = (Hashtable)good.Clone();
        for (var i = 0; i < changes.Length; i += 2)
            if (changes[i + 1] == null) row.Remove(changes[i]); else row[changes[i]] = changes[i + 1];
        return row;
    }

    internal static Hashtable Learner() => new()
    {
        ["NSN"] = "123456789", ["First Name"] = "Aroha", ["Last Name"] = "Ngata", ["DOB"] = "2010-03-05", ["Gender"] = "F", ["Ethnicity"] = "211",
    };

    internal static Hashtable Enrolment() => new() { ["NSN"] = "123456789", ["Enrolment Date"] = "2026-02-02", ["Year Level"] = "11" };

    internal static Hashtable Standard() => new() { ["NSN"] = "123456789", ["Standard"] = "91944", ["Year"] = "2026", ["Grade"] = "A" };

    public static IEnumerable<object[]> Cases()
    {
        object[] L(string id, string field, params object[] changes) => new object[] { "Learner", With(Learner(), changes), id, field };
        object[] E(string id, string field, params object[] changes) => new object[] { "Enrolment", With(Enrolment(), changes), id, field };
        object[] S(string id, string field, params object[] changes) => new object[] { "Standard", With(Standard(), changes), id, field };

        foreach (var nsn in new object[] { "12AB34", "12345678901", "-123456", "123456.0", "123 456", "1.23457E+09", "=cmd|' /C calc'!A0", "0000", "１２３", 1.5, -5 })
        {
            yield return L("NzqaInvalidNsn", "Nsn", "NSN", nsn);
            yield return E("NzqaInvalidNsn", "Nsn", "NSN", nsn);
            yield return S("NzqaInvalidNsn", "Nsn", "NSN", nsn);
        }
        foreach (var blank in new object[] { "", "   ", "\t" })
            yield return L("NzqaMissingNsn", "Nsn", "NSN", blank);
        yield return E("NzqaMissingNsn", "Nsn", "NSN", null);

        foreach (var date in new object[] { "2010-02-30", "31/04/2010", "13/13/2010", "yesterday", "40179", 40179, "5/3/10", true, "2010-02-30T00:00:00+13:00" })
        {
            yield return L("NzqaInvalidDate", "DateOfBirth", "DOB", date);
            yield return E("NzqaInvalidDate", "EnrolmentDate", "Enrolment Date", date);
        }
        yield return L("NzqaInvalidDate", "DateOfBirth", "DOB", DateTime.Today.AddDays(1));
        yield return L("NzqaInvalidDate", "DateOfBirth", "DOB", "1899-12-31"); // the contract's (and the sandbox's) range starts in 1900
        yield return L("NzqaMissingField", "DateOfBirth", "DOB", null);
        yield return L("NzqaInvalidGender", "Gender", "Gender", "Q");
        yield return L("NzqaMissingField", "Gender", "Gender", " ");
        yield return L("NzqaInvalidEthnicity", "Ethnicities", "Ethnicity", "11");
        yield return L("NzqaInvalidEthnicity", "Ethnicities", "Ethnicity", "111;111");
        yield return L("NzqaTooManyEthnicities", "Ethnicities", "Ethnicity", new[] { "111", "211", "311", "411" });
        yield return L("NzqaMissingField", "Ethnicities", "Ethnicity", "");
        yield return L("NzqaMissingField", "FirstName", "First Name", "");
        yield return L("NzqaMissingField", "LastName", "Last Name", "  ");
        yield return L("NzqaFieldTooLong", "LastName", "Last Name", new string('x', 51));
        yield return L("NzqaFieldTooLong", "LocalStudentId", "Student ID", "ABCDEFGHIJK");
        yield return L("NzqaNoKnownProperties", "InputObject", "NSN", null, "First Name", null, "Last Name", null, "DOB", null, "Gender", null, "Ethnicity", null, "Shoe", "9");

        foreach (var level in new object[] { "abc", "10.5", 10.5, "-1+1", true, new[] { 10, 11 } })
            yield return E("NzqaInvalidYearLevel", "YearLevel", "Year Level", level);
        foreach (var level in new object[] { "0", "16", -3 })
            yield return E("NzqaInvalidYearLevel", "YearLevel", "Year Level", level);
        yield return E("NzqaMissingField", "YearLevel", "Year Level", "");
        yield return E("NzqaMissingField", "EnrolmentDate", "Enrolment Date", null);
        yield return E("NzqaInvalidDate", "LeavingDate", "Leaving Date", "2026-01-01", "Leaving Reason", "TRANSFER");
        yield return E("NzqaMissingField", "LeavingReason", "Leaving Date", "2026-04-01");
        yield return E("NzqaInvalidLeavingReason", "LeavingReason", "Leaving Date", "2026-04-01", "Leaving Reason", "moved");
        yield return E("NzqaFieldTooLong", "LocalStudentId", "Student ID", "STUDENT-000123");

        foreach (var grade in new object[] { "X", "Achieved", "=1+1", 5 })
            yield return S("NzqaInvalidResult", "Result", "Grade", grade);
        yield return S("NzqaInvalidResult", "Result", "Standard", "26622", "Grade", "E");
        foreach (var number in new object[] { "AS91944", "1234567", "91944.0", new[] { 91944, 91945 } })
            yield return S("NzqaInvalidStandard", "StandardNumber", "Standard", number);
        yield return S("NzqaUnknownStandard", "StandardNumber", "Standard", "99999");
        yield return S("NzqaMissingField", "StandardNumber", "Standard", " ");
        yield return S("NzqaInvalidNumber", "StandardVersion", "Version", "v2");
        yield return S("NzqaInvalidStandard", "StandardVersion", "Version", "0");
        yield return S("NzqaInvalidNumber", "AcademicYear", "Year", "2026.0");
        yield return S("NzqaInvalidYear", "AcademicYear", "Year", "1999");
        yield return S("NzqaMissingField", "AcademicYear", "Year", null);
        yield return S("NzqaInvalidEntryMethod", "EntryMethod", "Entry Method", "Online");
        yield return S("NzqaInvalidEntryMethod", "EntryMethod", "Entry Method", "Paper"); // 91944 is internally assessed: no entry method
        yield return S("NzqaUnknownStandard", "StandardVersion", "Version", "9"); // NZQA's catalogue has version 1
        yield return S("NzqaInvalidNumber", "ResultProviderCode", "Result Provider", "Te Kura");
        yield return S("NzqaInvalidProvider", "ResultProviderCode", "Result Provider", -5);
        yield return S("NzqaInvalidStatus", "Withdrawn", "Withdrawn", "maybe");
        yield return S("NzqaInvalidStatus", "Status", "Entry Status", "Deleted");
        yield return S("NzqaNoActiveEnrolment", "Nsn", "NSN", "987654321");
    }

    private static (DiffStatus Status, IReadOnlyList<RecordProblem> Problems)[] Compare(string kind, params Hashtable[] rows)
    {
        switch (kind)
        {
            case "Learner":
            {
                var reader = new LocalRecordReader<LearnerRecord>(LearnerBindings.All);
                return RecordComparer.Compare(LearnerArea.Instance, rows.Select(reader.Read).ToList(), Array.Empty<LearnerRecord>()).Select(d => (d.Status, d.Problems)).ToArray();
            }
            case "Enrolment":
            {
                var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
                return RecordComparer.Compare(EnrolmentArea.Instance, rows.Select(reader.Read).ToList(), Array.Empty<EnrolmentRecord>()).Select(d => (d.Status, d.Problems)).ToArray();
            }
            default:
            {
                var reader = new LocalRecordReader<StandardRecord>(StandardBindings.All);
                var area = new StandardArea(257, Catalogue, new HashSet<string> { "123456789", "123456780" });
                return RecordComparer.Compare(area, rows.Select(reader.Read).ToList(), Array.Empty<StandardRecord>()).Select(d => (d.Status, d.Problems)).ToArray();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_spoiled_value_is_one_problem_with_its_id_and_field_and_the_good_record_beside_it_is_new(string kind, Hashtable bad, string errorId, string field)
    {
        var good = kind switch { "Learner" => Learner(), "Enrolment" => Enrolment(), _ => Standard() };
        good["NSN"] = "123456780";
        var diffs = Compare(kind, good, bad);
        Assert.Equal(DiffStatus.New, diffs[0].Status);
        Assert.Equal(DiffStatus.Invalid, diffs[1].Status);
        var first = diffs[1].Problems[0];
        Assert.Equal((errorId, field), (first.ErrorId, first.Field));
        if (errorId != "NzqaNoKnownProperties") Assert.Single(diffs[1].Problems);
    }

    [Theory]
    [InlineData("Learner")]
    [InlineData("Enrolment")]
    [InlineData("Standard")]
    public void The_same_record_twice_differently_padded_is_a_duplicate_both_times(string kind)
    {
        var a = kind switch { "Learner" => Learner(), "Enrolment" => Enrolment(), _ => Standard() };
        var b = With(a, "NSN", " 0123456789 ");
        if (kind == "Standard") b["Standard"] = " 91944 ";
        var diffs = Compare(kind, a, b);
        Assert.All(diffs.Take(2), d => Assert.Equal(("NzqaDuplicateKey", "Key"), (d.Problems.Single().ErrorId, d.Problems.Single().Field)));
    }

    [Fact]
    public void Leading_zeros_and_spaces_in_an_nsn_are_fine_and_the_key_is_canonical()
    {
        var diffs = Compare("Learner", With(Learner(), "NSN", " 0123456789 "));
        Assert.Equal(DiffStatus.New, diffs[0].Status);
    }

    [Fact]
    public void Formula_like_names_stay_text_and_are_not_problems()
    {
        var reader = new LocalRecordReader<LearnerRecord>(LearnerBindings.All);
        var read = reader.Read(With(Learner(), "First Name", "=cmd|' /C calc'!A0", "Last Name", "+SUM(1)"));
        Assert.Empty(read.Problems);
        Assert.Equal(("=cmd|' /C calc'!A0", "+SUM(1)"), (read.Record.FirstName, read.Record.LastName));
        Assert.Equal(DiffStatus.New, Compare("Learner", With(Learner(), "First Name", "@x", "Last Name", "-1+1"))[0].Status);
    }
}
