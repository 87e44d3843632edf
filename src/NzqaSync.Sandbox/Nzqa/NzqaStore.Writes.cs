using System;
using System.Collections.Generic;
using System.Linq;

namespace NzqaSync.Sandbox.Nzqa;

// NZQA's per-item rules. Every item gets a result: Created, Updated, Unchanged or Failed with codes and messages
// ("For each item of data submitted to NZQA, a success or failure response will be returned" — NZQA).
public sealed partial class NzqaStore
{
    public static readonly IReadOnlyCollection<string> LeavingReasons = new[] { "TRANSFER", "EMPLOYMENT", "TERTIARY", "OVERSEAS", "EXCLUDED", "OTHER" };
    public static readonly IReadOnlyCollection<string> Genders = new[] { "M", "F", "D", "U" };

    /// <summary>Stats NZ level-3 ethnicity codes the sandbox accepts.</summary>
    public static readonly IReadOnlyCollection<string> EthnicityCodes = new[]
    {
        "111", "121", "122", "123", "124", "125", "126", "127", "128", "129", "211", "311", "321", "331", "341", "351", "361", "371",
        "411", "412", "413", "414", "421", "431", "441", "442", "443", "444", "511", "521", "531", "611", "999",
    };

    private static readonly HashSet<string> EthnicitySet = new(EthnicityCodes, StringComparer.Ordinal);

    /// <summary>NSNs are numeric, up to 10 digits (NZQA). The check-digit algorithm is not public, so none is applied.</summary>
    public static bool IsValidNsn(string nsn) => !string.IsNullOrEmpty(nsn) && nsn.Length <= 10 && nsn.All(c => c >= '0' && c <= '9');

    private static NzqaItemResult Ok(int index, string key, string outcome) => new(index, key, outcome, Array.Empty<NzqaItemError>());
    private static NzqaItemResult Fail(int index, string key, List<NzqaItemError> errors) => new(index, key, NzqaOutcome.Failed, errors);
    private static NzqaItemResult Fail(int index, string key, string code, string message) => new(index, key, NzqaOutcome.Failed, new[] { new NzqaItemError(code, message) });
    private static NzqaItemError Err(string code, string message) => new(code, message);
    private static NzqaItemResult NotAnObject(int index) => Fail(index, null, "FIELD_INVALID", "Each item must be a JSON object.");

    private static string NsnOf(BatchItem item, List<NzqaItemError> errors)
    {
        var nsn = item.Str("nsn");
        if (!nsn.Ok || !IsValidNsn(nsn.Value))
            errors.Add(Err("NSN_INVALID", nsn.Value == null
                ? "nsn is required: the learner's National Student Number."
                : $"NSN '{nsn.Value}' is not valid: an NSN is numeric, up to 10 digits. The learner is not processed until it is corrected."));
        return nsn.Value;
    }

    // ================= enrolments =================

    internal List<NzqaItemResult> CreateEnrolments(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(CreateEnrolment(p, i, items[i]));
        return results;
    }

    private NzqaItemResult CreateEnrolment(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var nsn = NsnOf(item, errors);
        var v = ReadEnrolmentFields(item, errors, requireAll: true);
        if (errors.Count > 0) return Fail(index, nsn, errors);
        if (!_learners.TryGetValue(nsn, out var learner))
            return Fail(index, nsn, "LEARNER_UNKNOWN", $"No learner with NSN {nsn} is registered with NZQA. Create the learner first (POST /learners).");

        var row = new EnrolmentRow
        {
            Nsn = nsn, Provider = p, LocalStudentId = v.LocalId.Value, EnrolmentDate = v.EnrolmentDate.Value!.Value,
            YearLevel = v.YearLevel.Value!.Value, LeavingDate = v.LeavingDate.Value, LeavingReason = v.LeavingReason.Value,
        };
        if (row.LeavingDate is DateOnly ld && ld < row.EnrolmentDate)
            return Fail(index, nsn, "LEAVING_DATE_INVALID", $"The leaving date {ld:yyyy-MM-dd} is before the enrolment date {row.EnrolmentDate:yyyy-MM-dd}.");

        if (_enrolments.TryGetValue(nsn, out var existing))
        {
            if (existing.Provider == p)
            {
                if (SameEnrolment(existing, row)) return Ok(index, nsn, NzqaOutcome.Unchanged);
                PutEnrolment(row);
                return Ok(index, nsn, NzqaOutcome.Updated);
            }
            // One active secondary enrolment per student: the enrolment moves; the old school's entries and
            // results stay under its provider code ("Enrolment transferred automatically / Results remain intact").
            Unlink(existing.Provider, nsn);
        }
        PutEnrolment(row);
        Link(p, learner);
        return Ok(index, nsn, NzqaOutcome.Created);
    }

