using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets
{
    /// <summary>Values the session has seen, offered back by tab completion (e.g. standard numbers of the last compare).</summary>
    internal static class RecentValues
    {
        private static readonly ConcurrentDictionary<string, byte> Standards = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);

        public static void RememberStandards(IEnumerable<string> numbers)
        {
            foreach (var n in numbers)
                if (!string.IsNullOrWhiteSpace(n) && Standards.Count < 5000) Standards[n.Trim()] = 0;
        }

        public static IEnumerable<string> StandardNumbers => Standards.Keys.OrderBy(n => n, StringComparer.Ordinal);
    }

    internal static class Completion
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> values, string wordToComplete, Func<string, string> tooltip = null)
        {
            var prefix = (wordToComplete ?? "").Trim('\'', '"');
            foreach (var value in values.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) continue;
                var text = value.IndexOfAny(new[] { ' ', '\'', '"', ';', ',' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
                yield return new CompletionResult(text, value, CompletionResultType.ParameterValue, tooltip?.Invoke(value) ?? value);
            }
        }
    }

    /// <summary>Completes the record kinds the journal knows: NZQA's, DXP's, or (no -Api) both.</summary>
    public sealed class SyncKindCompleter : IArgumentCompleter
    {
        internal static readonly string[] NzqaKinds = { "Learner", "Enrolment", "Standard" };
        internal static readonly string[] DxpKinds = { "Course", "CourseEnrolment", "CourseCompletion", "QualificationCompletion" };
        internal static readonly string[] Kinds = NzqaKinds.Concat(DxpKinds).ToArray();

        internal static string[] KindsOf(string api) =>
            string.Equals(api, "Nzqa", StringComparison.OrdinalIgnoreCase) ? NzqaKinds
            : string.Equals(api, "Dxp", StringComparison.OrdinalIgnoreCase) ? DxpKinds
            : Kinds;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completion.Matching(KindsOf(fakeBoundParameters?["Api"] as string), wordToComplete);
    }

    /// <summary>A kind the journal knows (any case), else a validation error that lists the kinds there are.</summary>
    public sealed class ValidateSyncKindAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            var kind = element?.ToString();
            if (!SyncKindCompleter.Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
                throw new ValidationMetadataException(
                    $"'{kind}' is not a kind the journal knows. Valid kinds: {string.Join(", ", SyncKindCompleter.NzqaKinds)} (NZQA); {string.Join(", ", SyncKindCompleter.DxpKinds)} (DXP).");
        }
    }

    /// <summary>Completes journal run ids, newest first, from the journal folder in use.</summary>
    public sealed class SyncRunIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var folder = fakeBoundParameters?["Path"] as string ?? SessionConnections.GetNzqa()?.JournalPath ?? JournalFolder.Default();
            IReadOnlyList<JournalRun> runs;
            try { runs = new SyncJournalReader(folder).LoadRecent(r => r.Runs.Count(x => x.Started != null) >= 50).Runs; }
            catch (Exception) { return Array.Empty<CompletionResult>(); }
            var byId = runs.Where(r => r.Started != null).OrderByDescending(r => r.Started).Take(50).ToDictionary(r => r.RunId, StringComparer.OrdinalIgnoreCase);
            return Completion.Matching(byId.Keys, wordToComplete, id => $"{byId[id].Api} {byId[id].Kind}, {byId[id].Started:yyyy-MM-dd HH:mm}, {byId[id].Total} records");
        }
    }

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
