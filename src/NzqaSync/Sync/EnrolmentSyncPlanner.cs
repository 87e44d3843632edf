using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Sync;

/// <summary>
/// Turns enrolment diffs into NZQA operations, sending only what changed: New → create; Different → update
/// of the changed fields; Leaver → record the leaving date and reason (never a withdrawal of the NCEA
/// enrolment). Match, NzqaOnly and Invalid send nothing.
/// </summary>
public static class EnrolmentSyncPlanner
{

    public static PlannedRecord Plan(EnrolmentDiff diff, int provider)
    {
        var local = diff.Local;
        switch (diff.Status)
        {
            case DiffStatus.New:
                return new PlannedRecord(diff, new[] { new SyncOperation(SyncAction.Create, NzqaWrite.CreateEnrolment, provider, Full(diff.Key, local, diff.AbsentFields)) }, SyncAction.Create);
            case DiffStatus.Different:
            case DiffStatus.Leaver:
                var ops = new List<SyncOperation>();
                var leavingFields = new[] { "LeavingDate", "LeavingReason" };
                var changed = diff.Differences.Where(d => !leavingFields.Contains(d.Field)).ToList();
                var leavingChanged = diff.Differences.Any(d => leavingFields.Contains(d.Field));
                if (changed.Count > 0)
                {
                    var item = new JObject { ["nsn"] = diff.Key };
                    foreach (var d in changed) item[Camel(d.Field)] = Value(local, d.Field);
                    ops.Add(new SyncOperation(SyncAction.Update, NzqaWrite.UpdateEnrolment, provider, item));
                }
                if (leavingChanged && local.LeavingDate != null)
                {
                    ops.Add(new SyncOperation(SyncAction.RecordLeaving, NzqaWrite.RecordLeaving, provider, new JObject
                    {
                        ["nsn"] = diff.Key,
                        ["leavingDate"] = CalendarDate.Format(local.LeavingDate),
                        ["leavingReason"] = LeavingReason.Normalise(local.LeavingReason),
                    }));
                }
                else if (leavingChanged)
                {
                    // The SMS no longer has a leaving date (the student came back): clear NZQA's. With no Leaving Date
                    // column only a leaver's reason can differ (EnrolmentArea.CheckPresent): that is all that is sent.
                    var item = ops.Count > 0 ? ops[0].Item : null;
                    if (item == null)
                    {
                        item = new JObject { ["nsn"] = diff.Key };
                        ops.Add(new SyncOperation(SyncAction.Update, NzqaWrite.UpdateEnrolment, provider, item));
                    }
                    var noDateColumn = diff.AbsentFields.Contains("LeavingDate");
                    if (!noDateColumn) item["leavingDate"] = JValue.CreateNull();
                    item["leavingReason"] = noDateColumn ? (JToken)LeavingReason.Normalise(local.LeavingReason) : JValue.CreateNull();
                }
                var headline = ops.Any(o => o.Action == SyncAction.RecordLeaving) ? SyncAction.RecordLeaving : SyncAction.Update;
                return new PlannedRecord(diff, ops, ops.Count == 0 ? SyncAction.None : headline);
            default:
                return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);
        }
    }

    /// <summary>Every field the input gave (a field with no column in the input is left out, not sent as a blank).</summary>
    private static JObject Full(string nsn, EnrolmentRecord r, IReadOnlyList<string> absent)
    {
        var item = new JObject { ["nsn"] = nsn };
        foreach (var field in EnrolmentArea.Instance.Fields)
            if (!absent.Contains(field.Name)) item[Camel(field.Name)] = Value(r, field.Name);
        if (r.FirstName != null) item["firstName"] = r.FirstName;
        if (r.LastName != null) item["lastName"] = r.LastName;
        return item;
    }

    private static JToken Value(EnrolmentRecord r, string field)
    {
        switch (field)
        {
            case "LocalStudentId": return r.LocalStudentId?.Trim();
            case "EnrolmentDate": return CalendarDate.Format(r.EnrolmentDate);
            case "YearLevel": return r.YearLevel;
            case "LeavingDate": return CalendarDate.Format(r.LeavingDate);
            case "LeavingReason": return LeavingReason.Normalise(r.LeavingReason);
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not an enrolment field.");
        }
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name.Substring(1);
}