    private static bool SameEnrolment(EnrolmentRow a, EnrolmentRow b) =>
        a.LocalStudentId == b.LocalStudentId && a.EnrolmentDate == b.EnrolmentDate && a.YearLevel == b.YearLevel
        && a.LeavingDate == b.LeavingDate && a.LeavingReason == b.LeavingReason;

    private readonly record struct EnrolmentFields(Field<string> LocalId, Field<DateOnly?> EnrolmentDate, Field<int?> YearLevel,
        Field<DateOnly?> LeavingDate, Field<string> LeavingReason);

    private static EnrolmentFields ReadEnrolmentFields(BatchItem item, List<NzqaItemError> errors, bool requireAll)
    {
        var f = new EnrolmentFields(item.Str("localStudentId"), item.Date("enrolmentDate"), item.Int("yearLevel"), item.Date("leavingDate"), item.Str("leavingReason"));
        if (f.LocalId.Bad || (f.LocalId.Value?.Length > 10))
            errors.Add(Err("FIELD_INVALID", "localStudentId must be a string of at most 10 characters."));
        if (f.EnrolmentDate.Bad || (f.EnrolmentDate.Present || requireAll) && f.EnrolmentDate.Value == null)
            errors.Add(Err("FIELD_INVALID", $"enrolmentDate must be a real date written yyyy-MM-dd (got '{item.Raw("enrolmentDate")}')."));
        if (f.YearLevel.Bad || (f.YearLevel.Present || requireAll) && f.YearLevel.Value is not (>= 1 and <= 15))
            errors.Add(Err("FIELD_INVALID", $"yearLevel must be a whole number from 1 to 15 (got '{item.Raw("yearLevel")}')."));
        if (f.LeavingDate.Bad)
            errors.Add(Err("LEAVING_DATE_INVALID", $"leavingDate must be a real date written yyyy-MM-dd (got '{item.Raw("leavingDate")}')."));
        if (f.LeavingReason.Bad || f.LeavingReason.Value != null && !LeavingReasons.Contains(f.LeavingReason.Value))
            errors.Add(Err("FIELD_INVALID", $"leavingReason must be one of {string.Join(", ", LeavingReasons)} (got '{item.Raw("leavingReason")}')."));
        // "Leavers: record the leaving date and reason" (NZQA): a leaving date comes with its reason.
        else if (f.LeavingDate.Value != null && (requireAll || f.LeavingReason.Present) && f.LeavingReason.Value == null)
            errors.Add(Err("FIELD_INVALID", $"leavingReason is required with a leavingDate, one of {string.Join(", ", LeavingReasons)}."));
        return f;
    }

    internal List<NzqaItemResult> PatchEnrolments(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(PatchEnrolment(p, i, items[i]));
        return results;
    }

    private NzqaItemResult PatchEnrolment(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var nsn = NsnOf(item, errors);
        var f = ReadEnrolmentFields(item, errors, requireAll: false);
        if (errors.Count > 0) return Fail(index, nsn, errors);
        if (!_enrolments.TryGetValue(nsn, out var e) || e.Provider != p)
            return Fail(index, nsn, "NOT_ENROLLED", $"NSN {nsn} has no enrolment at provider {p}.");
        var next = new EnrolmentRow
        {
            Nsn = nsn, Provider = p,
            LocalStudentId = f.LocalId.Present ? f.LocalId.Value : e.LocalStudentId,
            EnrolmentDate = f.EnrolmentDate.Present ? f.EnrolmentDate.Value!.Value : e.EnrolmentDate,
            YearLevel = f.YearLevel.Present ? f.YearLevel.Value!.Value : e.YearLevel,
            LeavingDate = f.LeavingDate.Present ? f.LeavingDate.Value : e.LeavingDate,
            LeavingReason = f.LeavingReason.Present ? f.LeavingReason.Value : e.LeavingReason,
        };
        if (next.LeavingDate is DateOnly ld && ld < next.EnrolmentDate)
            return Fail(index, nsn, "LEAVING_DATE_INVALID", $"The leaving date {ld:yyyy-MM-dd} is before the enrolment date {next.EnrolmentDate:yyyy-MM-dd}.");
        if (SameEnrolment(e, next)) return Ok(index, nsn, NzqaOutcome.Unchanged);
        PutEnrolment(next);
        return Ok(index, nsn, NzqaOutcome.Updated);
    }

