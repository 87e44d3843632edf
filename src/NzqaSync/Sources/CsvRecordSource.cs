using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace NzqaSync.Sources
{
    /// <summary>One data row of a CSV file: its line number and its cells by header.</summary>
    public sealed class CsvRow
    {
        public CsvRow(int line, Dictionary<string, string> cells)
        {
            Line = line;
            Cells = cells;
        }

        /// <summary>The line the row starts on (a quoted field may carry line breaks, so a row can span lines).</summary>
        public int Line { get; }
        public Dictionary<string, string> Cells { get; }

        /// <summary>Why the row's cells cannot be trusted (an unclosed quote, more cells than headers); null when sound.</summary>
        public string Defect { get; set; }

        /// <summary>The stable error id for <see cref="Defect"/>.</summary>
        public string DefectId { get; set; }
    }

    /// <summary>Reads an SMS export (UTF-8 with or without BOM, quoted fields, macrons intact) with CsvHelper.</summary>
    public static class CsvRecordSource
    {
        /// <param name="onHeader">Called once with the header row (not called for an empty file).</param>
        /// <exception cref="DecoderFallbackException">The file is not UTF-8 (or UTF-16 with a BOM); nothing is guessed.</exception>
        public static IEnumerable<CsvRow> Read(string path, Action<string[]> onHeader = null)
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
            };
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            // Invalid UTF-8 (e.g. a Windows-1252 export with "Zoë") throws rather than turning letters into U+FFFD.
            using (var text = new StreamReader(stream, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true))
            using (var csv = new CsvReader(text, config))
            {
                if (!csv.Read()) yield break;
                csv.ReadHeader();
                var headers = csv.HeaderRecord ?? Array.Empty<string>();
                onHeader?.Invoke(headers);
                while (true)
                {
                    badField = null;
                    if (!csv.Read()) break;
                    var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < headers.Length; i++)
                    {
                        if (string.IsNullOrWhiteSpace(headers[i]) || cells.ContainsKey(headers[i])) continue;
                        cells[headers[i]] = csv.TryGetField<string>(i, out var value) ? value : null;
                    }
                    // A stray quote inside an unquoted value (ab"c) is kept as typed; a quote that opens a field and never
                    // closes swallows the rest of the file into one cell.
                    var unclosed = badField != null && badField.TrimStart().StartsWith("\"", StringComparison.Ordinal);
                    // Having read to the end of the file, the parser has counted one line past the last.
                    var endLine = csv.Parser.RawRow - (unclosed && (csv.Parser.RawRecord ?? "").EndsWith("\n", StringComparison.Ordinal) ? 1 : 0);
                    var row = new CsvRow(StartLine(csv.Parser.RawRecord, endLine), cells);
                    if (unclosed)
                    {
                        row.DefectId = "NzqaCsvUnclosedQuote";
                        row.Defect = row.Line == endLine
                            ? $"a quoted field opened on line {row.Line} is never closed."
                            : $"a quoted field opened on line {row.Line} is never closed, so lines {row.Line}–{endLine} were read as one row " +
                              "and the rows after it were not imported.";
                    }
                    else
                    {
                        for (var i = headers.Length; i < csv.Parser.Count; i++)
                        {
                            if (string.IsNullOrWhiteSpace(csv.Parser[i])) continue;
                            row.DefectId = "NzqaCsvExtraFields";
                            row.Defect = $"the row has {csv.Parser.Count} cells but the header has {headers.Length} columns " +
                                         "(a comma inside an unquoted value shifts every cell after it); quote values that contain the delimiter.";
                            break;
                        }
                    }
                    yield return row;
                }
            }
        }

        /// <summary>The line a record starts on: the parser counts to its last line.</summary>
        private static int StartLine(string raw, int endLine)
        {
            raw = raw ?? "";
            var end = raw.Length;
            while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) end--;
            var breaks = 0;
            for (var i = 0; i < end; i++)
                if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 >= end || raw[i + 1] != '\n'))) breaks++;
            return endLine - breaks;
        }
    }
}
