using System.Management.Automation;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

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

    public CsvImport(Cmdlet cmdlet, LocalRecordReader<TRecord> reader, string kind)
    {
        _cmdlet = cmdlet;
        _reader = reader;
        _kind = kind;
    }

    /// <summary>Resolves a -Path value; null (after an NzqaFileNotFound error) when there is no such file.</summary>
    public static string Resolve(PSCmdlet cmdlet, string path)
    {
        var full = cmdlet.GetUnresolvedProviderPathFromPSPath(path);
        if (File.Exists(full)) return full;
        if (FolderNotFile.Check(full, path, "-Path", "an SMS export file") is ErrorRecord folder)
        {
            cmdlet.WriteError(folder);
            return null;
        }
        var wildcard = WildcardPattern.ContainsWildcardCharacters(path) ? " (-Path takes file names, not wildcards: give each file, or Get-ChildItem <pattern> | Import-NzqaRecord -Kind <kind>)" : "";
        cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"No file at '{full}'{wildcard}.", full), ErrorIds.NzqaFileNotFound, ErrorCategory.ObjectNotFound, path));
        return null;
    }

    /// <summary>
    /// The file's records, in file order; errors for bad rows are written as they are met. A row whose cells could not
    /// all be read still comes out (carrying them, <see cref="Domain.IUnreadCells"/>); a row that is not a row of the
    /// file (wrong number of fields, control characters) does not.
    /// </summary>
    public IEnumerable<TRecord> Read(string path)
    {
        var rows = 0;
        var bad = 0;
        var carried = 0;
        _cmdlet.WriteVerbose($"Reading {_kind} records from {path}.");
        var file = Path.GetFileName(path);
        var source = new Domain.ImportedFile(file);
        string[] header = null;
        IEnumerator<CsvLine> enumerator;
        try
        {
            enumerator = CsvRecordSource.ReadLines(path, h => header = h).GetEnumerator();
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
            CsvHeaderPlan<TRecord> plan = null;
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
                    stop = AdvisedError.Of(new InvalidDataException(message, ex), ErrorIds.NzqaCsvNotUtf8, ErrorCategory.InvalidData, path,
                        "Save the file as CSV UTF-8.");
                }
                catch (Exception ex) when (ex is CsvHelper.CsvHelperException || ex is IOException)
                {
                    stop = new ErrorRecord(ex, ErrorIds.NzqaCsvUnreadable, ErrorCategory.ReadError, path);
                }
                if (stop != null)
                {
                    _cmdlet.WriteError(stop);
                    source.UnreadRows++; // the rest of the file: the records already out must not stand for all of it
                    source.FirstUnreadLine ??= lastLine + 1;
                    yield break;
                }
                if (!more) break;
                if (!headerChecked)
                {
                    headerChecked = true;
                    if (!HeaderBinds(header, file, path)) yield break;
                    plan = _reader.PlanFor(header);
                }
                var row = enumerator.Current;
                lastLine = row.Line;
                rows++;
                if (row.Defect != null || plan.CheckControlCharacters(row))
                {
                    bad++;
                    source.UnreadRows++;
                    source.FirstUnreadLine ??= row.Line;
                    var message = $"{file} line {row.Line}: {row.Defect}";
                    _cmdlet.WriteError(AdvisedError.Of(new InvalidDataException(message), row.DefectId, ErrorCategory.InvalidData, row.ToRow(),
                        "Correct the row in the SMS export and import again."));
                    continue;
                }
                var local = _reader.Read(plan, row.Values);
                if (local.Record is Domain.IImportedColumns imported) (imported.SourceLine, imported.SourceFile) = (row.Line, source);
                if (local.Problems.Count > 0)
                {
                    bad++;
                    var message = $"{file} line {row.Line}: " + string.Join(" ", local.Problems.Select(p => p.Message));
                    _cmdlet.WriteError(AdvisedError.Of(new InvalidRecordException(message, local.Problems), local.Problems[0].ErrorId, ErrorCategory.InvalidData, row.ToRow(),
                        "Correct the row in the SMS export and import again."));
                    // Still out, those fields empty: left out, the record would compare as no longer in the SMS.
                    if (!(local.Record is Domain.IUnreadCells unread)) continue;
                    unread.UnreadCells = local.Problems;
                    carried++;
                }
                yield return local.Record;
            }
            if (!headerChecked && !HeaderBinds(header, file, path)) yield break;
            if (rows == 0)
                _cmdlet.WriteWarning($"{file} has a header but no data rows: no {_kind.ToLowerInvariant()} records were imported.");
        }
        _cmdlet.WriteVerbose($"Read {rows} rows from {path}: {rows - bad} records, {bad} rows with errors" +
                             (carried > 0 ? $" ({carried} of them out with the cells that could not be read empty, to compare as Invalid)." : "."));
    }

    private bool HeaderBinds(string[] header, string file, string path) => CsvHeader.Binds(_cmdlet, _reader, _kind, header, file, path);
}
