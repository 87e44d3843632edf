using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>A DXP record the module's own rules refuse; carried by the ErrorRecord Send-Dxp* writes for it.</summary>
public sealed class DxpInvalidRecordException : Exception
{
    public DxpInvalidRecordException(string message, IReadOnlyList<DxpFieldProblem> problems) : base(message) => Problems = problems;
    public IReadOnlyList<DxpFieldProblem> Problems { get; }

    /// <summary>Compare-DxpRecord's error for an Invalid diff: the record, the rules it breaks, the fields to correct.</summary>
    internal static ErrorRecord Error(DxpRecordDiff diff, IReadOnlyList<DxpFieldProblem> problems)
    {
        var message = $"{diff.Kind} {diff.LocalId} cannot be sent: {string.Join(" ", problems.Select(p => p.Message))}";
        return AdvisedError.Of(new DxpInvalidRecordException(message, problems), problems[0].Code, ErrorCategory.InvalidData, diff.Source ?? diff,
            $"Correct {string.Join(", ", problems.Select(p => p.Field).Distinct())} in the SMS export and compare again.");
    }
}
