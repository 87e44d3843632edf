using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>
/// Standards: entries and results keyed by NSN + standard number + academic year, checked against NZQA's
/// catalogue (a known standard, a result valid for it) and NZQA's enrolments (an active enrolment at this school)
/// before anything is sent — the seed's Troubleshooting list, done for the user.
/// </summary>
public sealed class StandardArea : StudentArea<StandardRecord, StandardDiff>
{
    private readonly IReadOnlyDictionary<string, StandardDefinition> _catalogue;
    private readonly ISet<string> _enrolledNsns;
    private readonly int _provider;
    private readonly ISet<string> _leaverNsns;

    /// <param name="catalogue">Standards by number; null skips the catalogue checks.</param>
    /// <param name="enrolledNsns">NSNs with an active enrolment at this provider (<see cref="ActiveNsns"/>); null skips that check.</param>
    /// <param name="leaverNsns">NSNs the SMS has as left (from its enrolments); a Leaving Date column on the entry counts too.</param>
    public StandardArea(int provider, IReadOnlyDictionary<string, StandardDefinition> catalogue, ISet<string> enrolledNsns, ISet<string> leaverNsns = null)
    {
        _provider = provider;
        _catalogue = catalogue;
        _enrolledNsns = enrolledNsns;
        _leaverNsns = leaverNsns;
        Fields = new[]
        {
            new ComparedField<StandardRecord>("StandardVersion", r => r?.StandardVersion?.ToString(CultureInfo.InvariantCulture) ?? VersionOf(r)),
            new ComparedField<StandardRecord>("EntryMethod", r => Capitalise(r?.EntryMethod)),
            // One field for the result and whose assessment it is: "A", or "A (provider 498)" for another provider's.
            new ComparedField<StandardRecord>("Result", ResultWithProvider),
            new ComparedField<StandardRecord>("Status", r => r == null ? null : r.IsWithdrawn ? "Withdrawn" : "Entered"),
        };
    }

    /// <summary>The area with NZQA's reference data as read: its catalogue (by number, the last of a number wins) and enrolments.</summary>
    public static StandardArea WithReferenceData(int provider, IEnumerable<StandardDefinition> catalogue, IEnumerable<EnrolmentRecord> enrolments, ISet<string> leaverNsns)
    {
        var byNumber = new Dictionary<string, StandardDefinition>(StringComparer.Ordinal);
        foreach (var d in catalogue) byNumber[d.Number] = d;
        return new StandardArea(provider, byNumber, ActiveNsns(enrolments), leaverNsns);
    }

    /// <summary>
    /// The NSNs with an active enrolment: an enrolment with a leaving date is not active (the Helix seed's
    /// Troubleshooting: "Student has an active enrolment"; NZQA refuses a new entry with NOT_ENROLLED).
    /// </summary>
    public static ISet<string> ActiveNsns(IEnumerable<EnrolmentRecord> enrolments) =>
        new HashSet<string>(enrolments.Where(e => e.LeavingDate == null).Select(e => NationalStudentNumber.Normalise(e.Nsn)).Where(n => n != null), StringComparer.Ordinal);

    /// <summary>The NSNs an SMS's enrolments have as left (a leaving date).</summary>
    public static ISet<string> LeaverNsns(IEnumerable<EnrolmentRecord> enrolments) =>
        new HashSet<string>(enrolments.Where(e => e.LeavingDate != null).Select(e => NationalStudentNumber.Normalise(e.Nsn)).Where(n => n != null), StringComparer.Ordinal);

    /// <summary>Whether the SMS has this entry's student as left.</summary>
    public bool IsLeaver(StandardRecord local) =>
        local != null && (local.LeavingDate != null || (_leaverNsns != null && NationalStudentNumber.Normalise(local.Nsn) is string nsn && _leaverNsns.Contains(nsn)));

    public override string Kind => "Standard";
    public override IReadOnlyList<ComparedField<StandardRecord>> Fields { get; }
    public int Provider => _provider;

    public override string KeyOf(StandardRecord record)
    {
        var nsn = NationalStudentNumber.Normalise(record?.Nsn);
        var number = record?.StandardNumber?.Trim();
        if (nsn == null || string.IsNullOrEmpty(number) || record.AcademicYear == null) return null;
        return nsn + "/" + number + "/" + record.AcademicYear.Value.ToString(CultureInfo.InvariantCulture);
    }

