using System.Security.Cryptography;
using Newtonsoft.Json;
using NzqaSync.Compare;

namespace NzqaSync.Sync;

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
    /// <summary>
    /// True when the change corrects the legal names or date of birth of a learner NZQA holds (sent only with
    /// Sync-NzqaLearner -AllowIdentityChange): said in the file so the signer sees it. Not checked.
    /// </summary>
    [JsonProperty("identityChange", NullValueHandling = NullValueHandling.Ignore)] public bool? IdentityChange { get; set; }
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
    /// <summary>
    /// The NZQA provider the approved changes were compared for (New-NzqaApproval writes it when every diff names
    /// the same one): Sync-Nzqa* refuses the file on a connection to another provider. Each NZQA entry's fingerprint
    /// also holds its provider, so a file without this field cannot approve another school's changes either.
    /// </summary>
    [JsonProperty("provider", NullValueHandling = NullValueHandling.Ignore)] public int? Provider { get; set; }
    [JsonProperty("approved")] public List<ApprovedChange> Approved { get; set; } = new List<ApprovedChange>();

    /// <summary>SHA-256 of the file as read ("sha256:…"): what the journal records.</summary>
    [JsonIgnore] public string Sha256 { get; private set; }
    [JsonIgnore] public string Path { get; private set; }

    /// <param name="allowIdentityChange">Plan as Sync-NzqaLearner -AllowIdentityChange would: identity changes are approved (and marked), not left out.</param>
    public static ApprovalFile FromDiffs(IEnumerable<RecordDiff> diffs, string signedBy, DateTimeOffset signedAt, string source, bool allowIdentityChange = false)
    {
        var file = new ApprovalFile { SignedBy = signedBy, SignedAt = signedAt, Source = source };
        var providers = new HashSet<int?>();
        foreach (var diff in diffs)
        {
            providers.Add(diff.ComparedProvider);
            var entry = EntryFor(diff, allowIdentityChange);
            if (entry != null) file.Approved.Add(entry);
        }
        if (providers.Count == 1) file.Provider = providers.First();
        return file;
    }

    /// <summary>What the summary of an identity change starts with, in the file and on the review page.</summary>
    public const string IdentityChangeSummary = "Identity change (legal name or date of birth of a learner NZQA holds): ";

    /// <summary>
    /// The entry approving <paramref name="diff"/>: New-NzqaApproval writes it, and the review page writes the same
    /// for a ticked row (Export-NzqaReport puts its fields in the page). Null when a sync would send nothing for it
    /// (with <paramref name="allowIdentityChange"/> false, that includes an identity change).
    /// </summary>
    public static ApprovedChange EntryFor(RecordDiff diff, bool allowIdentityChange)
    {
        var fingerprint = ApprovalFingerprint.Of(diff, allowIdentityChange);
        if (fingerprint == null) return null;
        var identity = diff is LearnerDiff l && l.IdentityChange;
        return new ApprovedChange
        {
            Kind = diff.Kind, Key = diff.Key, Fingerprint = fingerprint, Status = diff.Status.ToString(), Name = diff.Name,
            Summary = (identity ? IdentityChangeSummary : "") + ApprovalFingerprint.Summary(diff),
            IdentityChange = identity ? true : (bool?)null,
        };
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
