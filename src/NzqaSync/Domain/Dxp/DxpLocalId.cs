using System.Security.Cryptography;

namespace NzqaSync.Domain.Dxp;

/// <summary>
/// A stable localId derived from a record's natural key, used when the caller gives none, so uploading the same
/// record again replaces it in the submission instead of adding a second copy ("Adding a second record in the
/// same content type with an identical localId will cause the first record with the same localId value to be
/// replaced"). Key parts are trimmed and compared case-insensitively. Form: a prefix ("ce-", "qc-", "lr-", "co-", "cc-") and the first 32 hex digits of SHA-256 of the key (35 characters).
/// </summary>
public static class DxpLocalId
{
    /// <summary>Course enrolment key: studentIdentificationCode | courseCode | courseStartDate (NZ date, yyyy-MM-dd).</summary>
    public static string For(CourseEnrolmentRecord record)
    {
        if (record == null) throw new ArgumentNullException(nameof(record));
        var start = record.CourseStartDate.HasValue ? NzDate.FromDateTime(record.CourseStartDate.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return "ce-" + Hash("course-enrolment|" + Part(record.StudentIdentificationCode) + "|" + Part(record.CourseCode) + "|" + start);
    }

    /// <summary>Qualification completion key: studentIdentificationCode | qualificationCode | yearRequirementsMet.</summary>
    public static string For(QualificationCompletionRecord record)
    {
        if (record == null) throw new ArgumentNullException(nameof(record));
        var year = record.YearRequirementsMet?.ToString(CultureInfo.InvariantCulture) ?? "";
        return "qc-" + Hash("qualification-completion|" + Part(record.StudentIdentificationCode) + "|" + Part(record.QualificationCode) + "|" + year);
    }

    /// <summary>Learner key: studentIdentificationCode ("constant for the learner throughout their enrolment history").</summary>
    public static string For(DxpLearnerRecord record)
    {
        if (record == null) throw new ArgumentNullException(nameof(record));
        return "lr-" + Hash("learner|" + Part(record.StudentIdentificationCode));
    }

    /// <summary>Course register key: courseCode (once, and once only, in the register).</summary>
    public static string For(DxpCourseRecord record)
    {
        if (record == null) throw new ArgumentNullException(nameof(record));
        return "co-" + Hash("course|" + Part(record.CourseCode));
    }

    /// <summary>Course completion key: studentIdentificationCode | courseCode | courseStartDate (NZ date, yyyy-MM-dd).</summary>
    public static string For(DxpCourseCompletionRecord record)
    {
        if (record == null) throw new ArgumentNullException(nameof(record));
        var start = record.CourseStartDate.HasValue ? NzDate.FromDateTime(record.CourseStartDate.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return "cc-" + Hash("course-completion|" + Part(record.StudentIdentificationCode) + "|" + Part(record.CourseCode) + "|" + start);
    }

    /// <summary>Dispatches on the record's type.</summary>
    public static string For(IDxpRecord record)
    {
        switch (record)
        {
            case CourseEnrolmentRecord ce: return For(ce);
            case QualificationCompletionRecord qc: return For(qc);
            case DxpLearnerRecord l: return For(l);
            case DxpCourseRecord c: return For(c);
            case DxpCourseCompletionRecord cc: return For(cc);
            case null: throw new ArgumentNullException(nameof(record));
            default: throw new NotSupportedException($"No natural key is defined for {record.GetType().Name}.");
        }
    }

    private static string Part(string s) => (s ?? "").Trim().ToUpperInvariant();

    private static string Hash(string key)
    {
        using (var sha = SHA256.Create())
        {
            var bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(key));
            var sb = new StringBuilder(32);
            for (var i = 0; i < 16; i++) sb.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }
    }
}
