using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The local side of Compare-DxpRecord: each object read as a record of the dataset, normalised and checked by its own
/// rules. A typed record of another dataset is refused (one error each); an object with none of the dataset's fields
/// is left out (one error per type, then a count) and never counts as local data; a row Import-NzqaRecord could not
/// read whole is Invalid without a second error.
/// </summary>
internal sealed class DxpLocalIntake(PSCmdlet cmdlet, string dataset, DxpRecordReader reader)
{
    private readonly string _kind = DxpDatasets.KindOf(dataset);
    private readonly LeftOutByType _leftOut = new LeftOutByType();

    public List<DxpLocalItem> Items { get; } = new List<DxpLocalItem>();

    /// <summary>The files the records came from (Import-NzqaRecord): whether any lost rows.</summary>
    public HashSet<Domain.ImportedFile> Files { get; } = new HashSet<Domain.ImportedFile>();

    /// <summary>Problems already written as errors (by the import, or for another record sharing them).</summary>
    public HashSet<DxpFieldProblem> Reported { get; } = new HashSet<DxpFieldProblem>();

    public void Add(object input)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        var wrongKind = CompareErrors.WrongDxpKind(dataset, value, input);
        if (wrongKind != null)
        {
            cmdlet.WriteError(wrongKind);
            return;
        }
        var read = reader.Read(input);
        var nothingKnown = CompareErrors.NoKnownProperties(_kind, "Dxp" + _kind, read.Problems, input);
        if (nothingKnown != null)
        {
            if (_leftOut.IsFirst(value ?? "")) cmdlet.WriteError(nothingKnown);
            return;
        }
        // Problems name the localId the record came with (before normalising derives a missing one).
        var problems = read.Problems.Select(p => new DxpFieldProblem(p.Field, p.ErrorId, p.Message, localId: read.Record.LocalId)).ToList();
        if (read.ProblemsReported) Reported.UnionWith(problems);
        var item = DxpLocalItem.Checked(read.Record, problems, input, out var warnings);
        if (read.Present != null) item.Absent = reader.FieldNames.Where(f => !read.Present.Contains(f) && !DxpAbsentFields.Derived.Contains(f)).ToList();
        foreach (var w in warnings) cmdlet.WriteWarning($"{_kind} {item.Record.LocalId}: {w.Message}");
        if (read.Record is Domain.IImportedColumns { SourceFile: { } file }) Files.Add(file);
        Items.Add(item);
    }

    public void WarnLeftOut()
    {
        if (_leftOut.Total > 1) cmdlet.WriteWarning($"{_leftOut.Total} objects that are not {_kind} records were not compared: {_leftOut.Summary}.");
    }
}
