using CsvHelper;
using CsvHelper.Configuration;

namespace NzqaSync.Sources;

/// <summary>One data row of a CSV file: its line number and its cells by header.</summary>
public sealed class CsvRow(int line, Dictionary<string, string> cells)
{
    /// <summary>The line the row starts on (a quoted field may carry line breaks, so a row can span lines).</summary>
    public int Line { get; } = line;
    public Dictionary<string, string> Cells { get; } = cells;

    /// <summary>Why the row's cells cannot be trusted (an unclosed quote, more cells than headers); null when sound.</summary>
    public string Defect { get; set; }

    /// <summary>The stable error id for <see cref="Defect"/>.</summary>
    public string DefectId { get; set; }
}

/// <summary>
/// One data row as read, before any dictionary is built: its cells by header position (null where a short row
/// has no cell), its line and its defect. The fast form Import-NzqaRecord and Compare-Nzqa* -Path read; a
/// <see cref="CsvRow"/> (cells by header) is built from it only where one is needed (the target of an error).
/// </summary>
public sealed class CsvLine
{
    internal CsvLine(string[] headers, int line, string[] values)
    {
        Headers = headers;
        Line = line;
        Values = values;
    }

    /// <summary>The file's header, shared by every row of the file.</summary>
    public string[] Headers { get; }
    public int Line { get; }
    /// <summary>The cells by header position.</summary>
    public string[] Values { get; }
    public string Defect { get; internal set; }
    public string DefectId { get; internal set; }

    /// <summary>The row with its cells by header (blank headers left out, a repeated header keeps its first column).</summary>
    public CsvRow ToRow()
    {
        var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (DefectId != "NzqaCsvFieldTooLong")
            for (var i = 0; i < Headers.Length; i++)
            {
                if (string.IsNullOrWhiteSpace(Headers[i]) || cells.ContainsKey(Headers[i])) continue;
                cells[Headers[i]] = Values[i];
            }
        return new CsvRow(Line, cells) { Defect = Defect, DefectId = DefectId };
    }
}

/// <summary>Reads an SMS export (UTF-8 with or without BOM, quoted fields, macrons intact) with CsvHelper.</summary>
public static class CsvRecordSource
{
    private static readonly char[] LineBreaks = { '\r', '\n' };

    /// <param name="onHeader">Called once with the header row (not called for an empty file).</param>
    /// <exception cref="DecoderFallbackException">The file is not UTF-8 (or UTF-16 with a BOM); nothing is guessed.</exception>
    public static IEnumerable<CsvRow> Read(string path, Action<string[]> onHeader = null)
    {
        foreach (var line in ReadLines(path, onHeader)) yield return line.ToRow();
    }

