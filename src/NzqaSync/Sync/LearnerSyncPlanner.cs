using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Sync;

/// <summary>Learner diffs to NZQA operations: New → create the learner; Different → update only the changed fields.</summary>
public static class LearnerSyncPlanner
{

    public static PlannedRecord Plan(LearnerDiff diff, int provider, bool allowIdentityChange = false)
    {
        if (diff.IdentityChange && !allowIdentityChange)
            return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None, IdentityChangeReason(diff));
        switch (diff.Status)
        {
            case DiffStatus.New:
                var item = new JObject { ["nsn"] = diff.Key };
                // A field with no column in the input is left out, not sent as a blank.
                foreach (var field in LearnerArea.Instance.Fields)
                    if (!diff.AbsentFields.Contains(field.Name)) item[EnrolmentSyncPlanner.Camel(field.Name)] = Value(diff, field.Name);
                return new PlannedRecord(diff, new[] { new SyncOperation(SyncAction.Create, NzqaWrite.CreateLearner, provider, item) }, SyncAction.Create);
            case DiffStatus.Different:
            case DiffStatus.Leaver when diff.IdentityChange:
                // A leaver is information: only a (consented) identity change is sent for them.
                var patch = new JObject { ["nsn"] = diff.Key };
                foreach (var d in diff.Differences)
                    if (diff.Status != DiffStatus.Leaver || LearnerDiff.IdentityFields.Contains(d.Field))
                        patch[EnrolmentSyncPlanner.Camel(d.Field)] = Value(diff, d.Field);
                return new PlannedRecord(diff, new[] { new SyncOperation(SyncAction.Update, NzqaWrite.UpdateLearner, provider, patch) }, SyncAction.Update);
            default:
                return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);
        }
    }

    /// <summary>The reason an identity change is not sent without -AllowIdentityChange, naming what would change.</summary>
    public static string IdentityChangeReason(LearnerDiff diff) =>
        "Identity change not sent: NZQA already holds NSN " + diff.Key + " as " +
        string.Join(", ", diff.Differences.Where(d => LearnerDiff.IdentityFields.Contains(d.Field)).Select(d => $"{d.Field} {Show(d.Nzqa)} (the SMS has {Show(d.Local)})")) +
        ". Check that the NSN is this student's; if the SMS is right, sync it with -AllowIdentityChange.";

    private static string Show(string value) => string.IsNullOrEmpty(value) ? "(none)" : value;

    private static JToken Value(LearnerDiff diff, string field)
    {
        var r = diff.Local;
        switch (field)
        {
            case "LocalStudentId": return r.LocalStudentId?.Trim();
            case "FirstName": return r.FirstName?.Trim();
            case "MiddleName": return r.MiddleName?.Trim();
            case "LastName": return r.LastName?.Trim();
            case "DateOfBirth": return CalendarDate.Format(r.DateOfBirth);
            case "Gender": return LearnerCodes.NormaliseGender(r.Gender);
            // NZQA's codes stay in the positions whose columns the export lacks (LearnerArea.EthnicitiesToSend).
            case "Ethnicities": return new JArray(LearnerArea.EthnicitiesToSend(r, diff.Nzqa, diff.AbsentFields).Cast<object>().ToArray());
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a learner field.");
        }
    }
}

/// <summary>
/// Standard diffs to NZQA operations: a new entry is created (then its result submitted, if it has one); a
/// changed result is submitted; an entry the school marks withdrawn is withdrawn. Never a withdrawal of the
/// NCEA enrolment itself.
/// </summary>
public static class StandardSyncPlanner
{
    public static PlannedRecord Plan(StandardDiff diff, int provider)
    {
        var local = diff.Local;
        if (diff.Status == DiffStatus.Leaver)
        {
            // NZQA's guidance for leavers: withdraw entries that will not get a result; never a result, never
            // the NCEA enrolment (that would withdraw every entry and result).
            if (!StandardArea.LeaverWithdrawal(local, diff.Nzqa)) return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);
            var key = new JObject
            {
                ["nsn"] = NationalStudentNumber.Normalise(diff.Nzqa.Nsn),
                ["standardNumber"] = diff.Nzqa.StandardNumber.Trim(),
                ["standardVersion"] = diff.Nzqa.StandardVersion ?? diff.CatalogueVersion,
                ["academicYear"] = diff.Nzqa.AcademicYear,
            };
            return new PlannedRecord(diff, new[] { new SyncOperation(SyncAction.Withdraw, NzqaWrite.WithdrawEntry, provider, key) }, SyncAction.Withdraw);
        }
        if (diff.Status != DiffStatus.New && diff.Status != DiffStatus.Different)
            return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);

        var version = local.StandardVersion ?? diff.Nzqa?.StandardVersion ?? diff.CatalogueVersion;
        JObject Key() => new JObject
        {
            ["nsn"] = NationalStudentNumber.Normalise(local.Nsn),
            ["standardNumber"] = local.StandardNumber.Trim(),
            ["standardVersion"] = version,
            ["academicYear"] = local.AcademicYear,
        };

        if (local.IsWithdrawn)
            return new PlannedRecord(diff, new[] { new SyncOperation(SyncAction.Withdraw, NzqaWrite.WithdrawEntry, provider, Key()) }, SyncAction.Withdraw);

        var ops = new System.Collections.Generic.List<SyncOperation>();
        var entryChanged = diff.Status == DiffStatus.New || diff.Differences.Any(d => d.Field == "StandardVersion" || d.Field == "EntryMethod" || d.Field == "Status");
        if (entryChanged)
        {
            var entry = Key();
            if (local.EntryMethod != null) entry["entryMethod"] = char.ToUpperInvariant(local.EntryMethod.Trim()[0]) + local.EntryMethod.Trim().Substring(1).ToLowerInvariant();
            ops.Add(new SyncOperation(SyncAction.Create, NzqaWrite.CreateEntry, provider, entry));
        }
        var result = ResultCode.Normalise(local.Result);
        var resultChanged = diff.Status == DiffStatus.New ? result != null : diff.Differences.Any(d => d.Field == "Result");
        if (resultChanged && result != null)
        {
            var item = Key();
            item["result"] = result;
            item["resultProviderCode"] = local.ResultProviderCode ?? provider;
            ops.Add(new SyncOperation(SyncAction.SubmitResult, NzqaWrite.SubmitResult, provider, item));
        }
        var headline = diff.Status == DiffStatus.New ? SyncAction.Create : ops.Any(o => o.Action == SyncAction.SubmitResult) ? SyncAction.SubmitResult : SyncAction.Update;
        // A blank result where NZQA holds one: the SMS has not reported it, and a sync never removes a result — say so,
        // or the record reads Different forever with nothing sent and no reason.
        var kept = ops.Count == 0 && resultChanged && result == null && diff.Nzqa is StandardRecord held && !string.IsNullOrWhiteSpace(held.Result)
            ? $"The SMS has no result for it; NZQA's {held.Result}{(held.ResultProviderCode is int p && p != provider ? $" (provider {p})" : "")} is kept: a sync never removes a result."
            : null;
        return new PlannedRecord(diff, ops, ops.Count == 0 ? SyncAction.None : headline, note: kept);
    }
}
