using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Reads an SMS export CSV into typed records, one row at a time, for Import-NzqaRecord and for Compare-Nzqa* -Path
    /// (which then never pays the engine's per-object cost for its input). A row that cannot be read gets an
    /// ErrorRecord with its file and line number (written on the pipeline thread as the rows are read) and the good
    /// rows flow on; an unreadable, empty or wrong-kind file is one error for the file.
    /// </summary>
    internal sealed class CsvImport<TRecord> where TRecord : class, new()
    {
        private readonly Cmdlet _cmdlet;
        private readonly LocalRecordReader<TRecord> _reader;
        private readonly string _kind;
        private readonly Action<TRecord, int> _setLine;

        public CsvImport(Cmdlet cmdlet, LocalRecordReader<TRecord> reader, string kind, Action<TRecord, int> setLine)
        {
            _cmdlet = cmdlet;
            _reader = reader;
            _kind = kind;
            _setLine = setLine ?? ((r, l) => { });
        }

        /// <summary>Resolves a -Path value; null (after an NzqaFileNotFound error) when there is no such file.</summary>
        public static string Resolve(PSCmdlet cmdlet, string path)
        {
            var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
            if (File.Exists(full)) return full;
            cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"No file at '{full}'.", full), ErrorIds.NzqaFileNotFound, ErrorCategory.ObjectNotFound, path));
            return null;
        }

        /// <summary>The file's good records, in file order; errors for the rest are written as they are met.</summary>
        public IEnumerable<TRecord> Read(string path)
        {
            var rows = 0;
            var bad = 0;
            _cmdlet.WriteVerbose($"Reading {_kind} records from {path}.");
            var file = Path.GetFileName(path);
            string[] header = null;
            IEnumerator<CsvRow> enumerator;
            try
            {
                enumerator = CsvRecordSource.Read(path, h => header = h).GetEnumerator();
            }
            catch (IOException ex)
            {
                _cmdlet.WriteError(new ErrorRecord(ex, ErrorIds.NzqaFileUnreadable, ErrorCategory.ReadError, path));
                yield break;
            }
            using (enumerator)
            {
                var lastLine = 1;
                var headerChecked = false;
                while (true)
                {
                    ErrorRecord stop = null;
                    var more = false;
                    try
                    {
                        more = enumerator.MoveNext();
                    }
                    catch (DecoderFallbackException ex)
                    {
                        var message = $"{file} is not UTF-8 text (after line {lastLine}); nothing after line {lastLine} was imported. " +
                                      "Save it from the SMS or Excel as 'CSV UTF-8' and import again.";
                        stop = new ErrorRecord(new InvalidDataException(message, ex), ErrorIds.NzqaCsvNotUtf8, ErrorCategory.InvalidData, path)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Save the file as CSV UTF-8." },
                        };
                    }
                    catch (Exception ex) when (ex is CsvHelper.CsvHelperException || ex is IOException)
                    {
                        stop = new ErrorRecord(ex, ErrorIds.NzqaCsvUnreadable, ErrorCategory.ReadError, path);
                    }
                    if (stop != null)
                    {
                        _cmdlet.WriteError(stop);
                        yield break;
                    }
                    if (!more) break;
                    if (!headerChecked)
                    {
                        headerChecked = true;
                        if (!HeaderBinds(header, file, path)) yield break;
                    }
                    var row = enumerator.Current;
                    lastLine = row.Line;
                    rows++;
                    if (row.Defect != null || CsvRecordSource.CheckControlCharacters(row, _reader.Binds))
                    {
                        bad++;
                        var message = $"{file} line {row.Line}: {row.Defect}";
                        _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(message), row.DefectId, ErrorCategory.InvalidData, row)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row in the SMS export and import again." },
                        });
                        continue;
                    }
                    var local = _reader.Read(row.Cells);
                    _setLine(local.Record, row.Line);
                    if (local.Problems.Count > 0)
                    {
                        bad++;
                        var message = $"{file} line {row.Line}: " + string.Join(" ", local.Problems.Select(p => p.Message));
                        _cmdlet.WriteError(new ErrorRecord(new InvalidRecordException(message, local.Problems), local.Problems[0].ErrorId, ErrorCategory.InvalidData, row)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row in the SMS export and import again." },
                        });
                        continue;
                    }
                    yield return local.Record;
                }
                if (!headerChecked && !HeaderBinds(header, file, path)) yield break;
                if (rows == 0)
                    _cmdlet.WriteWarning($"{file} has a header but no data rows: no {_kind.ToLowerInvariant()} records were imported.");
            }
            _cmdlet.WriteVerbose($"Read {rows} rows from {path}: {rows - bad} records, {bad} rows with errors.");
        }

        /// <summary>
        /// The header, checked once per file before any row is read (Sources.HeaderCheck): an empty file, or one whose
        /// header names none of the fields, is one error for the file, not one per row; a file plainly of another kind is
        /// refused naming that kind; a required column that is missing stops the import naming it and the nearest header
        /// (a typo such as "Year Levle" would otherwise make every row invalid); columns that feed no field are one warning.
        /// </summary>
        private bool HeaderBinds(string[] header, string file, string path)
        {
            var noun = RecordKinds.Named(_kind)?.Noun ?? _kind.ToLowerInvariant();
            if (header == null)
            {
                var empty = $"{file} is empty: it has no header row and no records.";
                _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(empty), ErrorIds.NzqaCsvEmpty, ErrorCategory.InvalidData, path)
                {
                    ErrorDetails = new ErrorDetails(empty) { RecommendedAction = "Export the file from the SMS as CSV, or give -ColumnMap." },
                });
                return false;
            }
            var verdict = HeaderCheck.Check(_reader.Fields, header, _reader.FieldFor, _kind);
            if (verdict.LooksLike != null)
            {
                var other = verdict.LooksLike;
                var message = $"{file} looks like {Article(other.Noun)} {other.Noun} export, not {Article(noun)} {noun} one: it has {Quote(verdict.LooksLikeColumns)} " +
                              $"but no {Quote(verdict.Missing.Select(m => m.Name))} column. Nothing was imported.";
                _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidDataException(message), ErrorIds.NzqaCsvWrongKind, ErrorCategory.InvalidData, path)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Import it with -Kind {other.Name}, or give the {noun} export." },
                });
            }
            if (!verdict.BindsAny)
            {
                var shown = string.Join(", ", header.Take(8).Select(h => h.Length > 40 ? h.Substring(0, 40) + "…" : h));
                var message = $"{file} line 1 names none of the {noun} columns (found: {shown}). " +
                              "Is it a CSV export of the right kind? Use -ColumnMap to name its columns.";
                _cmdlet.WriteError(new ErrorRecord(new InvalidDataException(message), ErrorIds.NzqaCsvNoKnownColumns, ErrorCategory.InvalidData, path)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Export the file from the SMS as CSV, or give -ColumnMap." },
                });
                return false;
            }
            if (verdict.Missing.Count > 0)
            {
                var parts = verdict.Missing.Select(m =>
                {
                    verdict.Nearest.TryGetValue(m.Name, out var near);
                    return $"{m.Name} (a column named {string.Join(" or ", m.Aliases.Skip(1).Take(2).DefaultIfEmpty(m.Name).Select(a => "'" + a + "'"))})" +
                           (near != null ? $"; the nearest header is '{near}'" : "");
                });
                var first = verdict.Missing[0];
                verdict.Nearest.TryGetValue(first.Name, out var nearest);
                var message = $"{file} has no column for the required {noun} field{(verdict.Missing.Count > 1 ? "s" : "")} {string.Join("; ", parts)}. Nothing was imported.";
                _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidDataException(message), ErrorIds.NzqaCsvMissingColumn, ErrorCategory.InvalidData, path)
                {
                    ErrorDetails = new ErrorDetails(message)
                    {
                        RecommendedAction = nearest != null
                            ? $"Correct the header in the export, or name the column: -ColumnMap @{{ {first.Name} = '{nearest}' }}."
                            : "Export the file with the column, or name it with -ColumnMap.",
                    },
                });
            }
            if (verdict.Unknown.Count > 0)
                _cmdlet.WriteWarning($"{file}: {(verdict.Unknown.Count == 1 ? "column" : "columns")} {Quote(verdict.Unknown)} {(verdict.Unknown.Count == 1 ? "feeds" : "feed")} no {noun} field and {(verdict.Unknown.Count == 1 ? "was" : "were")} not read " +
                             "(name a column with -ColumnMap if it holds a field).");
            return true;
        }

        private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

        private static string Article(string noun) => "aeiou".IndexOf(char.ToLowerInvariant(noun[0])) >= 0 ? "an" : "a";
    }
}
