using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Security;

/// <summary>Issue #17 item 5: a CSV field cannot take the machine's memory, and control characters never pass.</summary>
public sealed class CsvLimitTests : IDisposable
{
    private readonly List<string> _files = new();

    public void Dispose()
    {
        foreach (var f in _files) File.Delete(f);
    }

    private string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "nzqasync-csv-limit-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        _files.Add(path);
        return path;
    }

    [Fact]
    public void An_over_long_field_is_one_row_with_an_error_naming_its_line_and_the_rows_after_it_are_read()
    {
        var big = new string('x', 100_000);
        var rows = CsvRecordSource.Read(Write($"NSN,Name\n1,Hēmi\n2,{big}\n3,Mele\n")).ToList();

        Assert.Equal(new[] { 2, 3, 4 }, rows.Select(r => r.Line));
        Assert.Equal("NzqaCsvFieldTooLong", rows[1].DefectId);
        Assert.Contains("65,536", rows[1].Defect);
        Assert.Null(rows[0].Defect);
        Assert.Null(rows[2].Defect);
        Assert.Equal("Mele", rows[2].Cells["Name"]);
        Assert.DoesNotContain(rows[1].Cells.Values, v => v != null && v.Length > 1000);
    }

    [Fact]
    public void An_over_long_quoted_field_across_lines_keeps_the_line_numbers_of_the_rows_after_it()
    {
        var big = string.Join("\r\n", Enumerable.Repeat(new string('y', 30_000), 4)) + " \"\"quoted\"\", still";
        var rows = CsvRecordSource.Read(Write($"NSN,Name\r\n1,\"{big}\"\r\n2,\"Mele, \"\"Jr\"\"\"\r\n")).ToList();

        Assert.Equal(new[] { 2, 6 }, rows.Select(r => r.Line));
        Assert.Equal("NzqaCsvFieldTooLong", rows[0].DefectId);
        Assert.Null(rows[1].Defect);
        Assert.Equal("Mele, \"Jr\"", rows[1].Cells["Name"]);
    }

    [Fact]
    public void A_huge_line_is_read_without_holding_it()
    {
        // 20 million characters on one line: read whole, it is a 40 MB string (and CsvHelper's growing buffers besides).
        var path = Path.Combine(Path.GetTempPath(), "nzqasync-csv-huge-" + Guid.NewGuid().ToString("N") + ".csv");
        _files.Add(path);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            writer.Write("NSN,Name\n1,");
            var chunk = new string('z', 1_000_000);
            for (var i = 0; i < 20; i++) writer.Write(chunk);
            writer.Write("\n2,Mele\n");
        }
        var before = GC.GetAllocatedBytesForCurrentThread();

        var rows = CsvRecordSource.Read(path).ToList();

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("NzqaCsvFieldTooLong", rows[0].DefectId);
        Assert.Equal("Mele", rows[1].Cells["Name"]);
        Assert.True(allocated < 20_000_000L * 2, $"reading the file allocated {allocated:N0} bytes, as much as the line itself");
    }

    [Theory]
    [InlineData("Ni\u0000kau", "U+0000")]
    [InlineData("Ni\u0007kau", "U+0007")]
    [InlineData("Ni\tkau", "U+0009")]
    [InlineData("Ni\u001bkau", "U+001B")]
    [InlineData("Ni\u0085kau", "U+0085")]
    public void A_control_character_in_a_column_that_feeds_a_field_refuses_the_row_with_the_rule(string name, string code)
    {
        var rows = CsvRecordSource.Read(Write($"NSN,First Name,Notes\n1,{name},\n2,Mele,\"line one\nline two\"\n")).ToList();

        Assert.True(CsvRecordSource.CheckControlCharacters(rows[0], column => column != "Notes"));
        Assert.False(CsvRecordSource.CheckControlCharacters(rows[1], column => column != "Notes"));
        Assert.Equal("NzqaCsvControlCharacter", rows[0].DefectId);
        Assert.Contains(code, rows[0].Defect);
        Assert.Contains("First Name", rows[0].Defect);
        Assert.Contains(CsvRecordSource.ControlCharacterRule, rows[0].Defect);
        Assert.Null(rows[1].Defect);
    }

    [Fact]
    public void Ordinary_text_passes_through_the_limit_unchanged()
    {
        var text = "NSN;Name;Note\r\n1;\"Smith; \"\"Jr\"\"\";\"a\r\nb\"\r\n2;Tēvita Fifita-ʻAhoʻeitu;王小明\r\n3;O\"Neil;x";
        using var reader = new CsvFieldLimitReader(new StringReader(text), maxField: 64, maxRecord: 1024);
        Assert.Equal(text, reader.ReadToEnd());
    }
}
