using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The local side of Compare-Nzqa*: records from the pipeline (read by property name) or straight from -Path's CSV
/// files (the same column aliases, -ColumnMap, line numbers and errors for bad rows as Import-NzqaRecord | Compare-Nzqa*);
/// typed records of another kind left out with one error per type; those outside the comparison's scope counted.
/// </summary>
internal sealed class LocalIntake<TRecord>(PSCmdlet cmdlet, string kind, LocalRecordReader<TRecord> reader, Func<TRecord, bool> keep, Action firstKept)
    where TRecord : class, new()
{
    private readonly LeftOutByType _wrongKind = new LeftOutByType();

    public List<LocalRecord<TRecord>> Kept { get; } = new List<LocalRecord<TRecord>>();

    /// <summary>Problems of rows the import could not read whole: their errors are written; a compare does not write them again.</summary>
    public HashSet<Domain.RecordProblem> Reported { get; } = new HashSet<Domain.RecordProblem>();

    /// <summary>Records read, in scope or not (records of another kind are not counted).</summary>
    public int Received { get; private set; }

    public void Add(object item)
    {
        var value = item is PSObject pso ? pso.BaseObject : item;
        var wrong = CompareErrors.WrongNzqaKind<TRecord>(cmdlet.MyInvocation.MyCommand.Name, kind, value, item);
        if (wrong != null)
        {
            if (_wrongKind.IsFirst(value)) cmdlet.WriteError(wrong);
            return;
        }
        var read = reader.Read(item);
        var nothingKnown = CompareErrors.NoKnownProperties(kind, kind, read.Problems, item);
        if (nothingKnown != null)
        {
            if (_wrongKind.IsFirst(value ?? "")) cmdlet.WriteError(nothingKnown);
            return;
        }
        Keep(read);
    }

    public void ReadFiles(IEnumerable<string> paths)
    {
        var import = new CsvImport<TRecord>(cmdlet, reader, kind);
        foreach (var path in paths)
        {
            var full = CsvImport<TRecord>.Resolve(cmdlet, path);
            if (full == null) continue;
            foreach (var record in import.Read(full)) Keep(reader.Read(record));
        }
    }

    /// <summary>After the first of each type's error: how many records of another kind were left out in all.</summary>
    public void WarnLeftOut()
    {
        if (_wrongKind.Total > 1) cmdlet.WriteWarning($"{_wrongKind.Total} records of another kind (or not records at all) were not compared: {_wrongKind.Summary}.");
    }

    /// <summary>The files the records came from (Import-NzqaRecord, -Path): whether any lost rows.</summary>
    public HashSet<Domain.ImportedFile> Files { get; } = new HashSet<Domain.ImportedFile>();

    private void Keep(LocalRecord<TRecord> read)
    {
        Received++;
        if (read.Record is Domain.IImportedColumns { SourceFile: { } file }) Files.Add(file);
        if (!keep(read.Record)) return;
        if (read.ProblemsReported) Reported.UnionWith(read.Problems);
        Kept.Add(read);
        if (Kept.Count == 1) firstKept();
    }
}
