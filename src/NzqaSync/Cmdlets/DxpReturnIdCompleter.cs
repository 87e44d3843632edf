using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Completes DXP return ids (e.g. 202608) from the session's DXP connection, asking DXP at most once a few minutes
    /// and never waiting long: completion must not hang a prompt.
    /// </summary>
    public sealed class DxpReturnIdCompleter : IArgumentCompleter
    {
        // Weak: a cached list never keeps a disconnected connection alive.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Api.DxpConnection, CachedReturns> Cache =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Api.DxpConnection, CachedReturns>();

        private sealed class CachedReturns
        {
            public DateTimeOffset At;
            public Api.DxpReturn[] Returns = new Api.DxpReturn[0];
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var connection = fakeBoundParameters?["Connection"] as Api.DxpConnection ?? SessionConnections.GetDxp<Api.DxpConnection>();
            if (connection == null) return Array.Empty<CompletionResult>();
            var cached = Cache.GetOrCreateValue(connection);
            if (DateTimeOffset.UtcNow - cached.At > TimeSpan.FromMinutes(5))
            {
                try
                {
                    using (var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(5)))
                    {
                        cached.Returns = connection.Client.GetReturnsAsync(true, timeout.Token).GetAwaiter().GetResult().ToArray();
                        cached.At = DateTimeOffset.UtcNow;
                    }
                }
                catch (Exception)
                {
                    return Array.Empty<CompletionResult>();
                }
            }
            var byId = cached.Returns.Where(r => r.ReturnId != null).GroupBy(r => r.ReturnId).ToDictionary(g => g.Key, g => g.First());
            return Completion.Matching(byId.Keys.OrderByDescending(k => k, StringComparer.Ordinal), wordToComplete,
                id => $"{byId[id].ReturnType} return {id}: {byId[id].ReturnStatus}");
        }
    }
}
