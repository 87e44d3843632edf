using System.Management.Automation;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>The errors and warnings an SMS export's header earns before any row is read (Import-NzqaRecord, Compare-Nzqa* -Path).</summary>
internal static class CsvHeader
{
    /// <summary>
    /// The header, checked once per file before any row is read (Sources.HeaderCheck): an empty file, or one whose
    /// header names none of the fields, is one error for the file, not one per row; a file plainly of another kind is
    /// refused naming that kind; a required column that is missing stops the import naming it and the nearest header
    /// (a typo such as "Year Levle" would otherwise make every row invalid); so does a column that feeds no field but is a typo
    /// of an optional field's name the file lacks ("Ethnicty 1": every record would lack it); other columns that feed no field are one warning.
    /// </summary>
    public static bool Binds<TRecord>(Cmdlet cmdlet, LocalRecordReader<TRecord> reader, string kind, string[] header, string file, string path) where TRecord : class, new()
    {
        var noun = RecordKinds.Named(kind)?.Noun ?? kind.ToLowerInvariant();
        if (header == null)
        {
            var empty = $"{file} is empty: it has no header row and no records.";
            cmdlet.WriteError(new ErrorRecord(new InvalidDataException(empty), ErrorIds.NzqaCsvEmpty, ErrorCategory.InvalidData, path)
            {
                ErrorDetails = new ErrorDetails(empty) { RecommendedAction = "Export the file from the SMS as CSV, or give -ColumnMap." },
            });
            return false;
        }
        var verdict = HeaderCheck.Check(reader.Fields, header, reader.FieldFor, kind);
        if (verdict.LooksLike != null)
        {
            var other = verdict.LooksLike;
            var message = $"{file} looks like {Article(other.Noun)} {other.Noun} export, not {Article(noun)} {noun} one: it has {Quote(verdict.LooksLikeColumns)} " +
                          $"but no {Quote(verdict.Missing.Select(m => m.Name))} column. Nothing was imported.";
            cmdlet.ThrowTerminatingError(AdvisedError.Of(new InvalidDataException(message), ErrorIds.NzqaCsvWrongKind, ErrorCategory.InvalidData, path,
                $"Import it with -Kind {other.Name}, or give the {noun} export."));
        }
        if (!verdict.BindsAny)
        {
            var shown = string.Join(", ", header.Take(8).Select(h => h.Length > 40 ? h.Substring(0, 40) + "…" : h));
            var message = $"{file} line 1 names none of the {noun} columns (found: {shown}). " +
                          "Is it a CSV export of the right kind? Use -ColumnMap to name its columns.";
            cmdlet.WriteError(AdvisedError.Of(new InvalidDataException(message), ErrorIds.NzqaCsvNoKnownColumns, ErrorCategory.InvalidData, path,
                "Export the file from the SMS as CSV, or give -ColumnMap."));
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
            cmdlet.ThrowTerminatingError(AdvisedError.Of(new InvalidDataException(message), ErrorIds.NzqaCsvMissingColumn, ErrorCategory.InvalidData, path,
                nearest != null
                        ? $"Correct the header in the export, or name the column: -ColumnMap @{{ {first.Name} = '{nearest}' }}."
                        : $"Export the file with a {string.Join(" or ", first.Aliases.Skip(1).Take(2).DefaultIfEmpty(first.Name).Select(a => "'" + a + "'"))} column, " +
                          $"or name the column that holds it: -ColumnMap @{{ {first.Name} = '<header>' }}."));
        }
        if (verdict.Mistyped.Count > 0)
        {
            var parts = verdict.Mistyped.Select(m => $"'{m.Column}' looks like a typo of '{m.Alias}' (the {noun} field {m.Field.Name})");
            var first = verdict.Mistyped[0];
            var message = $"{file}: {string.Join("; ", parts)}. " +
                          $"The file has no column for {(verdict.Mistyped.Count == 1 ? "that field" : "those fields")}, so read as it is every record would lack it " +
                          "and a sync would send the difference. Nothing was imported.";
            cmdlet.ThrowTerminatingError(AdvisedError.Of(new InvalidDataException(message), ErrorIds.NzqaCsvMistypedColumn, ErrorCategory.InvalidData, path,
                $"Correct the header in the export ('{first.Alias}'), or name the column: -ColumnMap @{{ {first.Field.Name} = '{first.Column}' }}."));
        }
        if (verdict.Unknown.Count > 0)
            cmdlet.WriteWarning($"{file}: {(verdict.Unknown.Count == 1 ? "column" : "columns")} {Quote(verdict.Unknown)} {(verdict.Unknown.Count == 1 ? "feeds" : "feed")} no {noun} field and {(verdict.Unknown.Count == 1 ? "was" : "were")} not read " +
                         "(name a column with -ColumnMap if it holds a field).");
        return true;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => "'" + n + "'"));

    private static string Article(string noun) => "aeiou".IndexOf(char.ToLowerInvariant(noun[0])) >= 0 ? "an" : "a";
}
