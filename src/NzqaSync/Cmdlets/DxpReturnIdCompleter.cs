using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Completes DXP return ids (e.g. 202608) from the session's DXP connection, asking DXP at most once a few minutes
/// and never waiting long: completion must not hang a prompt.
/// </summary>
public sealed class DxpReturnIdCompleter : IArgumentCompleter
{
    private static readonly ConnectionCache<Api.DxpConnection, Api.DxpReturn[]> Returns = new ConnectionCache<Api.DxpConnection, Api.DxpReturn[]>(TimeSpan.FromMinutes(5));

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var connection = fakeBoundParameters?["Connection"] as Api.DxpConnection ?? SessionConnections.GetDxp<Api.DxpConnection>();
        if (connection == null) return Array.Empty<CompletionResult>();
        var returns = Returns.Get(connection, async ct => (await connection.Client.GetReturnsAsync(true, ct).ConfigureAwait(false)).ToArray());
        if (returns == null) return Array.Empty<CompletionResult>();
        var byId = returns.Where(r => r.ReturnId != null).GroupBy(r => r.ReturnId).ToDictionary(g => g.Key, g => g.First());
        return Completion.Matching(byId.Keys.OrderByDescending(k => k, StringComparer.Ordinal), wordToComplete,
            id => $"{byId[id].ReturnType} return {id}: {byId[id].ReturnStatus}");
    }
}