    internal List<NzqaItemResult> RecordLeaving(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(RecordLeaving(p, i, items[i]));
        return results;
    }

    // Records the leaving date and reason only. NZQA: "never withdraw a leaver's NCEA enrolment" — no entry changes.
    private NzqaItemResult RecordLeaving(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var nsn = NsnOf(item, errors);
        var date = item.Date("leavingDate");
        var reason = item.Str("leavingReason");
        if (!date.Ok || date.Value == null)
            errors.Add(Err("LEAVING_DATE_INVALID", $"leavingDate is required, a real date written yyyy-MM-dd (got '{item.Raw("leavingDate")}')."));
        if (!reason.Ok || reason.Value == null || !LeavingReasons.Contains(reason.Value))
            errors.Add(Err("FIELD_INVALID", $"leavingReason is required, one of {string.Join(", ", LeavingReasons)} (got '{item.Raw("leavingReason")}')."));
        if (errors.Count > 0) return Fail(index, nsn, errors);
        if (!_enrolments.TryGetValue(nsn, out var e) || e.Provider != p)
            return Fail(index, nsn, "NOT_ENROLLED", $"NSN {nsn} has no enrolment at provider {p}.");
        if (date.Value!.Value < e.EnrolmentDate)
            return Fail(index, nsn, "LEAVING_DATE_INVALID", $"The leaving date {date.Value:yyyy-MM-dd} is before the enrolment date {e.EnrolmentDate:yyyy-MM-dd}.");
        if (e.LeavingDate == date.Value && e.LeavingReason == reason.Value) return Ok(index, nsn, NzqaOutcome.Unchanged);
        PutEnrolment(new EnrolmentRow
        {
            Nsn = nsn, Provider = p, LocalStudentId = e.LocalStudentId, EnrolmentDate = e.EnrolmentDate, YearLevel = e.YearLevel,
            LeavingDate = date.Value, LeavingReason = reason.Value,
        });
        return Ok(index, nsn, NzqaOutcome.Updated);
    }

    // ================= learners =================

    private readonly record struct LearnerFields(Field<string> First, Field<string> Middle, Field<string> Last, Field<DateOnly?> Dob,
        Field<string> Gender, Field<string[]> Ethnicities, Field<string> LocalId);

    private LearnerFields ReadLearnerFields(BatchItem item, List<NzqaItemError> errors, bool requireAll)
    {
        var f = new LearnerFields(item.Str("firstName"), item.Str("middleName"), item.Str("lastName"), item.Date("dateOfBirth"),
            item.Str("gender"), item.StrArray("ethnicities"), item.Str("localStudentId"));
        if (f.First.Bad || (f.First.Present || requireAll) && string.IsNullOrWhiteSpace(f.First.Value))
            errors.Add(Err("NAME_REQUIRED", "firstName is required: the learner's formal (legal) first name, not a nickname."));
        if (f.Last.Bad || (f.Last.Present || requireAll) && string.IsNullOrWhiteSpace(f.Last.Value))
            errors.Add(Err("NAME_REQUIRED", "lastName is required: the learner's formal (legal) last name."));
        if (f.Middle.Bad)
            errors.Add(Err("FIELD_INVALID", "middleName must be a string or null."));
        if (f.First.Value?.Length > 50 || f.Middle.Value?.Length > 50 || f.Last.Value?.Length > 50)
            errors.Add(Err("FIELD_INVALID", "Names are at most 50 characters each."));
        if (f.Dob.Bad || (f.Dob.Present || requireAll) && f.Dob.Value == null)
            errors.Add(Err("DOB_INVALID", $"dateOfBirth must be a real date written yyyy-MM-dd (got '{item.Raw("dateOfBirth")}')."));
        else if (f.Dob.Value is DateOnly d && (d.Year < 1900 || d > _state.Today))
            errors.Add(Err("DOB_INVALID", $"dateOfBirth {d:yyyy-MM-dd} is not a possible date of birth."));
        if (f.Gender.Bad || (f.Gender.Present || requireAll) && !Genders.Contains(f.Gender.Value ?? ""))
            errors.Add(Err("GENDER_INVALID", $"gender must be one of M, F, D, U (got '{item.Raw("gender")}')."));
        if (f.Ethnicities.Bad || (f.Ethnicities.Present || requireAll) && !ValidEthnicities(f.Ethnicities.Value))
            errors.Add(Err("ETHNICITY_INVALID", $"ethnicities must list 1 to 3 different level-3 ethnicity codes such as \"111\", \"211\", \"311\" (got {item.Raw("ethnicities") ?? "nothing"})."));
        if (f.LocalId.Bad || f.LocalId.Value?.Length > 10)
            errors.Add(Err("FIELD_INVALID", "localStudentId must be a string of at most 10 characters."));
        return f;
    }

