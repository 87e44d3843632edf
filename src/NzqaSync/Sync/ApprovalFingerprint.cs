using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>
/// The fingerprint of exactly what a sync would send for one record: every operation's action, verb and body
/// (the local values of the changed fields, or the whole record for a new one) and NZQA's values they replace,
/// as canonical JSON (properties sorted, no whitespace) hashed with SHA-256, with the provider the diff was compared
/// for (routes are left out: they only add the provider number again). Any change to what would be sent,
/// or to what NZQA holds, changes the fingerprint.
/// </summary>
public static class ApprovalFingerprint
{
    public static string Of(PlannedRecord planned)
    {
        if (planned == null || planned.Operations.Count == 0) return null;
        var diff = planned.Diff;
        var canonical = new JObject
        {
            ["kind"] = diff.Kind,
            ["key"] = diff.Key,
            // The school it was compared for: an approval of one school's change never matches another's.
            ["provider"] = diff.ComparedProvider,
            ["send"] = new JArray(planned.Operations.Select(o => new JObject
            {
                ["action"] = o.Action.ToString(),
                ["method"] = o.Verb,
                ["item"] = Sorted(o.Item),
            })),
            ["replaces"] = new JArray(diff.Differences.OrderBy(d => d.Field, StringComparer.Ordinal).Select(d => new JObject
            {
                ["field"] = d.Field,
                ["local"] = d.Local,
                ["nzqa"] = d.Nzqa,
            })),
        };
        using (var sha = SHA256.Create())
        {
            var bytes = sha.ComputeHash(new UTF8Encoding(false).GetBytes(canonical.ToString(Formatting.None)));
            return "sha256:" + BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }
    }

    public static string Of(RecordDiff diff, bool allowIdentityChange = false) => Of(SyncPlanner.Plan(diff, diff?.ComparedProvider ?? 0, allowIdentityChange));

    private static readonly JsonSerializer DxpSerializer = Api.DxpJson.Serializer;

    /// <summary>
    /// A DXP diff's fingerprint: what Sync-DxpRecord would send to <paramref name="returnId"/> (the whole local record
    /// as uploaded, the same localId replacing; or the delete of a DxpOnly record) and DXP's values it replaces (each
    /// changed field, or the whole record a delete removes). Null when nothing would be sent (Match, Invalid).
    /// </summary>
    public static string Of(DxpRecordDiff diff, string returnId)
    {
        var action = DxpActionOf(diff);
        if (action == null) return null;
        var canonical = new JObject
        {
            ["api"] = "Dxp",
            ["kind"] = diff.Kind,
            ["key"] = diff.LocalId,
            ["returnId"] = returnId,
            ["send"] = new JObject
            {
                ["action"] = action,
                ["method"] = action == "Upload" ? "PUT" : "POST",
                ["item"] = action == "Upload" ? Sorted(JToken.FromObject(diff.Local, DxpSerializer)) : new JObject { ["localId"] = diff.LocalId },
            },
            ["replaces"] = new JArray(diff.Differences.OrderBy(d => d.Field, StringComparer.Ordinal).Select(d => new JObject
            {
                ["field"] = d.Field,
                ["local"] = d.Local,
                ["dxp"] = d.Dxp,
            })),
            ["deletes"] = action == "Delete" && diff.Dxp != null ? Sorted(JToken.FromObject(diff.Dxp, DxpSerializer)) : JValue.CreateNull(),
        };
        return Hash(canonical);
    }

    /// <summary>Upload (New, Different), Delete (DxpOnly), or null: what Sync-DxpRecord does with the diff.</summary>
    public static string DxpActionOf(DxpRecordDiff diff)
    {
        if (diff == null) return null;
        switch (diff.Status)
        {
            case DxpDiffStatus.New:
            case DxpDiffStatus.Different:
                return diff.Local == null ? null : "Upload";
            case DxpDiffStatus.DxpOnly:
                return "Delete";
            default:
                return null;
        }
    }

    private static string Hash(JObject canonical)
    {
        using (var sha = SHA256.Create())
        {
            var bytes = sha.ComputeHash(new UTF8Encoding(false).GetBytes(canonical.ToString(Formatting.None)));
            return "sha256:" + BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
        }
    }

    /// <summary>One line saying what would be sent to DXP, for the approval file.</summary>
    public static string Summary(DxpRecordDiff diff) =>
        diff.Status == DxpDiffStatus.New ? "Upload new " + diff.Kind
        : diff.Status == DxpDiffStatus.DxpOnly ? "Delete from DXP (no longer in the local data)"
        : "Upload: " + diff.DifferenceSummary;

    private static JToken Sorted(JToken token)
    {
        switch (token)
        {
            case JObject o:
                var sorted = new JObject();
                foreach (var p in o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal)) sorted[p.Name] = Sorted(p.Value);
                return sorted;
            case JArray a:
                return new JArray(a.Select(Sorted));
            default:
                return token?.DeepClone() ?? JValue.CreateNull();
        }
    }

    /// <summary>One line saying what would be sent, for the approval file and the page.</summary>
    public static string Summary(RecordDiff diff)
    {
        switch (diff.Status)
        {
            case DiffStatus.New: return "Create " + diff.Kind.ToLowerInvariant();
            case DiffStatus.Leaver: return "Record leaving" + (diff.Differences.Count > 0 ? ": " + diff.DifferenceSummary : "");
            default: return diff.DifferenceSummary;
        }
    }
}
