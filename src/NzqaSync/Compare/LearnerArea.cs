using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>Learner Details: identity keyed by NSN. NZQA wants the formal name, never a nickname.</summary>
public sealed class LearnerArea : StudentArea<LearnerRecord, LearnerDiff>
{
    public static readonly LearnerArea Instance = new LearnerArea();

    private readonly ISet<string> _leaverNsns;

    /// <param name="leaverNsns">NSNs the SMS has as left (from its enrolments); a Leaving Date column on the learner counts too.</param>
    public LearnerArea(ISet<string> leaverNsns = null) => _leaverNsns = leaverNsns;

    /// <summary>Whether the SMS has this learner as left.</summary>
    public bool IsLeaver(LearnerRecord local) =>
        local != null && (local.LeavingDate != null || (_leaverNsns != null && NationalStudentNumber.Normalise(local.Nsn) is string nsn && _leaverNsns.Contains(nsn)));

    /// <summary>A leaver is Leaver: information. Nothing is sent for them unless their identity changed (and then only with consent).</summary>
    public override (DiffStatus, SyncStatus) Classify(LearnerRecord local, LearnerRecord nzqa, IReadOnlyList<FieldDifference> differences) =>
        IsLeaver(local) ? (DiffStatus.Leaver, SyncStatus.Leaver) : base.Classify(local, nzqa, differences);