    private static bool ValidEthnicities(string[] codes) =>
        codes is { Length: >= 1 and <= 3 } && codes.All(c => c != null && EthnicitySet.Contains(c)) && codes.Distinct().Count() == codes.Length;

    internal List<NzqaItemResult> CreateLearners(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(CreateLearner(p, i, items[i]));
        return results;
    }

    private NzqaItemResult CreateLearner(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var nsn = NsnOf(item, errors);
        var f = ReadLearnerFields(item, errors, requireAll: true);
        if (errors.Count > 0) return Fail(index, nsn, errors);
        var next = new LearnerRow
        {
            Nsn = nsn, FirstName = f.First.Value, MiddleName = string.IsNullOrWhiteSpace(f.Middle.Value) ? null : f.Middle.Value,
            LastName = f.Last.Value, DateOfBirth = f.Dob.Value!.Value, Gender = f.Gender.Value, Ethnicities = f.Ethnicities.Value,
            LocalStudentId = f.LocalId.Value,
        };
        if (_learners.TryGetValue(nsn, out var existing))
        {
            if (existing.DateOfBirth != next.DateOfBirth)
                return Fail(index, nsn, "NSN_CONFLICT",
                    $"NSN {nsn} belongs to a learner registered with a different date of birth. Check the NSN and date of birth, or contact NZQA.");
            var linked = IsLinked(p, nsn);
            var same = SameLearner(existing, next);
            if (!same) Apply(existing, next);
            if (!linked) { Link(p, existing); return Ok(index, nsn, NzqaOutcome.Created); }
            return Ok(index, nsn, same ? NzqaOutcome.Unchanged : NzqaOutcome.Updated);
        }
        _learners[nsn] = next;
        Link(p, next);
        return Ok(index, nsn, NzqaOutcome.Created);
    }

    private static bool SameLearner(LearnerRow a, LearnerRow b) =>
        a.FirstName == b.FirstName && a.MiddleName == b.MiddleName && a.LastName == b.LastName && a.DateOfBirth == b.DateOfBirth
        && a.Gender == b.Gender && a.Ethnicities.SequenceEqual(b.Ethnicities) && a.LocalStudentId == b.LocalStudentId;

    private static void Apply(LearnerRow target, LearnerRow from)
    {
        target.FirstName = from.FirstName; target.MiddleName = from.MiddleName; target.LastName = from.LastName;
        target.DateOfBirth = from.DateOfBirth; target.Gender = from.Gender; target.Ethnicities = from.Ethnicities;
        target.LocalStudentId = from.LocalStudentId;
    }

    internal List<NzqaItemResult> PatchLearners(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(PatchLearner(p, i, items[i]));
        return results;
    }

