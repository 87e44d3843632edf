using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>Completion results for the values that start with the word typed, quoted where they need it.</summary>
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
