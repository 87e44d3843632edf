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
}