    /// <summary>
    /// The rows with their cells by header position: what <see cref="Read"/> gives, without a dictionary per row.
    /// </summary>
    /// <param name="onHeader">Called once with the header row (not called for an empty file).</param>
    /// <exception cref="DecoderFallbackException">The file is not UTF-8 (or UTF-16 with a BOM); nothing is guessed.</exception>
    public static IEnumerable<CsvLine> ReadLines(string path, Action<string[]> onHeader = null)
    {
        string badField = null;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            TrimOptions = TrimOptions.Trim,
            // An unclosed quote makes CsvHelper read to the end of the file as one field: say so, never drop the rows silently.
            BadDataFound = args => badField = args.Field ?? "",
            MissingFieldFound = null,
            HeaderValidated = null,
            IgnoreBlankLines = true,
            // Equal cells (a student's NSN and names on each of their rows, standard numbers, result codes) share
            // one string: fewer allocations while reading, less memory for what is kept.
            CacheFields = true,
        };
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024))
        // Invalid UTF-8 (e.g. a Windows-1252 export with "Zoë") throws rather than turning letters into U+FFFD.
        using (var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true))
        // One huge field cannot fill memory: an over-long record reaches CsvHelper as a one-cell marker row.
        using (var limited = new CsvFieldLimitReader(text))
        using (var csv = new CsvReader(limited, config))
        {
            if (!csv.Read()) yield break;
            csv.ReadHeader();
            var headers = csv.HeaderRecord ?? Array.Empty<string>();
            onHeader?.Invoke(headers);
            var parser = csv.Parser;
            while (true)
            {
                badField = null;
                if (!csv.Read()) break;
                var count = parser.Count;
                var values = new string[headers.Length];
                // The cell as CsvHelper reads it (trimmed); a short row has no cell (null) for the headers past its end.
                for (var i = 0; i < headers.Length && i < count; i++) values[i] = parser[i];
                // A stray quote inside an unquoted value (ab"c) is kept as typed; a quote that opens a field and never
                // closes swallows the rest of the file into one cell.
                var unclosed = badField != null && badField.TrimStart().StartsWith("\"", StringComparison.Ordinal);
                // Having read to the end of the file, the parser has counted one line past the last.
                var raw = unclosed ? parser.RawRecord ?? "" : null;
                var endLine = parser.RawRow - (unclosed && raw.EndsWith("\n", StringComparison.Ordinal) ? 1 : 0);
                var row = new CsvLine(headers, StartLine(parser, raw, endLine), values);
                var first = count > 0 ? parser[0] : null;
                var tooLong = first != null && first.Length == 2 && first[0] == CsvFieldLimitReader.Marker;
                if (tooLong)
                {
                    Array.Clear(values, 0, values.Length);
                    row.DefectId = "NzqaCsvFieldTooLong";
                    row.Defect = first[1] == 'F'
                        ? $"a field is longer than {CsvFieldLimitReader.MaxFieldLength:N0} characters (the most a CSV field may hold); the row was not imported."
                        : $"the row is longer than {CsvFieldLimitReader.MaxRecordLength:N0} characters (the most a CSV row may hold); the row was not imported.";
                }
                else if (unclosed)
                {
                    row.DefectId = "NzqaCsvUnclosedQuote";
                    row.Defect = row.Line == endLine
                        ? $"a quoted field opened on line {row.Line} is never closed."
                        : $"a quoted field opened on line {row.Line} is never closed, so lines {row.Line}–{endLine} were read as one row " +
                          "and the rows after it were not imported.";
                }
                else
                {
                    for (var i = headers.Length; i < count; i++)
                    {
                        if (string.IsNullOrWhiteSpace(parser[i])) continue;
                        row.DefectId = "NzqaCsvExtraFields";
                        row.Defect = $"the row has {count} cells but the header has {headers.Length} columns " +
                                     "(a comma inside an unquoted value shifts every cell after it); quote values that contain the delimiter.";
                        break;
                    }
                }
                yield return row;
            }
        }
    }

    /// <summary>
    /// The rule for text in the columns that feed a record: no control characters — U+0000–U+001F (tab and line
    /// breaks included: no NZQA or DXP field holds one, and a line break in a quoted cell is an Excel Alt+Enter
    /// typed by mistake), U+007F–U+009F. They would reach NZQA's payloads as they are ("Ni\0kau").
    /// Columns that feed no field (an SMS's own notes column) are not checked.
    /// </summary>
    public const string ControlCharacterRule = "text may not contain control characters (U+0000–U+001F, including tab and line breaks, or U+007F–U+009F)";

    /// <summary>Marks <paramref name="row"/> NzqaCsvControlCharacter when a column <paramref name="feedsAField"/> holds a control character.</summary>
    public static bool CheckControlCharacters(CsvRow row, Func<string, bool> feedsAField)
    {
        foreach (var cell in row.Cells)
        {
            var value = cell.Value;
            if (string.IsNullOrEmpty(value) || !feedsAField(cell.Key)) continue;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c >= 0x20 && (c < 0x7F || c > 0x9F)) continue;
                row.DefectId = "NzqaCsvControlCharacter";
                row.Defect = $"column '{cell.Key}' holds the control character U+{(int)c:X4} at position {i + 1}; {ControlCharacterRule}.";
                return true;
            }
        }
        return false;
    }

    /// <summary>The line a record starts on: the parser counts to its last line.</summary>
    private static int StartLine(IParser parser, string raw, int endLine)
    {
        if (raw == null)
        {
            // Only a quoted cell can hold a line break: a row without one starts on the line it ends on, and its
            // raw text (a string per row) is not needed.
            var breaksInside = false;
            for (var i = 0; i < parser.Count && !breaksInside; i++)
                breaksInside = parser[i]?.IndexOfAny(LineBreaks) >= 0;
            if (!breaksInside) return endLine;
            raw = parser.RawRecord;
        }
        raw = raw ?? "";
        var end = raw.Length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) end--;
        var breaks = 0;
        for (var i = 0; i < end; i++)
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 >= end || raw[i + 1] != '\n'))) breaks++;
        return endLine - breaks;
    }
}
