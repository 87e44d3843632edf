using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Corpus;

/// <summary>
/// The CSV side of the bad-input corpus, without PowerShell: what CsvRecordSource makes of awkward files — the line
/// each row starts on, the cells exactly as written, and the rows whose cells cannot be trusted.
/// </summary>
public class CsvCorpusTests : IDisposable
{
    private readonly List<string> _files = new();

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private List<CsvRow> Read(byte[] bytes, Action<string[]> onHeader = null)
    {
        var path = Path.Combine(Path.GetTempPath(), "nzqasync-csv-corpus-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, bytes);
        _files.Add(path);
        return CsvRecordSource.Read(path, onHeader).ToList();
    }

    private List<CsvRow> Read(string text) => Read(Encoding.UTF8.GetBytes(text));

    /// <summary>(file text, the line each row starts on, the Name cell of each row, the defect id of each row).</summary>
    public static IEnumerable<object[]> Files() => new[]
    {
        Case("plain LF", "NSN,Name\n1,Hēmi\n2,Mele\n", new[] { 2, 3 }, new[] { "Hēmi", "Mele" }),
        Case("CRLF", "NSN,Name\r\n1,Hēmi\r\n2,Mele\r\n", new[] { 2, 3 }, new[] { "Hēmi", "Mele" }),
        Case("no newline at the end", "NSN,Name\n1,Hēmi\n2,Mele", new[] { 2, 3 }, new[] { "Hēmi", "Mele" }),
        Case("quoted line break (LF)", "NSN,Name\n1,\"Hēmi\nPōmare\"\n2,Mele\n", new[] { 2, 4 }, new[] { "Hēmi\nPōmare", "Mele" }),
        Case("quoted line break (CRLF)", "NSN,Name\r\n1,\"a\r\nb\r\nc\"\r\n2,Mele\r\n", new[] { 2, 5 }, new[] { "a\r\nb\r\nc", "Mele" }),
        Case("blank lines", "NSN,Name\n\n1,Hēmi\n\n\n2,Mele\n", new[] { 3, 6 }, new[] { "Hēmi", "Mele" }),
        Case("embedded comma and doubled quotes", "NSN,Name\n1,\"Smith, \"\"Jr\"\"\"\n", new[] { 2 }, new[] { "Smith, \"Jr\"" }),
        Case("stray quote inside an unquoted value is kept", "NSN,Name\n1,O\"Neil\n2,Mele\n", new[] { 2, 3 }, new[] { "O\"Neil", "Mele" }),
        Case("formula-like text is kept as text", "NSN,Name\n1,=cmd|' /C calc'!A0\n2,+SUM(1)\n3,@x\n4,-1+1\n5,\"=HYPERLINK(\"\"http://x\"\")\"\n",
            new[] { 2, 3, 4, 5, 6 }, new[] { "=cmd|' /C calc'!A0", "+SUM(1)", "@x", "-1+1", "=HYPERLINK(\"http://x\")" }),
        Case("non-ASCII names", "NSN,Name\n1,Tēvita Fifita-ʻAhoʻeitu\n2,Faʻamausili\n3,王小明\n4,Kiri🌺\n",
            new[] { 2, 3, 4, 5 }, new[] { "Tēvita Fifita-ʻAhoʻeitu", "Faʻamausili", "王小明", "Kiri🌺" }),
        Case("surrounding spaces trimmed", "NSN,Name\n 1 ,  Hēmi  \n", new[] { 2 }, new[] { "Hēmi" }),
        Case("semicolons", "NSN;Name\n1;Smith, Jr\n", new[] { 2 }, new[] { "Smith, Jr" }),
        Case("tabs", "NSN\tName\n1\tSmith, Jr\n", new[] { 2 }, new[] { "Smith, Jr" }),
        Case("short row", "NSN,Name,Year\n1\n2,Mele,11\n", new[] { 2, 3 }, new[] { null, "Mele" }),
        Case("trailing empty cells are not a defect", "NSN,Name\n1,Hēmi,,\n", new[] { 2 }, new[] { "Hēmi" }),
        Case("more cells than headers", "NSN,Name,Year\n1,Smith, Jr,11\n2,Mele,12\n", new[] { 2, 3 }, new[] { "Smith", "Mele" }, "NzqaCsvExtraFields", null),
        Case("unclosed quote mid-file", "NSN,Name\n1,Hēmi\n2,\"Mele\n3,Ana\n4,Tui\n", new[] { 2, 3 }, new[] { "Hēmi", null }, null, "NzqaCsvUnclosedQuote"),
        Case("unclosed quote on the last row", "NSN,Name\n1,Hēmi\n2,\"Mele\n", new[] { 2, 3 }, new[] { "Hēmi", null }, null, "NzqaCsvUnclosedQuote"),
    };

    private static object[] Case(string name, string text, int[] lines, string[] names, params string[] defects) =>
        new object[] { name, text, lines, names, defects.Length == 0 ? new string[lines.Length] : defects };

    [Theory]
    [MemberData(nameof(Files))]
    public void Rows_keep_their_first_line_their_text_and_say_when_they_cannot_be_trusted(string name, string text, int[] lines, string[] names, string[] defects)
    {
        var rows = Read(text);
        Assert.True(lines.SequenceEqual(rows.Select(r => r.Line)), $"{name}: lines {string.Join(",", rows.Select(r => r.Line))}");
        Assert.Equal(defects, rows.Select(r => r.DefectId));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].DefectId != null) continue;
            Assert.Equal(names[i], rows[i].Cells.TryGetValue("Name", out var v) ? v : null);
        }
        foreach (var row in rows.Where(r => r.DefectId == "NzqaCsvUnclosedQuote"))
            Assert.Contains($"opened on line {row.Line}", row.Defect);
    }

    [Fact]
    public void Byte_order_marks_are_honoured_and_the_text_is_the_same()
    {
        const string text = "NSN,Name\n1,Hēmi Pōmare\n";
        var utf8 = Read(Encoding.UTF8.GetBytes(text));
        var utf8Bom = Read(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray());
        var utf16 = Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray());
        var utf16Be = Read(Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray());
        foreach (var rows in new[] { utf8, utf8Bom, utf16, utf16Be })
        {
            var row = Assert.Single(rows);
            Assert.Equal(("1", "Hēmi Pōmare"), (row.Cells["NSN"], row.Cells["Name"]));
        }
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused_rather_than_read_with_replacement_characters()
    {
        Assert.Throws<DecoderFallbackException>(() => Read(Encoding.Latin1.GetBytes("NSN,Name\n1,Zoë Müller\n")));
    }

    [Fact]
    public void An_empty_file_has_no_header_and_a_header_only_file_has_no_rows()
    {
        string[] header = null;
        Assert.Empty(Read(Array.Empty<byte>(), h => header = h));
        Assert.Null(header);
        Assert.Empty(Read(Encoding.UTF8.GetBytes("NSN,Name\n"), h => header = h));
        Assert.Equal(new[] { "NSN", "Name" }, header);
    }

    [Fact]
    public void A_repeated_header_keeps_the_first_column()
    {
        var row = Assert.Single(Read("NSN,Name,NSN\n1,Hēmi,2\n"));
        Assert.Equal("1", row.Cells["NSN"]);
    }
}

