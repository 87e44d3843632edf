using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NzqaSync.Demo;
using NzqaSync.Sandbox.Nzqa;
using Xunit.Abstractions;

namespace NzqaSync.EngineTests;

/// <summary>
/// The bad-input corpus, end to end: malformed SMS data of every kind we could think of, as CSV files through
/// Import-NzqaRecord and as pipeline objects through Compare-Nzqa*, mixed with good records in the same input. Each bad
/// record must get its own ErrorRecord (specific id, InvalidData, the row or record as target, the line where it came
/// from a file, the field named); nothing invalid may reach the sandbox (write counters and the sandbox's store); the
/// good records in the same input must still arrive, exactly as written (macrons, CJK, emoji, formula-like text).
/// </summary>
public class BadInputCorpusTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _fixture;
    private readonly ITestOutputHelper _out;
    private readonly List<string> _files = new();
    private static long _nextNsn = 810_000_000; // nine digits, so one leading zero still makes ten

    public BadInputCorpusTests(SandboxFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _out = output;
    }

    public void Dispose()
    {
        foreach (var f in _files) if (File.Exists(f)) File.Delete(f);
    }

    private NzqaStore Nzqa => _fixture.Sandbox.State.Nzqa;

    /// <summary>An NSN NZQA (the sandbox) has never seen.</summary>
    private string FreshNsn()
    {
        while (true)
        {
            var nsn = (_nextNsn++).ToString();
            if (Nzqa.Learner(nsn) == null && Nzqa.Enrolment(nsn) == null) return nsn;
        }
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "nzqasync-corpus-" + Guid.NewGuid().ToString("N") + "-" + name);
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return path;
    }

    private static string Cell(string value) =>
        value == null ? "" : value.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>One row of the corpus: a good row with some cells changed, and what must happen to it.</summary>
    private sealed record Row(string Kind, Dictionary<string, string> Cells, string ErrorId, string Field)
    {
        public bool Good => ErrorId == null;
        public int Line { get; set; }
        public string Nsn => Cells.TryGetValue("NSN", out var n) ? n : null;
    }

    private static Row Bad(string kind, Dictionary<string, string> good, string errorId, string field, params (string Column, string Value)[] changes)
    {
        var cells = new Dictionary<string, string>(good);
        foreach (var (c, v) in changes) cells[c] = v;
        return new Row(kind, cells, errorId, field);
    }

    /// <summary>Writes the rows under <paramref name="header"/> (one line each unless a cell carries a line break) and numbers them.</summary>
    private string WriteCsv(string name, string[] header, IReadOnlyList<Row> rows, string newline = "\n", bool bom = false)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", header.Select(Cell))).Append(newline);
        var line = 2;
        foreach (var row in rows)
        {
            row.Line = line;
            var text = string.Join(",", header.Select(h => Cell(row.Cells.TryGetValue(h, out var v) ? v : null)));
            sb.Append(text).Append(newline);
            line += 1 + text.Count(c => c == '\n');
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        return WriteFile(name, bom ? Encoding.UTF8.GetPreamble().Concat(bytes).ToArray() : bytes);
    }

    private static object Base(object o) => o is PSObject p ? p.BaseObject : o;
    private static object Prop(object o, string name) => o == null ? null : PSObject.AsPSObject(o).Properties[name]?.Value;

    /// <summary>The line an error is about: Import's errors target the CSV row, Compare's the typed record read from it.</summary>
    private static int? LineOf(ErrorRecord e) => (Prop(Base(e.TargetObject), "Line") ?? Prop(Base(e.TargetObject), "SourceLine")) as int?;

    private static IEnumerable<string> FieldsOf(ErrorRecord e) =>
        Prop(e.Exception, "Problems") is IEnumerable problems ? problems.Cast<object>().Select(p => (string)Prop(p, "Field")) : Array.Empty<string>();

    private static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

    /// <summary>Each bad row has exactly one error, with its id, category, line, field and target; good rows have none.</summary>
    private void AssertRowErrors(IReadOnlyList<Row> rows, IEnumerable<ErrorRecord> errors, string file)
    {
        var byLine = errors.Where(e => LineOf(e) != null).GroupBy(e => LineOf(e).Value).ToDictionary(g => g.Key, g => g.ToList());
        var problems = new List<string>();
        foreach (var row in rows)
        {
            byLine.TryGetValue(row.Line, out var found);
            found ??= new List<ErrorRecord>();
            var what = $"line {row.Line} ({row.ErrorId ?? "good"} {row.Field}): ";
            if (row.Good)
            {
                if (found.Count > 0) problems.Add(what + "unexpected " + string.Join("; ", found.Select(e => Id(e) + " " + e.Exception.Message)));
                continue;
            }
            if (found.Count != 1) { problems.Add(what + $"{found.Count} errors: " + string.Join("; ", found.Select(e => Id(e) + " " + e.Exception.Message))); continue; }
            var error = found[0];
            if (Id(error) != row.ErrorId) problems.Add(what + "id " + Id(error) + ": " + error.Exception.Message);
            if (error.CategoryInfo.Category != ErrorCategory.InvalidData) problems.Add(what + "category " + error.CategoryInfo.Category);
            if (!error.Exception.Message.Contains($"line {row.Line}", StringComparison.OrdinalIgnoreCase)) problems.Add(what + "no line number in: " + error.Exception.Message);
            if (row.Field != null && !FieldsOf(error).Contains(row.Field)) problems.Add(what + "field not named: " + string.Join(",", FieldsOf(error)));
            if (error.ErrorDetails?.RecommendedAction == null) problems.Add(what + "no recommended action");
        }
        Assert.True(problems.Count == 0, file + ":\n" + string.Join("\n", problems));
        var unexpected = errors.Where(e => LineOf(e) is int l && rows.All(r => r.Line != l)).ToList();
        Assert.True(unexpected.Count == 0, "errors for lines not in the corpus: " + string.Join("; ", unexpected.Select(e => e.Exception.Message)));
    }

    // ============================ Learner Details ============================

    private static readonly string[] LearnerHeader =
        { "NSN", "Student ID", "First Name", "Middle Name", "Last Name", "Date of Birth", "Gender", "Ethnicity 1", "Ethnicity 2", "Ethnicity 3", "Notes" };

    private Dictionary<string, string> GoodLearner(string first = "Aroha", string last = "Ngata", string middle = null) => new()
    {
        ["NSN"] = FreshNsn(), ["Student ID"] = "S" + _nextNsn % 100000, ["First Name"] = first, ["Middle Name"] = middle, ["Last Name"] = last,
        ["Date of Birth"] = "2010-03-05", ["Gender"] = "F", ["Ethnicity 1"] = "211",
    };

    private List<Row> LearnerCorpus()
    {
        const string K = "Learner";
        Dictionary<string, string> G(string first = "Aroha", string last = "Ngata", string middle = null) => GoodLearner(first, last, middle);
        var padded = FreshNsn();
        var rows = new List<Row>
        {
            // good rows: non-ASCII names, formula-like text kept as text, NZ date order, codes with spaces, leading zeros
            new(K, G("Hēmi", "Te Whatu-Pōmare", "Wāhanga"), null, null),
            new(K, G("Sione", "Fifita-ʻAhoʻeitu", "Tēvita"), null, null),
            new(K, G("Losaline", "Faʻamausili"), null, null),
            new(K, G("伟", "王", "小明"), null, null),
            new(K, G("Mereana", "Smith, Jr", "O\"Neil"), null, null),
            new(K, G("=cmd|' /C calc'!A0", "+SUM(1)", "@x"), null, null),
            new(K, G("-1+1", "=HYPERLINK(\"http://x\")"), null, null),
            new(K, G("Kiri", "Emoji🌺"), null, null) { },
            Bad(K, G("Ana", "Lavea"), null, null, ("Notes", "quoted note\nwith a line break, a comma and \"quotes\"")),
            Bad(K, G("Tama", "Rāwiri"), null, null, ("Date of Birth", "5/03/2010"), ("Gender", "male"), ("Ethnicity 1", " 111 "), ("Ethnicity 2", "211")),
            Bad(K, G("Pita", "Zeros"), null, null, ("NSN", "0" + FreshNsn())),
            // bad NSNs
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "12AB34")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "12345678901")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "-123456")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "123456.0")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "123 456")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "1.23457E+09")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "=cmd|' /C calc'!A0")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "0000000000")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "１２３４５")),
            Bad(K, G(), "NzqaMissingNsn", "Nsn", ("NSN", "")),
            Bad(K, G(), "NzqaMissingNsn", "Nsn", ("NSN", "   ")),
            // bad dates of birth
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "2010-02-30")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "31/04/2010")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "13/13/2010")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "yesterday")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "40179")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "5/3/10")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "2031-01-01")),
            Bad(K, G(), "NzqaInvalidDate", "DateOfBirth", ("Date of Birth", "1890-01-01")),
            Bad(K, G(), "NzqaMissingField", "DateOfBirth", ("Date of Birth", "")),
            // codes
            Bad(K, G(), "NzqaInvalidGender", "Gender", ("Gender", "Q")),
            Bad(K, G(), "NzqaMissingField", "Gender", ("Gender", " ")),
            Bad(K, G(), "NzqaInvalidEthnicity", "Ethnicities", ("Ethnicity 1", "11")),
            Bad(K, G(), "NzqaInvalidEthnicity", "Ethnicities", ("Ethnicity 1", "NZE")),
            Bad(K, G(), "NzqaInvalidEthnicity", "Ethnicities", ("Ethnicity 1", "111"), ("Ethnicity 2", "111")),
            Bad(K, G(), "NzqaMissingField", "Ethnicities", ("Ethnicity 1", "")),
            // names and ids
            Bad(K, G(), "NzqaMissingField", "FirstName", ("First Name", "")),
            Bad(K, G(), "NzqaMissingField", "LastName", ("Last Name", "   ")),
            Bad(K, G(), "NzqaFieldTooLong", "LastName", ("Last Name", new string('a', 51))),
            Bad(K, G(), "NzqaFieldTooLong", "FirstName", ("First Name", string.Concat(Enumerable.Repeat("😀", 26)))),
            Bad(K, G(), "NzqaFieldTooLong", "LocalStudentId", ("Student ID", "ABCDEFGHIJK")),
            // a comma inside an unquoted value shifts the cells: written raw below
            Bad(K, G(), "NzqaCsvExtraFields", null),
            // the same learner twice, once with leading zeros and spaces
            Bad(K, G(), "NzqaDuplicateKey", "Key", ("NSN", padded)),
            Bad(K, G(), "NzqaDuplicateKey", "Key", ("NSN", " 0" + padded + " ")),
        };
        return rows;
    }

    [Fact]
    public void Learner_corpus_reports_every_bad_row_sends_none_of_them_and_syncs_the_good_ones()
    {
        var rows = LearnerCorpus();
        var path = WriteCsv("learners.csv", LearnerHeader, rows);
        // The shifted row: "Smith, Jr" unquoted in the last-name column.
        var shifted = rows.Single(r => r.ErrorId == "NzqaCsvExtraFields");
        var lines = File.ReadAllLines(path).ToList();
        lines[shifted.Line - 1] = $"{shifted.Nsn},S1,Hone,,Smith, Jr,2010-03-05,M,111,,,new student";
        File.WriteAllLines(path, lines);

        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        var writesBefore = Nzqa.WriteItemCount;
        using var run = test.Run(EngineTest.Connect + "Import-NzqaRecord -Path $csv -Kind Learner | Compare-NzqaLearner | Where-Object Status -ne 'NzqaOnly' | Sync-NzqaLearner");
        Assert.Null(run.Thrown);
        AssertRowErrors(rows, run.Errors, "learners.csv");
        Assert.DoesNotContain(run.Errors, e => (Id(e) == "NzqaSyncFailed" || Id(e).StartsWith("NzqaRefused", StringComparison.Ordinal))); // nothing NZQA had to refuse

        var good = rows.Where(r => r.Good).ToList();
        Assert.Equal(good.Count, Nzqa.WriteItemCount - writesBefore);
        foreach (var row in rows.Where(r => !r.Good))
        {
            var nsn = row.Nsn?.Trim().TrimStart('0');
            if (!string.IsNullOrEmpty(nsn)) Assert.Null(Nzqa.Learner(nsn));
        }
        foreach (var row in good)
        {
            var held = Nzqa.Learner(row.Nsn.TrimStart('0'));
            Assert.NotNull(held);
            Assert.Equal((row.Cells["First Name"], row.Cells["Middle Name"], row.Cells["Last Name"]), (held.FirstName, held.MiddleName, held.LastName));
        }
        var tama = Nzqa.Learner(good.Single(r => r.Cells["First Name"] == "Tama").Nsn);
        Assert.Equal((new DateOnly(2010, 3, 5), "M"), (tama.DateOfBirth, tama.Gender));
        Assert.Equal(new[] { "111", "211" }, tama.Ethnicities);
        _out.WriteLine($"learner corpus: {rows.Count(r => !r.Good)} bad rows, {good.Count} good rows synced");
    }

    // ============================ Enrolments ============================

    private static readonly string[] EnrolmentHeader = { "NSN", "Student ID", "First Name", "Last Name", "Enrolment Date", "Year Level", "Leaving Date", "Leaving Reason" };

    [Fact]
    public void Enrolment_corpus_reports_every_bad_row_sends_none_of_them_and_syncs_the_good_ones()
    {
        const string K = "Enrolment";
        Dictionary<string, string> G() => new()
        {
            ["NSN"] = FreshNsn(), ["Student ID"] = "E" + _nextNsn % 100000, ["First Name"] = "Rangi", ["Last Name"] = "Pōtae",
            ["Enrolment Date"] = "2026-02-02", ["Year Level"] = "11",
        };
        var padded = FreshNsn();
        var rows = new List<Row>
        {
            new(K, G(), null, null),
            Bad(K, G(), null, null, ("Year Level", " 12 "), ("Enrolment Date", "3/02/2026")),
            Bad(K, G(), null, null, ("NSN", "0" + FreshNsn())),
            Bad(K, G(), null, null, ("First Name", "=cmd|' /C calc'!A0"), ("Last Name", "@x")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "abc")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "10.5")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "-1+1")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "0")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "16")),
            Bad(K, G(), "NzqaInvalidYearLevel", "YearLevel", ("Year Level", "-3")),
            Bad(K, G(), "NzqaMissingField", "YearLevel", ("Year Level", "")),
            Bad(K, G(), "NzqaInvalidDate", "EnrolmentDate", ("Enrolment Date", "2026-02-30")),
            Bad(K, G(), "NzqaInvalidDate", "EnrolmentDate", ("Enrolment Date", "46054")),
            Bad(K, G(), "NzqaInvalidDate", "EnrolmentDate", ("Enrolment Date", "yesterday")),
            Bad(K, G(), "NzqaMissingField", "EnrolmentDate", ("Enrolment Date", "")),
            Bad(K, G(), "NzqaInvalidDate", "LeavingDate", ("Leaving Date", "31/04/2026"), ("Leaving Reason", "TRANSFER")),
            Bad(K, G(), "NzqaInvalidDate", "LeavingDate", ("Leaving Date", "2026-01-15"), ("Leaving Reason", "TRANSFER")),
            Bad(K, G(), "NzqaMissingField", "LeavingReason", ("Leaving Date", "2026-04-01")),
            Bad(K, G(), "NzqaInvalidLeavingReason", "LeavingReason", ("Leaving Date", "2026-04-01"), ("Leaving Reason", "Moved to Aussie")),
            Bad(K, G(), "NzqaFieldTooLong", "LocalStudentId", ("Student ID", "STUDENT-000123")),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "NSN123")),
            Bad(K, G(), "NzqaDuplicateKey", "Key", ("NSN", padded)),
            Bad(K, G(), "NzqaDuplicateKey", "Key", ("NSN", "0" + padded)),
        };
        // CRLF line ends and a BOM, as Excel writes "CSV UTF-8".
        var path = WriteCsv("enrolments.csv", EnrolmentHeader, rows, "\r\n", bom: true);
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        // NZQA needs the learner first: the good students' learner details go as typed records.
        test.Variables["nsns"] = rows.Where(r => r.Good).Select(r => r.Nsn.TrimStart('0')).ToArray();
        using var learners = test.Run(EngineTest.Connect + @"
            $nsns | ForEach-Object { [NzqaSync.Domain.LearnerRecord]@{ Nsn = $_; FirstName = 'Rangi'; LastName = 'Pōtae'; DateOfBirth = [datetime]'2010-01-01'; Gender = 'M'; Ethnicities = @('111') } } |
                Compare-NzqaLearner | Where-Object Status -eq 'New' | Sync-NzqaLearner");
        Assert.Empty(learners.Errors);

        var writesBefore = Nzqa.WriteItemCount;
        using var run = test.Run("Import-NzqaRecord -Path $csv -Kind Enrolment | Compare-NzqaEnrolment | Where-Object Status -ne 'NzqaOnly' | Sync-NzqaEnrolment");
        Assert.Null(run.Thrown);
        AssertRowErrors(rows, run.Errors, "enrolments.csv");
        Assert.DoesNotContain(run.Errors, e => (Id(e) == "NzqaSyncFailed" || Id(e).StartsWith("NzqaRefused", StringComparison.Ordinal)));
        var good = rows.Where(r => r.Good).ToList();
        Assert.Equal(good.Count, Nzqa.WriteItemCount - writesBefore);
        foreach (var row in rows.Where(r => !r.Good))
        {
            var nsn = row.Nsn?.Trim().TrimStart('0');
            if (!string.IsNullOrEmpty(nsn)) Assert.Null(Nzqa.Enrolment(nsn));
        }
        foreach (var row in good)
        {
            var held = Nzqa.Enrolment(row.Nsn.TrimStart('0'));
            Assert.NotNull(held);
            Assert.Equal(257, held.ProviderNumber);
        }
        Assert.Equal((new DateOnly(2026, 2, 3), 12), (Nzqa.Enrolment(good[1].Nsn).EnrolmentDate, Nzqa.Enrolment(good[1].Nsn).YearLevel));
    }

    // ============================ Standards ============================

    private static readonly string[] StandardHeader = { "NSN", "Standard", "Version", "Year", "Grade", "Entry Method", "Result Provider", "Withdrawn", "Entry Status" };

    [Fact]
    public void Standard_corpus_reports_every_bad_row_sends_none_of_them_and_syncs_the_good_ones()
    {
        const string K = "Standard";
        var year = _fixture.Sandbox.State.AcademicYear;
        var enrolled = Nzqa.Enrolments(257).Where(e => e.LeavingDate == null).Select(e => e.Nsn).Take(40).ToList();
        var taken = Nzqa.Entries(257).Select(e => e.Nsn + "/" + e.StandardNumber).ToHashSet();
        var internalAs = Nzqa.Catalogue.Where(s => s.Type == "A" && s.Assessment == "Internal").Select(s => s.Number).ToList();
        var achievedOnly = Nzqa.Catalogue.First(s => s.Type == "U" && !s.AllowsMerit).Number;
        var free = enrolled.SelectMany(n => internalAs.Select(s => (Nsn: n, Number: s))).Where(p => !taken.Contains(p.Nsn + "/" + p.Number)).ToList();
        var next = 0;
        Dictionary<string, string> G()
        {
            var (nsn, number) = free[next++];
            return new() { ["NSN"] = nsn, ["Standard"] = number, ["Year"] = year.ToString(), ["Grade"] = "A" };
        }
        var dup = G();
        var rows = new List<Row>
        {
            new(K, G(), null, null),
            Bad(K, G(), null, null, ("Grade", "m")),
            Bad(K, G(), null, null, ("Grade", "")),
            Bad(K, G(), null, null, ("Grade", " E "), ("Withdrawn", "N"), ("Entry Status", "Entered")),
            Bad(K, G(), "NzqaInvalidResult", "Result", ("Grade", "X")),
            Bad(K, G(), "NzqaInvalidResult", "Result", ("Grade", "Achieved")),
            Bad(K, G(), "NzqaInvalidResult", "Result", ("Grade", "=1+1")),
            Bad(K, G(), "NzqaInvalidResult", "Result", ("Standard", achievedOnly), ("Grade", "E")),
            Bad(K, G(), "NzqaInvalidStandard", "StandardNumber", ("Standard", "AS91027")),
            Bad(K, G(), "NzqaInvalidStandard", "StandardNumber", ("Standard", "1234567")),
            Bad(K, G(), "NzqaInvalidStandard", "StandardNumber", ("Standard", "91027.0")),
            Bad(K, G(), "NzqaUnknownStandard", "StandardNumber", ("Standard", "99999")),
            Bad(K, G(), "NzqaMissingField", "StandardNumber", ("Standard", " ")),
            Bad(K, G(), "NzqaInvalidNumber", "StandardVersion", ("Version", "v2")),
            Bad(K, G(), "NzqaInvalidStandard", "StandardVersion", ("Version", "0")),
            Bad(K, G(), "NzqaInvalidNumber", "AcademicYear", ("Year", "2026.0")),
            Bad(K, G(), "NzqaInvalidYear", "AcademicYear", ("Year", "1999")),
            Bad(K, G(), "NzqaMissingField", "AcademicYear", ("Year", "")),
            Bad(K, G(), "NzqaInvalidEntryMethod", "EntryMethod", ("Entry Method", "Online")),
            Bad(K, G(), "NzqaInvalidNumber", "ResultProviderCode", ("Result Provider", "Te Kura")),
            Bad(K, G(), "NzqaInvalidProvider", "ResultProviderCode", ("Result Provider", "-5")),
            Bad(K, G(), "NzqaInvalidStatus", "Withdrawn", ("Withdrawn", "maybe")),
            Bad(K, G(), "NzqaInvalidStatus", "Status", ("Entry Status", "Deleted")),
            Bad(K, G(), "NzqaNoActiveEnrolment", "Nsn", ("NSN", FreshNsn())),
            Bad(K, G(), "NzqaInvalidNsn", "Nsn", ("NSN", "12-345")),
            Bad(K, dup, "NzqaDuplicateKey", "Key"),
            Bad(K, dup, "NzqaDuplicateKey", "Key", ("Standard", " " + dup["Standard"] + " "), ("NSN", "0" + dup["NSN"])),
        };
        var path = WriteCsv("standards.csv", StandardHeader, rows);
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        var entriesBefore = Nzqa.Entries(257).Count;
        var writesBefore = Nzqa.WriteItemCount;
        using var run = test.Run(EngineTest.Connect + "Import-NzqaRecord -Path $csv -Kind Standard | Compare-NzqaStandard | Where-Object Status -ne 'NzqaOnly' | Sync-NzqaStandard");
        Assert.Null(run.Thrown);
        AssertRowErrors(rows, run.Errors, "standards.csv");
        Assert.DoesNotContain(run.Errors, e => (Id(e) == "NzqaSyncFailed" || Id(e).StartsWith("NzqaRefused", StringComparison.Ordinal)));
        var good = rows.Where(r => r.Good).ToList();
        // A new entry is one item, and its result a second.
        Assert.Equal(good.Sum(r => r.Cells["Grade"].Trim().Length == 0 ? 1 : 2), Nzqa.WriteItemCount - writesBefore);
        Assert.Equal(entriesBefore + good.Count, Nzqa.Entries(257).Count);
        foreach (var row in good)
        {
            var held = Nzqa.Entries(257, year).Single(e => e.Nsn == row.Nsn && e.StandardNumber == row.Cells["Standard"]);
            var grade = row.Cells["Grade"].Trim();
            Assert.Equal(grade.Length == 0 ? null : grade.ToUpperInvariant(), held.Result);
        }
    }

    // ============================ pipeline objects ============================

    /// <summary>Hashtables and objects straight into Compare-Nzqa*: wrong .NET types, missing and renamed properties.</summary>
    [Fact]
    public void Pipeline_objects_with_wrong_types_or_names_get_errors_naming_the_record_and_the_good_ones_sync()
    {
        var nsns = Enumerable.Range(0, 16).Select(_ => FreshNsn()).ToArray();
        using var test = new EngineTest(_fixture);
        test.Variables["n"] = nsns;
        var writesBefore = Nzqa.WriteItemCount;
        using var run = test.Run(EngineTest.Connect + @"
            $dob = [datetime]'2009-07-14'
            $cases = @(
                @{ Case = 'good: typed values';             NSN = [long]$n[0];  'First Name' = 'Wiremu'; Surname = 'Tāwhiri'; DOB = $dob; Gender = 'M'; Ethnicity = '111;211' }
                [pscustomobject]@{ Case = 'good: renamed with -ColumnMap'; 'Student NSN' = $n[1]; 'Given' = 'Ngaio'; 'Family' = 'Marsh'; DOB = '2009-01-02'; Gender = 'f'; Ethnicity = @('111') }
                @{ Case = 'NzqaInvalidNsn Nsn';              NSN = 1.5;        'First Name' = 'A'; Surname = 'B'; DOB = $dob; Gender = 'M'; Ethnicity = '111' }
                @{ Case = 'NzqaMissingNsn Nsn';              NSN = $null;      'First Name' = 'A'; Surname = 'B'; DOB = $dob; Gender = 'M'; Ethnicity = '111' }
                @{ Case = 'NzqaInvalidDate DateOfBirth';     NSN = $n[4];      'First Name' = 'A'; Surname = 'B'; DOB = 40179; Gender = 'M'; Ethnicity = '111' }
                @{ Case = 'NzqaInvalidDate DateOfBirth';     NSN = $n[5];      'First Name' = 'A'; Surname = 'B'; DOB = $true; Gender = 'M'; Ethnicity = '111' }
                @{ Case = 'NzqaTooManyEthnicities Ethnicities'; NSN = $n[6];   'First Name' = 'A'; Surname = 'B'; DOB = $dob; Gender = 'M'; Ethnicity = @('111', '211', '311', '411') }
                @{ Case = 'NzqaInvalidGender Gender';        NSN = $n[7];      'First Name' = 'A'; Surname = 'B'; DOB = $dob; Gender = 1; Ethnicity = '111' }
                @{ Case = 'NzqaNoKnownProperties InputObject'; Foo = 1; Bar = 'x' }
                [pscustomobject]@{ Case = 'NzqaMissingNsn Nsn'; 'Learner No' = $n[9]; 'First Name' = 'A'; Surname = 'B'; DOB = $dob; Gender = 'M'; Ethnicity = '111' }
                'NzqaNoKnownProperties InputObject: a bare string'
            )
            $cases | Compare-NzqaLearner -ColumnMap @{ Nsn = 'Student NSN'; FirstName = 'Given'; LastName = 'Family' } -ErrorVariable bad -ErrorAction SilentlyContinue |
                Where-Object Status -eq 'New' | Sync-NzqaLearner
            $standardCases = @(
                @{ NSN = $n[10]; Standard = 91944; Year = [long]2026; Grade = 5 }
                @{ NSN = $n[11]; Standard = @(91944, 91945); Year = 2026; Grade = 'A' }
                @{ NSN = $n[12]; Standard = '91944'; Year = 2026.5; Grade = 'A' }
            )
            $standardCases | Compare-NzqaStandard -NzqaRecord @() -ErrorVariable +bad -ErrorAction SilentlyContinue | Out-Null
            @{ NSN = $n[13]; 'Year Level' = @(10, 11); 'Enrolment Date' = '2026-02-02' }, @{ NSN = $n[14]; 'Year Level' = 10.5; 'Enrolment Date' = [datetime]'2026-02-02' } |
                Compare-NzqaEnrolment -NzqaRecord @() -ErrorVariable +bad -ErrorAction SilentlyContinue | Out-Null
            , $bad");
        Assert.Null(run.Thrown);
        var errors = ((IEnumerable)run.Output.Last().BaseObject).Cast<object>().Select(o => (ErrorRecord)Base(o)).ToList();
        var synced = run.Output.Take(run.Output.Count - 1).ToList();

        // Learner cases: the error's target is the very object given, and its Case says what the error must be.
        var learnerErrors = errors.Where(e => e.FullyQualifiedErrorId.Contains("CompareNzqaLearner")).ToList();
        Assert.Equal(9, learnerErrors.Count);
        foreach (var e in learnerErrors)
        {
            var target = Base(e.TargetObject);
            // [pscustomobject] keeps its properties on the PSObject, a hashtable in itself.
            var expected = target is string s ? s : target is IDictionary d ? (string)d["Case"] : (string)Prop(e.TargetObject, "Case");
            Assert.True(expected != null, "the error's target is not the object given: " + e.TargetObject);
            var parts = expected.Split(' ', ':');
            Assert.Equal(parts[0], Id(e));
            Assert.Contains(parts[1], FieldsOf(e));
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
        }
        Assert.Equal(new[] { "NzqaInvalidResult", "NzqaInvalidStandard", "NzqaInvalidNumber" },
            errors.Where(e => e.FullyQualifiedErrorId.Contains("CompareNzqaStandard")).Select(Id));
        Assert.Equal(new[] { "NzqaInvalidYearLevel", "NzqaInvalidYearLevel" }, errors.Where(e => e.FullyQualifiedErrorId.Contains("CompareNzqaEnrolment")).Select(Id));

        Assert.Equal(2, synced.Count(o => Prop(o, "Outcome")?.ToString() == "Synced"));
        Assert.Equal(2, Nzqa.WriteItemCount - writesBefore);
        var wiremu = Nzqa.Learner(nsns[0]);
        Assert.Equal(("Wiremu", "Tāwhiri", new DateOnly(2009, 7, 14)), (wiremu.FirstName, wiremu.LastName, wiremu.DateOfBirth));
        Assert.Equal(new[] { "111", "211" }, wiremu.Ethnicities);
        Assert.Equal(("Ngaio", "Marsh", "F"), (Nzqa.Learner(nsns[1]).FirstName, Nzqa.Learner(nsns[1]).LastName, Nzqa.Learner(nsns[1]).Gender));
        foreach (var nsn in nsns.Skip(2)) Assert.Null(Nzqa.Learner(nsn));
    }

    // ============================ whole files ============================

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
    private const string LearnerCsvHeader = "NSN,First Name,Last Name,Date of Birth,Gender,Ethnicity 1\n";

    public static IEnumerable<object[]> Files()
    {
        const string h = LearnerCsvHeader;
        const string ok = "81000001,Hēmi,Pōmare,2010-03-05,M,111\n82000002,Mele,Taufaʻao,2010-04-06,F,211\n";
        object[] F(string name, byte[] bytes, int records, string errorId, int? errorLine = null, string columnMap = null) =>
            new object[] { name, bytes, records, errorId, errorLine, columnMap };
        yield return F("utf-8 without BOM", Utf8(h + ok), 2, null);
        yield return F("utf-8 with BOM", Encoding.UTF8.GetPreamble().Concat(Utf8(h + ok)).ToArray(), 2, null);
        yield return F("CRLF line ends", Utf8((h + ok).Replace("\n", "\r\n")), 2, null);
        yield return F("UTF-16 with BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(h + ok)).ToArray(), 2, null);
        yield return F("semicolon-delimited", Utf8((h + ok).Replace(',', ';').Replace("Pōmare", "Pōmare, Jr")), 2, null);
        // The row with an impossible date still comes out (its date empty), so a compare shows it Invalid, not gone.
        yield return F("blank lines between rows", Utf8(h + "\n81000001,Hēmi,Pōmare,2010-03-05,M,111\n\n\n82000002,Mele,Taufaʻao,2010-02-30,F,211\n"), 2, "NzqaInvalidDate", 6);
        yield return F("extra columns", Utf8("NSN,Shoe Size,First Name,Last Name,Date of Birth,Gender,Ethnicity 1,House\n81000001,9,Hēmi,Pōmare,2010-03-05,M,111,Kauri\n"), 1, null);
        yield return F("renamed column with -ColumnMap", Utf8(h.Replace("NSN", "Student NSN") + ok), 2, null, null, "Student NSN");
        yield return F("empty file", Array.Empty<byte>(), 0, "NzqaCsvEmpty");
        yield return F("header only", Utf8(h), 0, null);
        yield return F("not CSV: a PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xC3, 0x28 }, 0, "NzqaCsvNotUtf8");
        yield return F("not CSV: JSON", Utf8("[{\"nsn\": \"81000001\", \"name\": \"Hēmi\"}]\n"), 0, "NzqaCsvNoKnownColumns");
        yield return F("not CSV: prose", Utf8("Dear Principal,\nPlease find attached the leavers for Term 1.\nNgā mihi\n"), 0, "NzqaCsvNoKnownColumns");
        yield return F("Windows-1252, not UTF-8", Encoding.Latin1.GetBytes(h + "81000001,Zoë,Müller,2010-03-05,F,111\n"), 0, "NzqaCsvNotUtf8");
        yield return F("unclosed quote swallows the rest", Utf8(h + "81000001,Hēmi,Pōmare,2010-03-05,M,111\n82000002,\"Mele,Taufaʻao,2010-04-06,F,211\n83000003,Ana,Lee,2010-04-06,F,211\n"), 1, "NzqaCsvUnclosedQuote", 3);
        yield return F("a row with fewer cells", Utf8(h + "81000001,Hēmi,Pōmare\n82000002,Mele,Taufaʻao,2010-04-06,F,211\n"), 2, null);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Whole_file_defects_are_one_clear_error_and_the_good_rows_still_come_through(string name, byte[] bytes, int records, string errorId, int? errorLine, string columnMap)
    {
        var path = WriteFile("file.csv", bytes);
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        test.Variables["map"] = columnMap == null ? null : new Hashtable { ["Nsn"] = columnMap };
        using var run = test.Run(@"
            $records = @(if ($map) { Import-NzqaRecord -Path $csv -Kind Learner -ColumnMap $map } else { Import-NzqaRecord -Path $csv -Kind Learner })
            $records");
        Assert.Null(run.Thrown);
        Assert.Equal(records, run.Output.Count);
        if (errorId == null) Assert.Empty(run.Errors);
        else
        {
            var error = Assert.Single(run.Errors);
            Assert.Equal(errorId, Id(error));
            Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains(Path.GetFileName(path), error.Exception.Message);
            if (errorLine != null) Assert.True(error.Exception.Message.Contains($"line {errorLine}:"), error.Exception.Message);
        }
        if (records > 0)
        {
            Assert.Equal("Hēmi", Prop(run.Output[0], "FirstName"));
            Assert.Equal("81000001", Prop(run.Output[0], "Nsn"));
            if (name != "a row with fewer cells") Assert.Equal(new DateTime(2010, 3, 5), Prop(run.Output[0], "DateOfBirth"));
        }
        if (name == "semicolon-delimited") Assert.Equal("Pōmare, Jr", Prop(run.Output[0], "LastName"));
        if (name == "header only") Assert.Contains(run.Warnings, w => w.Message.Contains("no data rows"));
        if (name == "a row with fewer cells") Assert.Null(Prop(run.Output[0], "DateOfBirth")); // missing, reported by Compare as NzqaMissingField
    }

    [Fact]
    public void A_renamed_or_missing_key_column_without_a_column_map_is_one_error_naming_the_nearest_header_and_sends_nothing()
    {
        // Issue #11 defect 3: this was one NzqaMissingNsn per row (and every NZQA record NzqaOnly); now the header is checked first.
        var path = WriteFile("renamed.csv", Utf8(LearnerCsvHeader.Replace("NSN", "Student NSN") + "81000001,Hēmi,Pōmare,2010-03-05,M,111\n82000002,Mele,Taufaʻao,2010-04-06,F,211\n"));
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        var writesBefore = Nzqa.WriteItemCount;
        using var run = test.Run(EngineTest.Connect + "Import-NzqaRecord $csv Learner | Compare-NzqaLearner | Where-Object Status -ne 'NzqaOnly' | Sync-NzqaLearner");
        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaCsvMissingColumn", Id(error));
        Assert.Contains("Nsn", error.Exception.Message);
        Assert.Contains("nearest header is 'Student NSN'", error.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Equal(0, Nzqa.WriteItemCount - writesBefore);
    }

    [Fact]
    public void A_column_map_naming_no_field_is_refused_before_anything_is_read()
    {
        var path = WriteFile("map.csv", Utf8(LearnerCsvHeader.Replace("NSN", "Student NSN") + "81000001,Hēmi,Pōmare,2010-03-05,M,111\n"));
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        using var run = test.Run("Import-NzqaRecord $csv Learner -ColumnMap @{ Nssn = 'Student NSN' }; 'script goes on'");
        var error = Assert.Single(run.Errors); // a terminating error of the statement: $? is false, the script may catch it
        Assert.Equal("script goes on", Assert.Single(run.Output).BaseObject);
        Assert.Equal("NzqaUnknownColumnMapField", Id(error));
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'Nssn'", error.Exception.Message);
    }

    /// <summary>A generated 200,000-row export with bad rows at known lines: every good row out, every bad line named.</summary>
    [Fact]
    public void A_huge_generated_file_reads_every_good_row_and_names_every_bad_line()
    {
        const int total = 200_000;
        var badLines = new HashSet<int> { 2, 77_777, 150_001, total + 1 };
        var sb = new StringBuilder(LearnerCsvHeader.Length + total * 48);
        sb.Append(LearnerCsvHeader);
        for (var i = 0; i < total; i++)
        {
            var line = i + 2;
            sb.Append(90_000_000 + i).Append(",Tāne").Append(i % 97).Append(",\"Pōmare, ").Append(i % 13).Append("\",")
              .Append(badLines.Contains(line) ? "2010-02-30" : "2010-03-05").Append(",M,111\n");
        }
        var path = WriteFile("huge.csv", Utf8(sb.ToString()));
        using var test = new EngineTest(_fixture);
        test.Variables["csv"] = path;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var run = test.Run("$n = 0; $unread = @(); Import-NzqaRecord $csv Learner | ForEach-Object { $n++; if ($null -eq $_.DateOfBirth) { $unread += $_.SourceLine } }; $n; $unread");
        _out.WriteLine($"200,000 rows imported in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Null(run.Thrown);
        // Every row comes out; the bad ones with the date that could not be read left empty (a compare makes them Invalid).
        Assert.Equal(total, (int)run.Output[0].BaseObject);
        Assert.Equal(badLines.OrderBy(l => l), run.Output.Skip(1).Select(o => (int)o.BaseObject).OrderBy(l => l));
        Assert.Equal(badLines.OrderBy(l => l), run.Errors.Select(e => LineOf(e).Value).OrderBy(l => l));
        Assert.All(run.Errors, e => Assert.Equal("NzqaInvalidDate", Id(e)));
    }
}
