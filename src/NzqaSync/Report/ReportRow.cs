using System.Reflection;
using NzqaSync.Compare;
using NzqaSync.Sync;

namespace NzqaSync.Report;

/// <summary>One field shown side by side on the review page: the school's value and NZQA's.</summary>
public sealed class ReportField(string field, string local, string nzqa)
{
    public string Field { get; } = field;
    public string Local { get; } = local ?? "";
    public string Nzqa { get; } = nzqa ?? "";
}

/// <summary>One record on the review page, from a diff or a sync result; plain strings, nothing to format.</summary>
public sealed class ReportRow
{
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Nsn { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>The diff's Status (Match, New, ...) or the sync result's Outcome (Synced, Failed, Skipped).</summary>
    public string Status { get; set; } = "";
    /// <summary>What was done, for sync results (Create, Update, RecordLeaving, None); empty for diffs.</summary>
    public string Action { get; set; } = "";
    /// <summary>A sentence for a record with nothing to show side by side ("Not at NZQA: Sync creates it.").</summary>
    public string Note { get; set; } = "";
    public IReadOnlyList<ReportField> Fields { get; set; } = Array.Empty<ReportField>();
    /// <summary>Why an Invalid record cannot be sent, or the service's own errors for a failed sync.</summary>
    public IReadOnlyList<string> Problems { get; set; } = Array.Empty<string>();
    /// <summary>For a diff a sync would send: the fingerprint of exactly what would be sent (the page's approval tick).</summary>
    public string Fingerprint { get; set; } = "";
    /// <summary>One line saying what would be sent, copied into the approval file.</summary>
    public string ChangeSummary { get; set; } = "";
    /// <summary>
    /// A learner diff that changes who NZQA holds the NSN as (legal names, date of birth): marked on the page, and its
    /// approval entry is New-NzqaApproval -AllowIdentityChange's (sent only by Sync-NzqaLearner -AllowIdentityChange).
    /// </summary>
    public bool IdentityChange { get; set; }

    /// <summary>A row for a diff or a sync result; null for any other object.</summary>
    public static ReportRow From(object item)
    {
        switch (item)
        {
            case RecordDiff diff: return FromDiff(diff);
            case SyncResult result: return FromResult(result);
            default: return null;
        }
    }

    public static ReportRow FromDiff(RecordDiff diff)
    {
        var row = new ReportRow
        {
            Kind = diff.Kind ?? "",
            Key = diff.Key ?? "",
            Nsn = diff.Nsn ?? "",
            Name = diff.Name ?? "",
            Status = diff.Status.ToString(),
            Problems = diff.Problems.Select(p => p.Message).ToArray(),
        };
        if (diff.Differences.Count > 0)
        {
            row.Fields = diff.Differences.Select(d => new ReportField(d.Field, d.Local, d.Nzqa)).ToArray();
        }
        else
        {
            // New and NzqaOnly records have nothing to compare with: show what the one side holds.
            var local = RecordOf(diff, "Local");
            var nzqa = RecordOf(diff, "Nzqa");
            if (diff.Status == DiffStatus.New || diff.Status == DiffStatus.Invalid && nzqa == null)
                row.Fields = Values(local).Select(v => new ReportField(v.Key, v.Value, "")).ToArray();
            else if (diff.Status == DiffStatus.NzqaOnly)
                row.Fields = Values(nzqa).Select(v => new ReportField(v.Key, "", v.Value)).ToArray();
        }
        row.Note = NoteFor(diff.Status);
        row.IdentityChange = diff is LearnerDiff learner && learner.IdentityChange;
        // The page approves what New-NzqaApproval -AllowIdentityChange approves: an identity change is offered, marked
        // (the reviewer ticks it on its own; Tick all shown leaves it out), and its entry says it is one.
        var entry = EntryOf(diff);
        row.Fingerprint = entry?.Fingerprint ?? "";
        row.ChangeSummary = entry?.Summary ?? "";
        return row;
    }

    public static ReportRow FromResult(SyncResult result)
    {
        var row = result.Diff != null ? FromDiff(result.Diff) : new ReportRow();
        row.Kind = result.Kind ?? row.Kind;
        row.Key = result.Key ?? row.Key;
        row.Nsn = result.Nsn ?? row.Nsn;
        row.Name = result.Name ?? row.Name;
        row.Status = result.Outcome.ToString();
        row.Action = result.Action.ToString();
        row.Problems = result.Errors.ToArray();
        row.Note = result.Outcome == SyncOutcome.Skipped ? "Nothing was sent." : "";
        row.Fingerprint = "";
        row.ChangeSummary = "";
        return row;
    }

    /// <summary>The approval entry, or null when nothing would be sent or the diff cannot be planned (a hand-made diff without its record): not approvable.</summary>
    private static ApprovedChange EntryOf(RecordDiff diff)
    {
        try { return ApprovalFile.EntryFor(diff, allowIdentityChange: true); }
        catch (Exception ex) when (ex is NullReferenceException || ex is ArgumentException || ex is InvalidOperationException) { return null; }
    }

    private static string NoteFor(DiffStatus status)
    {
        switch (status)
        {
            case DiffStatus.Match: return "The same at the school and at NZQA.";
            case DiffStatus.New: return "Not at NZQA yet: syncing creates it.";
            case DiffStatus.NzqaOnly: return "At NZQA but not in the school's data.";
            case DiffStatus.Leaver: return "Left school: syncing records the leaving at NZQA.";
            case DiffStatus.Invalid: return "Cannot be sent until it is corrected in the SMS.";
            default: return "";
        }
    }

    private static object RecordOf(RecordDiff diff, string side) =>
        diff.GetType().GetProperty(side, BindingFlags.Public | BindingFlags.Instance)?.GetValue(diff);

    // Shown in the row's own NSN and Name columns, or bookkeeping a reviewer does not need.
    private static readonly HashSet<string> Skipped = new HashSet<string>(StringComparer.Ordinal) { "Nsn", "Name", "FirstName", "LastName", "SourceLine", "Status" };

    /// <summary>The record's simple properties that hold a value, in declaration order.</summary>
    private static IEnumerable<KeyValuePair<string, string>> Values(object record)
    {
        if (record == null) yield break;
        foreach (var property in record.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (Skipped.Contains(property.Name) || !property.CanRead || property.GetIndexParameters().Length > 0) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!(type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset))) continue;
            var text = Show(property.GetValue(record));
            if (text.Length > 0) yield return new KeyValuePair<string, string>(property.Name, text);
        }
    }

    private static string Show(object value)
    {
        switch (value)
        {
            case null: return "";
            case DateTime d: return d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            case DateTimeOffset o: return o.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            default: return value.ToString().Trim();
        }
    }
}
