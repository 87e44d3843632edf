using System.Management.Automation;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>The errors Compare-Nzqa* and Compare-DxpRecord write when what came in cannot be compared.</summary>
internal static class CompareErrors
{
    /// <summary>
    /// Nothing local to compare: a missing export must not read as "the school has no records" (every record the
    /// service holds would be NzqaOnly/DxpOnly). Not terminating: `$d = @(… | Compare-… -ErrorVariable e)` in a script
    /// must still assign (nothing), not keep an old $d.
    /// </summary>
    public static ErrorRecord NoLocalRecords(string errorId, string message, object target, string recommendedAction) =>
        AdvisedError.Of(new InvalidOperationException(message), errorId, ErrorCategory.ObjectNotFound, target, recommendedAction);

    /// <summary>
    /// A typed NZQA record of another kind (an EnrolmentRecord into Compare-NzqaLearner) or a DXP record: it would be
    /// one "missing field" error per record. Null when <paramref name="value"/> is not a record of another kind.
    /// </summary>
    public static ErrorRecord WrongNzqaKind<TRecord>(string command, string kind, object value, object input)
    {
        if (value is TRecord || !(value is LearnerRecord || value is EnrolmentRecord || value is StandardRecord || value is IDxpRecord)) return null;
        var type = value.GetType();
        var given = value is IDxpRecord dxp ? "a DXP " + DxpDatasets.KindOf(dxp.Dataset).ToLowerInvariant() : "an NZQA " + type.Name.Replace("Record", "").ToLowerInvariant();
        var goesTo = value is IDxpRecord ? "Compare-DxpRecord" : "Compare-Nzqa" + type.Name.Replace("Record", "");
        var message = $"{command} compares {kind.ToLowerInvariant()} records, but {given} record was piped in: it goes to {goesTo}. It was not compared (nor any other like it).";
        return AdvisedError.Of(new ArgumentException(message), ErrorIds.NzqaWrongRecordKind, ErrorCategory.InvalidArgument, input,
            $"Pipe {kind.ToLowerInvariant()} records (Import-NzqaRecord -Kind {kind}), or pipe these to {goesTo}.");
    }

    /// <summary>A typed record of another kind than -Dataset (a course with -Dataset Learner); null when it is of the dataset or not a module record.</summary>
    public static ErrorRecord WrongDxpKind(string dataset, object value, object input)
    {
        if (value == null || value.GetType().Namespace == null || !value.GetType().Namespace.StartsWith("NzqaSync.Domain", StringComparison.Ordinal)) return null;
        var dxp = value as IDxpRecord;
        if (dxp != null && dxp.Dataset == dataset) return null;
        var given = dxp != null ? "a DXP " + DxpDatasets.KindOf(dxp.Dataset) : "an NZQA " + value.GetType().Name.Replace("Record", "");
        var wanted = DxpDatasets.KindOf(dataset);
        var message = $"The record is {given} record, not a {wanted} record: -Dataset {wanted} compares {wanted} records only, so it was not compared.";
        return AdvisedError.Of(new ArgumentException(message), ErrorIds.DxpWrongRecordKind, ErrorCategory.InvalidArgument, input,
            $"Pipe {wanted} records (Import-NzqaRecord -Kind Dxp{wanted}), or give the -Dataset the records are.");
    }

    /// <summary>
    /// An object with none of the record's fields (a file from Get-ChildItem, a string, another file's rows) is not a
    /// record with everything missing: it is left out and never counts as local data, so a compare of nothing but such
    /// objects stops as NoLocalRecords instead of making every record the service holds NzqaOnly or DxpOnly (a DXP sync
    /// would delete them all). Null when <paramref name="read"/> found at least one field.
    /// </summary>
    public static ErrorRecord NoKnownProperties(string kind, string importKind, IReadOnlyList<RecordProblem> read, object input)
    {
        var problem = read.FirstOrDefault(p => p.ErrorId == ErrorIds.NzqaNoKnownProperties);
        if (problem == null) return null;
        var value = input is PSObject pso ? pso.BaseObject : input;
        var noun = kind.ToLowerInvariant();
        var message = $"A {value?.GetType().Name ?? "null"} is not {(noun.StartsWith("e", StringComparison.Ordinal) ? "an" : "a")} {noun} record: {problem.Message} It was not compared (nor any other like it).";
        var action = value is FileSystemInfo file
            ? $"A file was piped in, not {noun} records: read it with Import-NzqaRecord -Path '{file.FullName}' -Kind {importKind} and pipe that."
            : $"Pipe {noun} records (Import-NzqaRecord, Import-Csv or objects with the {noun} fields), or name the object's properties with -ColumnMap.";
        return AdvisedError.Of(new InvalidRecordException(message, new[] { problem }), ErrorIds.NzqaNoKnownProperties, ErrorCategory.InvalidData, input, action);
    }
}
