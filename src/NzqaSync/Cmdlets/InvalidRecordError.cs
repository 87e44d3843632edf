using System.Management.Automation;
using NzqaSync.Compare;

namespace NzqaSync.Cmdlets;

/// <summary>The non-terminating error Compare-Nzqa* writes beside an Invalid diff: the record, the rule, what to do.</summary>
internal static class InvalidRecordError
{
    public static ErrorRecord For(string kind, RecordDiff diff)
    {
        var who = string.Join(" ", new[] { kind, diff.Nsn, string.IsNullOrEmpty(diff.Name) ? null : $"({diff.Name})" }.Where(p => !string.IsNullOrEmpty(p)));
        var message = $"{who} cannot be sent: " + string.Join(" ", diff.Problems.Select(p => p.Message));
        var source = diff.Source == null ? null : diff.Source as PSObject ?? PSObject.AsPSObject(diff.Source);
        var line = source != null && source.Properties["SourceLine"]?.Value is int l ? l : (int?)null;
        if (line != null) message = $"Line {line}: " + message;
        return AdvisedError.Of(new InvalidRecordException(message, diff.Problems), diff.Problems[0].ErrorId, ErrorCategory.InvalidData, diff.Source ?? diff,
            RecommendedAction(kind, diff));
    }

    /// <summary>What a person can do about an invalid record, in words that fit its problems.</summary>
    private static string RecommendedAction(string kind, RecordDiff diff)
    {
        var noun = kind.ToLowerInvariant();
        var actions = new List<string>();
        var source = diff.Source is PSObject ps ? ps.BaseObject : diff.Source;
        if (diff.Problems.Any(p => p.ErrorId == ErrorIds.NzqaNoKnownProperties))
        {
            actions.Add(source is System.IO.FileSystemInfo file
                ? $"A file was piped in, not {noun} records: read it with Import-NzqaRecord -Path '{file.FullName}' -Kind {kind} and pipe that."
                : $"Pipe {noun} records (Import-NzqaRecord, Import-Csv or objects with the {noun} fields), or name the object's properties with -ColumnMap.");
        }
        else
        {
            if (diff.Problems.Any(p => p.ErrorId == ErrorIds.NzqaDuplicateKey))
                actions.Add($"Keep one row for {noun} {diff.Key} in the SMS export (or filter the duplicates out) and compare again.");
            // Not the SMS's data at fault: the learner has no enrolment at NZQA yet (the message says sync it first).
            if (diff.Problems.Any(p => p.ErrorId == ErrorIds.NzqaNoActiveEnrolment))
                actions.Add($"Sync NSN {diff.Nsn}'s enrolment first (Compare-NzqaEnrolment | Where-Object Status -eq New | Sync-NzqaEnrolment), then compare again.");
            var fields = diff.Problems.Where(p => p.ErrorId != ErrorIds.NzqaDuplicateKey && p.ErrorId != ErrorIds.NzqaNoActiveEnrolment)
                .Select(p => p.Field).Where(f => !string.IsNullOrEmpty(f)).Distinct().ToList();
            if (fields.Count > 0) actions.Add($"Correct {string.Join(", ", fields)} in the SMS and compare again.");
        }
        return string.Join(" ", actions);
    }
}
