namespace NzqaSync.Domain.Dxp;

/// <summary>
/// A DXP record as a person reads it: its localId and what it is about, "CE1 (student S1, course C1 starting 2026-02-23)".
/// Each record's ToString, so Export-Csv of a diff writes this for Local and Dxp instead of the type name.
/// </summary>
public static class DxpRecordName
{
    public static string Of(IDxpRecord record)
    {
        switch (record)
        {
            case DxpCourseRecord r: return $"{r.LocalId} (course {r.CourseCode}, {r.CourseTitle})";
            case DxpLearnerRecord r: return $"{r.LocalId} (student {r.StudentIdentificationCode}, {r.NameIdCode})";
            case CourseEnrolmentRecord r: return $"{r.LocalId} (student {r.StudentIdentificationCode}, course {r.CourseCode} starting {Day(r.CourseStartDate)})";
            case DxpCourseCompletionRecord r: return $"{r.LocalId} (student {r.StudentIdentificationCode}, course {r.CourseCode} starting {Day(r.CourseStartDate)})";
            case QualificationCompletionRecord r: return $"{r.LocalId} (student {r.StudentIdentificationCode}, qualification {r.QualificationCode}, {r.YearRequirementsMet})";
            default: return record?.LocalId;
        }
    }

    private static string Day(DateTime? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";
}
