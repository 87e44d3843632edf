using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Compare;

namespace NzqaSync.Sync
{
    /// <summary>Plans any diff with its area's planner (what Sync-Nzqa* would send for it).</summary>
    public static class SyncPlanner
    {
        public static PlannedRecord Plan(RecordDiff diff, int provider)
        {
            switch (diff)
            {
                case EnrolmentDiff e: return EnrolmentSyncPlanner.Plan(e, provider);
                case LearnerDiff l: return LearnerSyncPlanner.Plan(l, provider);
                case StandardDiff s: return StandardSyncPlanner.Plan(s, provider);
                default: return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);
            }
        }
    }

    /// <summary>
    /// The fingerprint of exactly what a sync would send for one record: every operation's action, verb and body
    /// (the local values of the changed fields, or the whole record for a new one) and NZQA's values they replace,
    /// as canonical JSON (properties sorted, no whitespace) hashed with SHA-256. Routes are left out (they only add
    /// the provider number), so a Nominee's page and the scheduled sync agree. Any change to what would be sent,
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

        public static string Of(RecordDiff diff) => Of(SyncPlanner.Plan(diff, 0));

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

    /// <summary>One approved change in an approval file.</summary>
    public sealed class ApprovedChange
    {
        /// <summary>"Dxp" for a DXP record (Sync-DxpRecord); absent for NZQA's.</summary>
        [JsonProperty("api", NullValueHandling = NullValueHandling.Ignore)] public string Api { get; set; }
        [JsonProperty("kind")] public string Kind { get; set; }
        [JsonProperty("key")] public string Key { get; set; }
        [JsonProperty("fingerprint")] public string Fingerprint { get; set; }
        [JsonProperty("status", NullValueHandling = NullValueHandling.Ignore)] public string Status { get; set; }
        [JsonProperty("name", NullValueHandling = NullValueHandling.Ignore)] public string Name { get; set; }
        [JsonProperty("summary", NullValueHandling = NullValueHandling.Ignore)] public string Summary { get; set; }
        /// <summary>DXP only: the return the change goes to (also in the fingerprint).</summary>
        [JsonProperty("returnId", NullValueHandling = NullValueHandling.Ignore)] public string ReturnId { get; set; }

        internal bool IsDxp => string.Equals(Api, "Dxp", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The Principal's Nominee's sign-off (docs/approval.md): who signed, when, and the changes they approved, each
    /// by kind, key and the fingerprint of exactly what would be sent. Written by the review page or New-NzqaApproval.
    /// </summary>
    public sealed class ApprovalFile
    {
        public const string CurrentFormat = "nzqasync-approval/1";

        [JsonProperty("format")] public string Format { get; set; } = CurrentFormat;
        [JsonProperty("signedBy")] public string SignedBy { get; set; }
        [JsonProperty("signedAt")] public DateTimeOffset SignedAt { get; set; }
        [JsonProperty("source", NullValueHandling = NullValueHandling.Ignore)] public string Source { get; set; }
        [JsonProperty("approved")] public List<ApprovedChange> Approved { get; set; } = new List<ApprovedChange>();

        /// <summary>SHA-256 of the file as read ("sha256:…"): what the journal records.</summary>
        [JsonIgnore] public string Sha256 { get; private set; }
        [JsonIgnore] public string Path { get; private set; }

        public static ApprovalFile FromDiffs(IEnumerable<RecordDiff> diffs, string signedBy, DateTimeOffset signedAt, string source)
        {
            var file = new ApprovalFile { SignedBy = signedBy, SignedAt = signedAt, Source = source };
            foreach (var diff in diffs)
            {
                var fingerprint = ApprovalFingerprint.Of(diff);
                if (fingerprint == null) continue;
                file.Approved.Add(new ApprovedChange { Kind = diff.Kind, Key = diff.Key, Fingerprint = fingerprint, Status = diff.Status.ToString(), Name = diff.Name, Summary = ApprovalFingerprint.Summary(diff) });
            }
            return file;
        }

        /// <summary>Adds a DXP diff that Sync-DxpRecord would send something for; false (nothing added) for Match and Invalid.</summary>
        public bool Add(DxpRecordDiff diff)
        {
            var fingerprint = ApprovalFingerprint.Of(diff, diff?.ReturnId);
            if (fingerprint == null) return false;
            Approved.Add(new ApprovedChange
            {
                Api = "Dxp", Kind = diff.Kind, Key = diff.LocalId, ReturnId = diff.ReturnId, Fingerprint = fingerprint, Status = diff.Status.ToString(),
                Name = diff.StudentIdentificationCode != null ? "student " + diff.StudentIdentificationCode : diff.CourseCode != null ? "course " + diff.CourseCode : null,
                Summary = ApprovalFingerprint.Summary(diff),
            });
            return true;
        }

        public string ToJson() => JsonConvert.SerializeObject(this, Formatting.Indented);

        /// <summary>Reads and checks an approval file; throws InvalidDataException saying what is wrong with it.</summary>
        public static ApprovalFile Load(string path)
        {
            var bytes = File.ReadAllBytes(path);
            ApprovalFile file;
            try
            {
                file = JsonConvert.DeserializeObject<ApprovalFile>(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'),
                    new JsonSerializerSettings { DateParseHandling = DateParseHandling.DateTimeOffset });
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"'{path}' is not an approval file (not JSON: {ex.Message}).", ex);
            }
            if (file == null || !string.Equals(file.Format, CurrentFormat, StringComparison.Ordinal))
                throw new InvalidDataException($"'{path}' is not an approval file in the format {CurrentFormat} (format '{file?.Format}').");
            if (string.IsNullOrWhiteSpace(file.SignedBy))
                throw new InvalidDataException($"'{path}' names no one in signedBy: an approval must say who approved.");
            file.Approved = (file.Approved ?? new List<ApprovedChange>()).Where(a => a != null).ToList();
            using (var sha = SHA256.Create())
                file.Sha256 = "sha256:" + BitConverter.ToString(sha.ComputeHash(bytes)).Replace("-", "").ToLowerInvariant();
            file.Path = path;
            return file;
        }

        /// <summary>Null when the planned change was approved exactly as it would be sent; else why it must not be sent.</summary>
        public string Refusal(PlannedRecord planned)
        {
            var diff = planned.Diff;
            var entry = Approved.FirstOrDefault(a => !a.IsDxp && string.Equals(a.Kind, diff.Kind, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Key, diff.Key, StringComparison.Ordinal));
            var signed = Signed;
            if (entry == null)
                return $"Not approved: the approval file signed by {signed} does not list this change; it was not sent.";
            if (!string.Equals(entry.Fingerprint, ApprovalFingerprint.Of(planned), StringComparison.OrdinalIgnoreCase))
                return $"Changed since approval: what would be sent (or what NZQA holds) differs from what {signed} approved; it was not sent. Review it again and ask for a new approval.";
            return null;
        }

        /// <summary>Null when the DXP change (upload or delete, to <paramref name="returnId"/>) was approved exactly as it would be sent; else why it must not be sent.</summary>
        public string Refusal(DxpRecordDiff diff, string returnId)
        {
            var entry = Approved.FirstOrDefault(a => a.IsDxp && string.Equals(a.Kind, diff.Kind, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Key, diff.LocalId, StringComparison.Ordinal));
            if (entry == null)
                return $"Not approved: the approval file signed by {Signed} does not list this change; it was not sent.";
            if (!string.Equals(entry.Fingerprint, ApprovalFingerprint.Of(diff, returnId), StringComparison.OrdinalIgnoreCase))
                return $"Changed since approval: what would be sent (or what DXP holds, or the return) differs from what {Signed} approved; it was not sent. Review it again and ask for a new approval.";
            return null;
        }

        private string Signed => $"{SignedBy} ({SignedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)})";
    }
}