/// <summary>
/// Import-NzqaRecord and Compare-Nzqa* -Path bind each CSV row by header position (one plan per file); the records
/// and problems must be what reading the same row's cells by header name gives (the slower path it replaced).
/// </summary>
public class CsvHeaderPlanTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "nzqasync-plan-" + Guid.NewGuid().ToString("N") + ".csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    // Two columns for one field (the later one is read last), a blank header, a repeated header in another case,
    // a short row, a column that feeds nothing, bad numbers, a control character in a column that feeds nothing.
    [InlineData("NSN,National Student Number,Standard,Year,Result,,nsn,Notes\n1,2,91027,2026,A,x,3,ok\n4,,91028,20x6\n5,5,91027,2026,M,,,\u0007 bell\n")]
    [InlineData("Student NSN;Standard Number;Academic Year;Grade;Version;Withdrawn\n 100000025 ; 91927 ;2026;E;x;maybe\n100000026;91927;2026;;2;Y\n")]
    public void A_row_bound_by_position_reads_as_the_same_row_by_header(string text)
    {
        File.WriteAllText(_path, text, new UTF8Encoding(false));
        string[] header = null;
        var lines = CsvRecordSource.ReadLines(_path, h => header = h).ToList();
        Assert.NotEmpty(lines);
        var byPosition = new LocalRecordReader<NzqaSync.Domain.StandardRecord>(StandardBindings.All);
        var byName = new LocalRecordReader<NzqaSync.Domain.StandardRecord>(StandardBindings.All);
        var plan = byPosition.PlanFor(header);
        foreach (var line in lines)
        {
            var row = line.ToRow();
            Assert.Equal(CsvRecordSource.CheckControlCharacters(row, byName.Binds), plan.CheckControlCharacters(line));
            Assert.Equal(row.Defect, line.Defect);
            var a = byPosition.Read(plan, line.Values);
            var b = byName.Read(row.Cells);
            Assert.Equal(Newtonsoft.Json.JsonConvert.SerializeObject(b.Record), Newtonsoft.Json.JsonConvert.SerializeObject(a.Record));
            Assert.Equal(b.Problems.Select(p => p.ErrorId + "|" + p.Field + "|" + p.Message), a.Problems.Select(p => p.ErrorId + "|" + p.Field + "|" + p.Message));
            Assert.Equal(b.Present.OrderBy(x => x), a.Present.OrderBy(x => x));
        }
    }
}
