namespace NzqaSync.Sandbox.Nzqa;

/// <summary>Each student's one current enrolment (Active, or Leaving once a leaving date is recorded), by provider.</summary>
public sealed partial class NzqaStore
{
    /// <summary>A provider's current enrolments (Active and Leaving), in NSN order.</summary>
    public IReadOnlyList<NzqaEnrolment> Enrolments(int provider)
    {
        lock (_gate) return _enrolmentsByProvider.TryGetValue(provider, out var ix) ? ix.Values.Select(ToRecord).ToList() : new List<NzqaEnrolment>();
    }

    /// <summary>The student's one current enrolment (at whichever school), or null.</summary>
    public NzqaEnrolment Enrolment(string nsn)
    {
        lock (_gate) return nsn != null && _enrolments.TryGetValue(nsn, out var e) ? ToRecord(e) : null;
    }


    internal (int Total, List<NzqaEnrolment> Rows) EnrolmentPage(int provider, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_enrolmentsByProvider.TryGetValue(provider, out var ix)) return (0, new());
            return (ix.Count, Slice(ix.Values, page, pageSize).Select(ToRecord).ToList());
        }
    }

    private NzqaEnrolment ToRecord(EnrolmentRow e)
    {
        _learners.TryGetValue(e.Nsn, out var l);
        return new NzqaEnrolment(e.Nsn, e.Provider, e.LocalStudentId, l?.FirstName, l?.LastName, e.EnrolmentDate, e.YearLevel,
            e.LeavingDate, e.LeavingReason, e.LeavingDate == null ? "Active" : "Leaving");
    }


    private void PutEnrolment(EnrolmentRow e)
    {
        if (_enrolments.TryGetValue(e.Nsn, out var old) && old.Provider != e.Provider && _enrolmentsByProvider.TryGetValue(old.Provider, out var oldIx))
            oldIx.Remove(e.Nsn);
        _enrolments[e.Nsn] = e;
        if (!_enrolmentsByProvider.TryGetValue(e.Provider, out var ix)) _enrolmentsByProvider[e.Provider] = ix = new();
        ix.Set(e.Nsn, e);
    }


    // ---------- writes ----------

    internal List<NzqaItemResult> CreateEnrolments(int p, IReadOnlyList<BatchItem> items) =>
        EachNsnItem(items, (item, errors) => ReadEnrolmentFields(item, errors, requireAll: true), (i, nsn, v) => CreateEnrolment(p, i, nsn, v));

    private NzqaItemResult CreateEnrolment(int p, int index, string nsn, EnrolmentFields v)
    {
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

    internal List<NzqaItemResult> PatchEnrolments(int p, IReadOnlyList<BatchItem> items) =>
        EachNsnItem(items, (item, errors) => ReadEnrolmentFields(item, errors, requireAll: false), (i, nsn, f) => PatchEnrolment(p, i, nsn, f));

    private NzqaItemResult PatchEnrolment(int p, int index, string nsn, EnrolmentFields f)
    {
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

    internal List<NzqaItemResult> RecordLeaving(int p, IReadOnlyList<BatchItem> items) =>
        EachNsnItem(items, ReadLeaving, (i, nsn, leaving) => RecordLeaving(p, i, nsn, leaving.Date, leaving.Reason));

    private static (Field<DateOnly?> Date, Field<string> Reason) ReadLeaving(BatchItem item, List<NzqaItemError> errors)
    {
        var date = item.Date("leavingDate");
        var reason = item.Str("leavingReason");
        if (!date.Ok || date.Value == null)
            errors.Add(Err("LEAVING_DATE_INVALID", $"leavingDate is required, a real date written yyyy-MM-dd (got '{item.Raw("leavingDate")}')."));
        if (!reason.Ok || reason.Value == null || !LeavingReasons.Contains(reason.Value))
            errors.Add(Err("FIELD_INVALID", $"leavingReason is required, one of {string.Join(", ", LeavingReasons)} (got '{item.Raw("leavingReason")}')."));
        return (date, reason);
    }

    // Records the leaving date and reason only. NZQA: "never withdraw a leaver's NCEA enrolment" — no entry changes.
    private NzqaItemResult RecordLeaving(int p, int index, string nsn, Field<DateOnly?> date, Field<string> reason)
    {
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
}
