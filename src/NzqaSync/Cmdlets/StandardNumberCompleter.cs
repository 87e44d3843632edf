using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Completes standard numbers: those seen in this session (compares, Get-NzqaStandardDefinition), else NZQA's
    /// catalogue read once per connection through the session's connection (never waiting long: completion must not
    /// hang a prompt).
    /// </summary>
    public sealed class StandardNumberCompleter : IArgumentCompleter
    {
        // Weak: a cached catalogue never keeps a disconnected connection alive.
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Api.NzqaConnection, CachedNumbers> Catalogues =
            new System.Runtime.CompilerServices.ConditionalWeakTable<Api.NzqaConnection, CachedNumbers>();

        private sealed class CachedNumbers
        {
            public string[] Numbers;
        }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var seen = RecentValues.StandardNumbers.ToList();
            if (seen.Count > 0) return Completion.Matching(seen, wordToComplete);
            var connection = fakeBoundParameters?["Connection"] as Api.NzqaConnection ?? SessionConnections.GetNzqa();
            if (connection == null || connection.IsClosed) return Array.Empty<CompletionResult>();
            var cached = Catalogues.GetOrCreateValue(connection);
            var numbers = cached.Numbers;
            if (numbers == null)
            {
                try
                {
                    using (var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(5)))
                        numbers = connection.Client.GetCatalogueAsync(timeout.Token).GetAwaiter().GetResult()
                            .Select(d => d.Number).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToArray();
                }
                catch (Exception)
                {
                    return Array.Empty<CompletionResult>();
                }
                cached.Numbers = numbers;
            }
            return Completion.Matching(numbers, wordToComplete);
        }
    }
}
