using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Completes standard numbers: those seen in this session (compares, Get-NzqaStandardDefinition), else NZQA's
/// catalogue read once per connection through the session's connection (never waiting long: completion must not
/// hang a prompt).
/// </summary>
public sealed class StandardNumberCompleter : IArgumentCompleter
{
    private static readonly ConnectionCache<Api.NzqaConnection, string[]> Catalogues = new ConnectionCache<Api.NzqaConnection, string[]>(TimeSpan.MaxValue);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var seen = RecentValues.StandardNumbers.ToList();
        if (seen.Count > 0) return Completion.Matching(seen, wordToComplete);
        var connection = fakeBoundParameters?["Connection"] as Api.NzqaConnection ?? SessionConnections.GetNzqa();
        if (connection == null || connection.IsClosed) return Array.Empty<CompletionResult>();
        var numbers = Catalogues.Get(connection, async ct => (await connection.Client.GetCatalogueAsync(ct).ConfigureAwait(false))
            .Select(d => d.Number).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray());
        if (numbers == null) return Array.Empty<CompletionResult>();
        return Completion.Matching(numbers, wordToComplete);
    }
}