    public override StandardDiff CreateDiff(StandardRecord local, StandardRecord nzqa) =>
        new StandardDiff { Local = local, Nzqa = nzqa, CatalogueVersion = Definition((local ?? nzqa)?.StandardNumber)?.Version };

    protected override IEnumerable<string> SourcesOf(string comparedField) =>
        comparedField == "Status" ? new[] { "Status", "Withdrawn" } : new[] { comparedField };

    /// <summary>
    /// With no Result Provider column, whose assessment a result is is not the school's to say: only the result code
    /// is compared (NZQA's provider stands).
    /// </summary>
    public override IReadOnlyList<FieldDifference> Differences(StandardRecord local, StandardRecord nzqa, IReadOnlyList<string> absent)
    {
        if (local == null || nzqa == null || absent == null || !absent.Contains("ResultProviderCode") || local.ResultProviderCode == nzqa.ResultProviderCode)
            return base.Differences(local, nzqa, absent);
        return base.Differences(WithProvider(local, nzqa.ResultProviderCode), nzqa, absent);
    }

    /// <summary>The compared fields the input has no column for, plus ResultProviderCode when it has none.</summary>
    public override IReadOnlyList<string> AbsentFields(IReadOnlyCollection<string> present)
    {
        var absent = base.AbsentFields(present);
        if (present == null || present.Contains("ResultProviderCode")) return absent;
        return absent.Concat(new[] { "ResultProviderCode" }).ToArray();
    }

    /// <summary>
    /// External entries carry an entry method (api-facts.md): a deliberate blank (an Entry Method column with no
    /// value) would be sent and refused (FIELD_INVALID), so it is Invalid here. An absent column leaves NZQA's alone.
    /// </summary>
    public override IEnumerable<RecordProblem> CheckPresent(StandardRecord local, StandardRecord nzqa, IReadOnlyList<string> absent) =>
        EntryMethodPresent(local, absent).Concat(OtherProvidersResult(local, nzqa, absent));

    /// <summary>
    /// A result NZQA holds from another provider (Te Kura, 498) is its assessment: this school's sync changes neither its
    /// code nor whose it is (trial 5, D18). A result sent under another provider's code where NZQA holds none of theirs
    /// is allowed ("another provider's when it assessed the standard", api-facts). A leaver's entries send no result.
    /// </summary>
    private IEnumerable<RecordProblem> OtherProvidersResult(StandardRecord local, StandardRecord nzqa, IReadOnlyList<string> absent)
    {
        var theirs = ResultCode.Normalise(nzqa?.Result);
        var ours = ResultCode.Normalise(local.Result);
        if (theirs == null || ours == null || !(nzqa.ResultProviderCode is int other) || other == _provider || IsLeaver(local)) yield break;
        // No Result Provider column: whose result it is stays NZQA's (Differences); only the code is compared.
        var localProvider = absent != null && absent.Contains("ResultProviderCode") ? other : local.ResultProviderCode ?? _provider;
        if (ours == theirs && localProvider == other) yield break;
        var asSent = localProvider == other ? ours : $"{ours} under provider {localProvider}";
        yield return new RecordProblem(ErrorIds.NzqaOtherProviderResult, "Result",
            $"NZQA holds result {theirs} for {local.StandardNumber?.Trim()} from provider {other} (another provider's assessment): this school's sync does not replace it with {asSent}. " +
            $"Ask provider {other} to correct it if it is wrong, or bring the SMS in line ({theirs}, Result Provider {other}).");
    }

    private IEnumerable<RecordProblem> EntryMethodPresent(StandardRecord local, IReadOnlyList<string> absent)
    {
        if (absent == null || absent.Contains("EntryMethod") || !string.IsNullOrWhiteSpace(local.EntryMethod) || local.IsWithdrawn) yield break;
        var definition = Definition(local.StandardNumber);
        if (definition == null || !string.Equals(definition.Assessment, "External", StringComparison.OrdinalIgnoreCase)) yield break;
        yield return new RecordProblem("NzqaMissingField", "EntryMethod",
            $"Standard {definition.Number} is externally assessed: its entry needs an entry method, Paper or Digital (the Entry Method column is blank).");
    }