    private NzqaItemResult PatchLearner(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var nsn = NsnOf(item, errors);
        var f = ReadLearnerFields(item, errors, requireAll: false);
        if (errors.Count > 0) return Fail(index, nsn, errors);
        if (!_learners.TryGetValue(nsn, out var l) || !IsLinked(p, nsn))
            return Fail(index, nsn, "NOT_FOUND", $"No learner with NSN {nsn} is linked to provider {p}. Create it first (POST /learners).");
        var next = new LearnerRow
        {
            Nsn = nsn,
            FirstName = f.First.Present ? f.First.Value : l.FirstName,
            MiddleName = f.Middle.Present ? (string.IsNullOrWhiteSpace(f.Middle.Value) ? null : f.Middle.Value) : l.MiddleName,
            LastName = f.Last.Present ? f.Last.Value : l.LastName,
            DateOfBirth = f.Dob.Present ? f.Dob.Value!.Value : l.DateOfBirth,
            Gender = f.Gender.Present ? f.Gender.Value : l.Gender,
            Ethnicities = f.Ethnicities.Present ? f.Ethnicities.Value : l.Ethnicities,
            LocalStudentId = f.LocalId.Present ? f.LocalId.Value : l.LocalStudentId,
        };
        if (SameLearner(l, next)) return Ok(index, nsn, NzqaOutcome.Unchanged);
        Apply(l, next);
        return Ok(index, nsn, NzqaOutcome.Updated);
    }

    // ================= standard entries and results =================

    private readonly record struct EntryItem(string Nsn, string Number, int Version, int Year, NzqaStandard Standard, string Key);

    private EntryItem ReadEntryKey(BatchItem item, List<NzqaItemError> errors)
    {
        var nsn = NsnOf(item, errors);
        var number = item.Str("standardNumber");
        var version = item.Int("standardVersion");
        var year = item.Int("academicYear");
        if (!number.Ok || string.IsNullOrWhiteSpace(number.Value))
            errors.Add(Err("FIELD_INVALID", "standardNumber is required (a string such as \"91027\")."));
        if (!version.Ok || version.Value is not (>= 1))
            errors.Add(Err("FIELD_INVALID", $"standardVersion is required, a whole number from 1 (got '{item.Raw("standardVersion")}')."));
        if (!year.Ok || year.Value is not (>= 2000 and <= 2100))
            errors.Add(Err("FIELD_INVALID", $"academicYear is required, e.g. {_state.Today.Year} (got '{item.Raw("academicYear")}')."));
        var key = nsn != null && number.Value != null && version.Value is int v0 && year.Value is int y0 ? NzqaKeys.Entry(nsn, number.Value, v0, y0) : nsn;
        NzqaStandard standard = null;
        if (number.Value != null && version.Value is int v)
        {
            standard = StandardsCatalogue.Find(number.Value, v);
            if (standard == null)
            {
                var other = StandardsCatalogue.FindNumber(number.Value);
                errors.Add(Err("STANDARD_UNKNOWN", other == null
                    ? $"Standard {number.Value} is not in NZQA's catalogue."
                    : $"Standard {number.Value} version {v} is not in NZQA's catalogue (the current version is {other.Version})."));
            }
        }
        return new EntryItem(nsn, number.Value, version.Value ?? 0, year.Value ?? 0, standard, key);
    }

    /// <summary>1 September is the last day for external entries and their withdrawals (NZQA).</summary>
    private bool ExternalClosed(int academicYear) => _state.Today > new DateOnly(academicYear, 9, 1);

    private string ClosedMessage(EntryItem e, string what) =>
        $"External standard {e.Number}: {what} closed on 1 September {e.Year} (NZQA's last day for external entries and withdrawals). Contact NZQA.";

    internal List<NzqaItemResult> CreateEntries(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(CreateEntry(p, i, items[i]));
        return results;
    }