    public override (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(LearnerRecord local) =>
        IsLeaver(local) ? (DiffStatus.Leaver, SyncStatus.Leaver) : base.ClassifyMissingAtNzqa(local);

    private static readonly ComparedField<LearnerRecord>[] ComparedFields =
    {
        new ComparedField<LearnerRecord>("LocalStudentId", r => r?.LocalStudentId?.Trim()),
        new ComparedField<LearnerRecord>("FirstName", r => r?.FirstName?.Trim()),
        new ComparedField<LearnerRecord>("MiddleName", r => r?.MiddleName?.Trim()),
        new ComparedField<LearnerRecord>("LastName", r => r?.LastName?.Trim()),
        new ComparedField<LearnerRecord>("DateOfBirth", r => CalendarDate.Format(r?.DateOfBirth)),
        new ComparedField<LearnerRecord>("Gender", r => LearnerCodes.NormaliseGender(r?.Gender) ?? r?.Gender),
        new ComparedField<LearnerRecord>("Ethnicities", r => string.Join(";", LearnerCodes.NormaliseEthnicities(r?.Ethnicities))),
    };

    public override string Kind => "Learner";
    public override IReadOnlyList<ComparedField<LearnerRecord>> Fields => ComparedFields;
    public override LearnerDiff CreateDiff(LearnerRecord local, LearnerRecord nzqa) => new LearnerDiff { Local = local, Nzqa = nzqa };

    protected override IEnumerable<string> SourcesOf(string comparedField) =>
        comparedField == "Ethnicities" ? new[] { "Ethnicities", "Ethnicity1", "Ethnicity2", "Ethnicity3" } : new[] { comparedField };

    private static readonly string[] EthnicityColumns = { "Ethnicity1", "Ethnicity2", "Ethnicity3" };

    /// <summary>
    /// Also each numbered ethnicity column the input lacks while it has another (an export with only Ethnicity 1): the
    /// export cannot say those, so NZQA's stay as they are (trial 5, D20), never sent as blanks.
    /// </summary>
    public override IReadOnlyList<string> AbsentFields(IReadOnlyCollection<string> present)
    {
        var absent = base.AbsentFields(present);
        if (present == null || present.Contains("Ethnicities") || !EthnicityColumns.Any(present.Contains)) return absent;
        var missing = EthnicityColumns.Where(c => !present.Contains(c)).ToArray();
        return missing.Length == 0 ? absent : absent.Concat(missing).ToArray();
    }

    /// <summary>
    /// The ethnicities a sync sends: the export's, with NZQA's code in each position whose column the export lacks
    /// (Ethnicity 1 replaces NZQA's first; its second and third stay), a code given twice kept once.
    /// </summary>
    public static string[] EthnicitiesToSend(LearnerRecord local, LearnerRecord nzqa, IReadOnlyList<string> absent)
    {
        var given = local?.Ethnicities ?? Array.Empty<string>();
        if (nzqa == null || absent == null || !EthnicityColumns.Any(absent.Contains)) return LearnerCodes.NormaliseEthnicities(given);
        var theirs = LearnerCodes.NormaliseEthnicities(nzqa.Ethnicities);
        var merged = new List<string>(3);
        for (var i = 0; i < EthnicityColumns.Length; i++)
        {
            var code = absent.Contains(EthnicityColumns[i]) ? (i < theirs.Length ? theirs[i] : null) : (i < given.Length ? given[i]?.Trim() : null);
            if (!string.IsNullOrEmpty(code) && !merged.Contains(code)) merged.Add(code);
        }
        return merged.ToArray();
    }

    /// <summary>Ethnicities compared as they would be sent (<see cref="EthnicitiesToSend"/>) when the export lacks some numbered columns.</summary>
    public override IReadOnlyList<FieldDifference> Differences(LearnerRecord local, LearnerRecord nzqa, IReadOnlyList<string> absent)
    {
        if (local == null || nzqa == null || absent == null || absent.Contains("Ethnicities") || !EthnicityColumns.Any(absent.Contains))
            return base.Differences(local, nzqa, absent);
        var found = base.Differences(local, nzqa, absent.Concat(new[] { "Ethnicities" }).ToArray()).ToList();
        var ours = string.Join(";", EthnicitiesToSend(local, nzqa, absent));
        var theirs = string.Join(";", LearnerCodes.NormaliseEthnicities(nzqa.Ethnicities));
        if (!string.Equals(ours, theirs, StringComparison.Ordinal)) found.Add(new FieldDifference("Ethnicities", ours, theirs));
        return found;
    }

    public override IEnumerable<RecordProblem> Check(LearnerRecord local)
    {
        var nsn = NationalStudentNumber.Check(local.Nsn);
        if (nsn != null) yield return nsn;
        // docs/api-contract.md: firstName is required (the formal name); NZQA would refuse the learner with NAME_REQUIRED.
        if (string.IsNullOrWhiteSpace(local.FirstName))
            yield return new RecordProblem("NzqaMissingField", "FirstName", "The formal first name is missing.");
        if (string.IsNullOrWhiteSpace(local.LastName))
            yield return new RecordProblem("NzqaMissingField", "LastName", "The formal last name is missing.");
        if (local.DateOfBirth == null)
            yield return new RecordProblem("NzqaMissingField", "DateOfBirth", "The date of birth is missing.");
        // One range everywhere (docs/api-contract.md, the sandbox's DOB_INVALID): not in the future, not before 1900.
        else if (local.DateOfBirth > LocalToday.Value || local.DateOfBirth < new DateTime(1900, 1, 1))
            yield return new RecordProblem("NzqaInvalidDate", "DateOfBirth", $"The date of birth {CalendarDate.Format(local.DateOfBirth)} is not plausible.");
        if (string.IsNullOrWhiteSpace(local.Gender))
            yield return new RecordProblem("NzqaMissingField", "Gender", "The gender is missing (M, F, D or U).");
        else if (LearnerCodes.NormaliseGender(local.Gender) == null)
            yield return new RecordProblem("NzqaInvalidGender", "Gender", $"'{local.Gender}' is not a gender code NZQA accepts: M, F, D or U." +
                (string.Equals(local.Gender.Trim(), "X", StringComparison.OrdinalIgnoreCase) ? " " + LearnerCodes.XHint : ""));
        var ethnicities = LearnerCodes.NormaliseEthnicities(local.Ethnicities);
        if (ethnicities.Length > 3)
            yield return new RecordProblem("NzqaTooManyEthnicities", "Ethnicities", $"{ethnicities.Length} ethnicities given; NZQA takes up to three.");
        // docs/api-contract.md: ethnicities are 1–3 distinct codes (999 where none is stated).
        if (ethnicities.Length == 0)
            yield return new RecordProblem("NzqaMissingField", "Ethnicities", "No ethnicity is given: NZQA takes one to three codes (999 when not stated).");
        foreach (var code in ethnicities.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key))
            yield return new RecordProblem("NzqaInvalidEthnicity", "Ethnicities", $"Ethnicity {code} is given more than once.");
        foreach (var code in ethnicities.Where(c => !LearnerCodes.IsEthnicityCode(c)))
            yield return new RecordProblem("NzqaInvalidEthnicity", "Ethnicities", $"'{code}' is not an ethnicity code (three digits, e.g. 111 or 211).");
        foreach (var (field, value) in new[] { ("FirstName", local.FirstName), ("MiddleName", local.MiddleName), ("LastName", local.LastName) })
            if (value != null && value.Trim().Length > 50)
                yield return new RecordProblem("NzqaFieldTooLong", field, $"{field} is longer than 50 characters.");
        if (local.LocalStudentId != null && local.LocalStudentId.Trim().Length > 10)
            yield return new RecordProblem("NzqaFieldTooLong", "LocalStudentId", $"The student id '{local.LocalStudentId}' is longer than 10 characters.");
    }
}