    private static StandardRecord WithProvider(StandardRecord r, int? provider) => new StandardRecord
    {
        Nsn = r.Nsn, LocalStudentId = r.LocalStudentId, FirstName = r.FirstName, LastName = r.LastName, StandardNumber = r.StandardNumber,
        StandardVersion = r.StandardVersion, AcademicYear = r.AcademicYear, EntryMethod = r.EntryMethod, Result = r.Result,
        ResultProviderCode = provider, Status = r.Status, ProviderNumber = r.ProviderNumber, SourceLine = r.SourceLine,
    };

    public StandardDefinition Definition(string number) =>
        number != null && _catalogue != null && _catalogue.TryGetValue(number.Trim(), out var d) ? d : null;

    public override IEnumerable<RecordProblem> Check(StandardRecord local)
    {
        var nsn = NationalStudentNumber.Check(local.Nsn);
        if (nsn != null) yield return nsn;
        var number = local.StandardNumber?.Trim();
        if (string.IsNullOrEmpty(number))
            yield return new RecordProblem("NzqaMissingField", "StandardNumber", "The standard number is missing.");
        else if (!number.All(char.IsDigit) || number.Length > 6)
            yield return new RecordProblem("NzqaInvalidStandard", "StandardNumber", $"'{number}' is not a standard number.");
        else if (_catalogue != null && !_catalogue.ContainsKey(number))
            yield return new RecordProblem("NzqaUnknownStandard", "StandardNumber", $"Standard {number} is not in NZQA's catalogue.");
        if (local.StandardVersion != null && local.StandardVersion < 1)
            yield return new RecordProblem("NzqaInvalidStandard", "StandardVersion", $"Version {local.StandardVersion} is not a standard version (1 or more).");
        if (local.AcademicYear == null)
            yield return new RecordProblem("NzqaMissingField", "AcademicYear", "The academic year is missing.");
        else if (local.AcademicYear < 2000 || local.AcademicYear > LocalToday.Value.Year + 1)
            yield return new RecordProblem("NzqaInvalidYear", "AcademicYear", $"Academic year {local.AcademicYear} is not plausible.");

        var result = ResultCode.Normalise(local.Result);
        if (result != null)
        {
            var definition = Definition(number);
            if (!ResultCode.IsKnown(result))
                yield return new RecordProblem("NzqaInvalidResult", "Result", $"'{local.Result}' is not a result code: N, A, M, E or SNA.");
            else if (definition != null && !ResultCode.IsValidFor(result, definition))
                yield return new RecordProblem("NzqaInvalidResult", "Result",
                    $"Result {result} is not valid for {Describe(definition)} {number}: use {string.Join(", ", ResultCode.ValidFor(definition))}.");
        }
        if (local.EntryMethod != null && Capitalise(local.EntryMethod) != "Paper" && Capitalise(local.EntryMethod) != "Digital")
            yield return new RecordProblem("NzqaInvalidEntryMethod", "EntryMethod", $"'{local.EntryMethod}' is not an entry method: Paper or Digital.");
        // "External entries carry an entry method" (api-facts.md): an internal one has none, and NZQA refuses one sent.
        else if (!string.IsNullOrWhiteSpace(local.EntryMethod) && Definition(number) is StandardDefinition internalOne
            && string.Equals(internalOne.Assessment, "Internal", StringComparison.OrdinalIgnoreCase))
            yield return new RecordProblem("NzqaInvalidEntryMethod", "EntryMethod",
                $"Standard {number} is internally assessed: it has no entry method (the Entry Method column says '{local.EntryMethod}'). Leave it blank.");

        // ProviderNumber: up to 5 digits (NZQA's data exchange spec), e.g. Te Kura 498.
        if (local.ResultProviderCode != null && (local.ResultProviderCode < 1 || local.ResultProviderCode > 99999))
            yield return new RecordProblem("NzqaInvalidProvider", "ResultProviderCode", $"Provider code {local.ResultProviderCode} is not a provider number (1 to 5 digits).");
        // Anything but Entered or Withdrawn would otherwise be sent as Entered.
        if (!string.IsNullOrWhiteSpace(local.Status) && !local.IsWithdrawn && !string.Equals(local.Status.Trim(), "Entered", StringComparison.OrdinalIgnoreCase))
            yield return new RecordProblem("NzqaInvalidStatus", "Status", $"'{local.Status}' is not an entry status: Entered or Withdrawn.");
    }