    private NzqaItemResult CreateEntry(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        var method = item.Str("entryMethod");
        if (e.Standard != null)
        {
            if (e.Standard.IsExternal && (!method.Ok || method.Value is not ("Paper" or "Digital")))
                errors.Add(Err("FIELD_INVALID", $"External standard {e.Number} needs entryMethod \"Paper\" or \"Digital\" (got '{item.Raw("entryMethod")}')."));
            if (!e.Standard.IsExternal && method.Value != null)
                errors.Add(Err("FIELD_INVALID", $"Standard {e.Number} is internally assessed: entryMethod must be null."));
        }
        if (errors.Count > 0) return Fail(index, e.Key, errors);

        var key = new EntryKey(e.Year, e.Nsn, e.Number, e.Version);
        var external = e.Standard.IsExternal;
        if (_entries.TryGetValue(key, out var existing))
        {
            if (existing.Provider != p)
                return Fail(index, e.Key, "ENTRY_AT_OTHER_PROVIDER",
                    $"NSN {e.Nsn} already has an entry for standard {e.Number} in {e.Year} held by provider {existing.Provider}; it stays under that provider's code.");
            if (existing.Status == "Entered" && existing.EntryMethod == method.Value) return Ok(index, e.Key, NzqaOutcome.Unchanged);
            if (external && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "entries"));
            if (existing.Status != "Entered" && !ActiveAt(p, e.Nsn))
                return Fail(index, e.Key, "NOT_ENROLLED", $"NSN {e.Nsn} has no active enrolment at provider {p}.");
            existing.Status = "Entered";
            existing.EntryMethod = method.Value;
            return Ok(index, e.Key, NzqaOutcome.Updated);
        }
        if (!ActiveAt(p, e.Nsn))
            return Fail(index, e.Key, "NOT_ENROLLED", $"NSN {e.Nsn} has no active enrolment at provider {p}: enrol the student before entering standards.");
        if (external && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "entries"));
        PutEntry(new EntryRow { Key = key, Provider = p, EntryMethod = method.Value, Status = "Entered" });
        return Ok(index, e.Key, NzqaOutcome.Created);
    }

    /// <summary>An enrolment at p with no leaving date recorded.</summary>
    private bool ActiveAt(int p, string nsn) => _enrolments.TryGetValue(nsn, out var en) && en.Provider == p && en.LeavingDate == null;

    internal List<NzqaItemResult> PutResults(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(PutResult(p, i, items[i]));
        return results;
    }

    private NzqaItemResult PutResult(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        var result = item.Str("result");
        var code = item.Int("resultProviderCode");
        if (e.Standard != null && (!result.Ok || result.Value == null || !StandardsCatalogue.ResultAllowed(e.Standard, result.Value)))
            errors.Add(Err("RESULT_INVALID", ResultRuleMessage(e.Standard, item.Raw("result"))));
        if (code.Bad || code.Value is int c && Provider(c) == null)
            errors.Add(Err("PROVIDER_CODE_INVALID", $"resultProviderCode '{item.Raw("resultProviderCode")}' is not a provider known to NZQA (the school's own number, or e.g. 498 for Te Kura)."));
        if (errors.Count > 0) return Fail(index, e.Key, errors);
        if (!_entries.TryGetValue(new EntryKey(e.Year, e.Nsn, e.Number, e.Version), out var entry) || entry.Provider != p)
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"NSN {e.Nsn} has no entry for standard {e.Number} v{e.Version} in {e.Year} at provider {p}. Create the entry first.");
        if (entry.Status != "Entered")
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"The entry for standard {e.Number} in {e.Year} was withdrawn; re-enter it before reporting a result.");
        var provider = code.Value ?? p;
        if (entry.Result == result.Value && entry.ResultProviderCode == provider) return Ok(index, e.Key, NzqaOutcome.Unchanged);
        var outcome = entry.Result == null ? NzqaOutcome.Created : NzqaOutcome.Updated;
        entry.Result = result.Value;          // NZQA uses the latest reported result
        entry.ResultProviderCode = provider;
        return Ok(index, e.Key, outcome);
    }

    private static string ResultRuleMessage(NzqaStandard s, string given) => s.Type switch
    {
        "U" when s.AllowsMerit => $"Result '{given}' is not valid for unit standard {s.Number}: use N, A, M, E or SNA.",
        "U" => $"Result '{given}' is not valid for unit standard {s.Number}: use N, A or SNA (this standard does not award Merit or Excellence).",
        _ => $"Result '{given}' is not valid for standard {s.Number}: use N, A, M, E or SNA.",
    };

    internal List<NzqaItemResult> Withdraw(int p, IReadOnlyList<BatchItem> items)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(Withdraw(p, i, items[i]));
        return results;
    }

    private NzqaItemResult Withdraw(int p, int index, BatchItem item)
    {
        if (!item.IsObject) return NotAnObject(index);
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        if (errors.Count > 0) return Fail(index, e.Key, errors);
        if (!_entries.TryGetValue(new EntryKey(e.Year, e.Nsn, e.Number, e.Version), out var entry) || entry.Provider != p)
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"NSN {e.Nsn} has no entry for standard {e.Number} v{e.Version} in {e.Year} at provider {p}.");
        if (entry.Status == "Withdrawn") return Ok(index, e.Key, NzqaOutcome.Unchanged);
        if (e.Standard.IsExternal && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "withdrawals"));
        entry.Status = "Withdrawn";
        return Ok(index, e.Key, NzqaOutcome.Updated);
    }
}
