using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>Tab completion for -Dataset.</summary>
public sealed class DxpDatasetCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) =>
        DxpDatasets.Kinds
            .Where(n => n.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
