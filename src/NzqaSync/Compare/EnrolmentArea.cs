using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>Enrolments: keyed by NSN; one active enrolment per student at a time.</summary>
public sealed class EnrolmentArea : StudentArea<EnrolmentRecord, EnrolmentDiff>
{
    public static readonly EnrolmentArea Instance = new EnrolmentArea();

    private static readonly ComparedField<EnrolmentRecord>[] ComparedFields =
    {
        new ComparedField<EnrolmentRecord>("LocalStudentId", r => r?.LocalStudentId?.Trim()),
        new ComparedField<EnrolmentRecord>("EnrolmentDate", r => CalendarDate.Format(r?.EnrolmentDate)),
        new ComparedField<EnrolmentRecord>("YearLevel", r => r?.YearLevel?.ToString(CultureInfo.InvariantCulture)),
        new ComparedField<EnrolmentRecord>("LeavingDate", r => CalendarDate.Format(r?.LeavingDate)),
        new ComparedField<EnrolmentRecord>("LeavingReason", r => LeavingReason.Normalise(r?.LeavingReason) ?? r?.LeavingReason?.Trim()),
    };

    public override string Kind => "Enrolment";
    public override IReadOnlyList<ComparedField<EnrolmentRecord>> Fields => ComparedFields;

    public override EnrolmentDiff CreateDiff(EnrolmentRecord local, EnrolmentRecord nzqa) => new EnrolmentDiff { Local = local, Nzqa = nzqa };

    public override IEnumerable<RecordProblem> Check(EnrolmentRecord local)
    {
        var nsn = NationalStudentNumber.Check(local.Nsn);
        if (nsn != null) yield return nsn;
        if (local.EnrolmentDate == null)
            yield return new RecordProblem("NzqaMissingField", "EnrolmentDate", "The enrolment date is missing.");
        if (local.YearLevel == null)
            yield return new RecordProblem("NzqaMissingField", "YearLevel", "The year level is missing.");
        else if (local.YearLevel < 1 || local.YearLevel > 15)
            yield return new RecordProblem("NzqaInvalidYearLevel", "YearLevel", $"Year level {local.YearLevel} is not between 1 and 15.");
        if (local.LeavingDate != null && local.EnrolmentDate != null && local.LeavingDate < local.EnrolmentDate)
            yield return new RecordProblem("NzqaInvalidDate", "LeavingDate",
                $"The leaving date {CalendarDate.Format(local.LeavingDate)} is before the enrolment date {CalendarDate.Format(local.EnrolmentDate)}.");
        if (local.LeavingDate != null && string.IsNullOrWhiteSpace(local.LeavingReason))
            yield return new RecordProblem("NzqaMissingField", "LeavingReason",
                "A leaver needs a leaving reason: " + string.Join(", ", LeavingReason.Codes) + ".");
        else if (!string.IsNullOrWhiteSpace(local.LeavingReason) && LeavingReason.Normalise(local.LeavingReason) == null)
            yield return new RecordProblem("NzqaInvalidLeavingReason", "LeavingReason",
                $"'{local.LeavingReason}' is not a leaving reason NZQA accepts: " + string.Join(", ", LeavingReason.Codes) + ".");
        if (local.LocalStudentId != null && local.LocalStudentId.Trim().Length > 10)
            yield return new RecordProblem("NzqaFieldTooLong", "LocalStudentId", $"The student id '{local.LocalStudentId}' is longer than 10 characters.");
    }

    /// <summary>
    /// A leaving reason comes with a leaving date, as a date comes with its reason ("Leavers: record the leaving date
    /// and reason", api-facts). A reason with no date (a blank Leaving Date, or no such column while NZQA has none)
    /// would be sent every run and never settle, or set a reason on a student who has not left (trial 5, D13).
    /// </summary>
    public override IEnumerable<RecordProblem> CheckPresent(EnrolmentRecord local, EnrolmentRecord nzqa, IReadOnlyList<string> absent)
    {
        if (local.LeavingDate != null || string.IsNullOrWhiteSpace(local.LeavingReason)) yield break;
        var noDateColumn = absent != null && absent.Contains("LeavingDate");
        if (noDateColumn && nzqa?.LeavingDate != null) yield break;   // a reason for a leaver NZQA holds: sent alone
        yield return new RecordProblem("NzqaMissingField", "LeavingDate",
            $"A leaving reason ({local.LeavingReason.Trim()}) needs a leaving date{(noDateColumn ? " (the input has no Leaving Date column)" : "")}: " +
            "give the date the student left, or clear the reason while they are still enrolled.");
    }

    public override (DiffStatus, SyncStatus) Classify(EnrolmentRecord local, EnrolmentRecord nzqa, IReadOnlyList<FieldDifference> differences)
    {
        // NZQA's guidance: record the leaving date and reason; never withdraw a leaver's NCEA enrolment.
        if (local.LeavingDate != null && nzqa.LeavingDate == null) return (DiffStatus.Leaver, SyncStatus.Pending);
        if (differences.Count > 0) return (DiffStatus.Different, SyncStatus.Pending);
        return (DiffStatus.Match, nzqa.LeavingDate != null ? SyncStatus.Leaver : SyncStatus.Match);
    }

    public override (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(EnrolmentRecord local) =>
        // A student who left before NZQA ever held the enrolment (or whose enrolment moved to another school)
        // needs nothing sent.
        local.LeavingDate != null ? (DiffStatus.Match, SyncStatus.Leaver) : (DiffStatus.New, SyncStatus.Pending);
}
