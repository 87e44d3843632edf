namespace NzqaSync.Sandbox.Nzqa;

/// <summary>The national learner register and which providers each learner is linked to (created or enrolled there).</summary>
public sealed partial class NzqaStore
{
    /// <summary>The learners linked to a provider (created there or enrolled there), in NSN order.</summary>
    public IReadOnlyList<NzqaLearner> Learners(int provider)
    {
        lock (_gate) return _linked.TryGetValue(provider, out var ix) ? ix.Values.Select(l => l.ToRecord()).ToList() : new List<NzqaLearner>();
    }

    /// <summary>The national learner with this NSN, or null.</summary>
    public NzqaLearner Learner(string nsn)
    {
        lock (_gate) return nsn != null && _learners.TryGetValue(nsn, out var l) ? l.ToRecord() : null;
    }

    /// <summary>Learners in the national register (linked anywhere or not).</summary>
    public int NationalLearnerCount { get { lock (_gate) return _learners.Count; } }


    internal (int Total, List<NzqaLearner> Rows) LearnerPage(int provider, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_linked.TryGetValue(provider, out var ix)) return (0, new());
            return (ix.Count, Slice(ix.Values, page, pageSize).Select(l => l.ToRecord()).ToList());
        }
    }

    // ---------- index maintenance (callers hold _gate) ----------

    private void Link(int provider, LearnerRow learner)
    {
        if (!_linked.TryGetValue(provider, out var ix)) _linked[provider] = ix = new();
        ix.Set(learner.Nsn, learner);
    }

    private bool IsLinked(int provider, string nsn) => _linked.TryGetValue(provider, out var ix) && ix.Contains(nsn);

    private void Unlink(int provider, string nsn)
    {
        if (_linked.TryGetValue(provider, out var ix)) ix.Remove(nsn);
    }


    // ---------- writes ----------

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

    internal List<NzqaItemResult> CreateLearners(int p, IReadOnlyList<BatchItem> items) =>
        EachNsnItem(items, (item, errors) => ReadLearnerFields(item, errors, requireAll: true), (i, nsn, f) => CreateLearner(p, i, nsn, f));

    private NzqaItemResult CreateLearner(int p, int index, string nsn, LearnerFields f)
    {
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

    internal List<NzqaItemResult> PatchLearners(int p, IReadOnlyList<BatchItem> items) =>
        EachNsnItem(items, (item, errors) => ReadLearnerFields(item, errors, requireAll: false), (i, nsn, f) => PatchLearner(p, i, nsn, f));

    private NzqaItemResult PatchLearner(int p, int index, string nsn, LearnerFields f)
    {
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
}
