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

        public int Line { get; }
        public Dictionary<string, string> Cells { get; }
    }

    /// <summary>Reads an SMS export (UTF-8 with or without BOM, quoted fields, macrons intact) with CsvHelper.</summary>
    public static class CsvRecordSource
    {
        public static IEnumerable<CsvRow> Read(string path)
        {
            var config = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                DetectDelimiter = true,
                TrimOptions = TrimOptions.Trim,
                BadDataFound = null,
                MissingFieldFound = null,
                HeaderValidated = null,
                IgnoreBlankLines = true,
            };
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            using (var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
            using (var csv = new CsvReader(text, config))
            {
                if (!csv.Read()) yield break;
                csv.ReadHeader();
                var headers = csv.HeaderRecord ?? Array.Empty<string>();
                while (csv.Read())
                {
                    var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < headers.Length; i++)
                    {
                        if (string.IsNullOrWhiteSpace(headers[i]) || cells.ContainsKey(headers[i])) continue;
                        cells[headers[i]] = csv.TryGetField<string>(i, out var value) ? value : null;
                    }
                    yield return new CsvRow(csv.Parser.RawRow, cells);
                }
            }
        }
    }
}