    /// <summary>
    /// A new entry needs an active enrolment at this school. An entry NZQA already holds does not: after a transfer
    /// the first school's entries and results stay valid under its code and it may still report results on them.
    /// </summary>
    public override IEnumerable<RecordProblem> CheckAgainstNzqa(StandardRecord local, StandardRecord nzqa)
    {
        var key = NationalStudentNumber.Normalise(local.Nsn);
        if (nzqa == null && key != null && _enrolledNsns != null && !local.IsWithdrawn && !IsLeaver(local) && !_enrolledNsns.Contains(key))
            yield return new RecordProblem("NzqaNoActiveEnrolment", "Nsn",
                $"NSN {key} has no active enrolment at provider {_provider}: sync the enrolment first.");
        // A version that is neither NZQA's current one nor the one NZQA already holds for this entry would be sent and refused.
        if (local.StandardVersion is int version && version >= 1 && Definition(local.StandardNumber) is StandardDefinition d
            && version != d.Version && version != nzqa?.StandardVersion)
            yield return new RecordProblem("NzqaUnknownStandard", "StandardVersion",
                $"Standard {d.Number} version {version} is not in NZQA's catalogue (the current version is {d.Version}).");
    }

    public override (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(StandardRecord local) =>
        IsLeaver(local) ? (DiffStatus.Leaver, SyncStatus.Leaver)   // a leaver gets no new entries
        : local.IsWithdrawn ? (DiffStatus.Match, SyncStatus.Match) : (DiffStatus.New, SyncStatus.Pending);

    /// <summary>
    /// A leaver's entries are Leaver (the seed's category). NZQA's guidance: withdraw the entries that will not get
    /// a result; never a result, never the NCEA enrolment. So only an entry with no result on either side, still
    /// entered at NZQA, is pending (a withdrawal); the rest is information.
    /// </summary>
    public override (DiffStatus, SyncStatus) Classify(StandardRecord local, StandardRecord nzqa, IReadOnlyList<FieldDifference> differences)
    {
        if (IsLeaver(local)) return (DiffStatus.Leaver, LeaverWithdrawal(local, nzqa) ? SyncStatus.Pending : SyncStatus.Leaver);
        return base.Classify(local, nzqa, differences);
    }

    /// <summary>Whether a leaver's entry is one to withdraw: held at NZQA, still entered, and no result on either side.</summary>
    public static bool LeaverWithdrawal(StandardRecord local, StandardRecord nzqa) =>
        nzqa != null && !nzqa.IsWithdrawn && ResultCode.Normalise(nzqa.Result) == null && ResultCode.Normalise(local?.Result) == null;

    private string ResultWithProvider(StandardRecord r)
    {
        var code = ResultCode.Normalise(r?.Result);
        if (code == null) return null;
        var provider = r.ResultProviderCode ?? _provider;
        return provider == _provider ? code : code + " (provider " + provider.ToString(CultureInfo.InvariantCulture) + ")";
    }

    private string VersionOf(StandardRecord r) => r == null ? null : Definition(r.StandardNumber)?.Version.ToString(CultureInfo.InvariantCulture);

    private static string Describe(StandardDefinition d) =>
        d.Type == "U" ? (d.AllowsMerit ? "unit standard" : "unit standard (Achieved only)") : d.Type == "S" ? "scholarship standard" : "achievement standard";

    private static string Capitalise(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (IsCapitalised(value)) return value;
        var t = value.Trim();
        return char.ToUpperInvariant(t[0]) + t.Substring(1).ToLowerInvariant();
    }

    /// <summary>"Digital", "Paper": already as <see cref="Capitalise"/> writes it (ASCII), so no new string is needed.</summary>
    private static bool IsCapitalised(string value)
    {
        if (value[0] < 'A' || value[0] > 'Z') return false;
        for (var i = 1; i < value.Length; i++)
            if (value[i] < 'a' || value[i] > 'z') return false;
        return true;
    }
}
