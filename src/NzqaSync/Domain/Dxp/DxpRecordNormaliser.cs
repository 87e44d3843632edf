namespace NzqaSync.Domain.Dxp;

/// <summary>
/// Puts a record into the form that is sent: trims text, writes two-spelling codes in their one documented form
/// (<see cref="DxpCodes"/>), writes IRD numbers as "049-091-850", drops a time of day from dates, derives
/// eftsByMonth (0 a month for a learner who withdrew inside the
/// withdrawal period) and localId ONLY when missing (a given value is never overwritten). Values it cannot make sense of
/// are left as given for <see cref="DxpRecordValidator"/> to report. Call it before validating and batching.
/// </summary>
public static class DxpRecordNormaliser
{
    public static CourseEnrolmentRecord Normalise(CourseEnrolmentRecord r)
    {
        if (r == null) return null;
        r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
        r.QualificationCode = Trim(r.QualificationCode);
        r.CourseCode = Trim(r.CourseCode);
        r.CourseStartDate = Date(r.CourseStartDate);
        r.CourseEndDate = Date(r.CourseEndDate);
        r.StudentsCourseWithdrawalDate = Date(r.StudentsCourseWithdrawalDate);
        r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment =
            DxpCodes.NormaliseCategoryOfFees(r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment);
        r.CourseDeliverySite = DxpCodes.NormaliseDeliverySite(r.CourseDeliverySite);
        r.SourceOfFunding = DxpCodes.NormaliseSourceOfFunding(r.SourceOfFunding);
        r.ResidentialStatus = DxpCodes.NormaliseResidentialStatus(r.ResidentialStatus);
        r.FundingCategory = Trim(r.FundingCategory);
        r.NzscedFieldOfStudy = Trim(r.NzscedFieldOfStudy);
        if (r.IteSubject != null)
            r.IteSubject = r.IteSubject.SelectMany(s => (s ?? "").Split(';')).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        if ((r.EftsByMonth == null || r.EftsByMonth.Length == 0) && r.CourseEftsFactor.HasValue && r.CourseStartDate.HasValue &&
            r.CourseEndDate.HasValue && r.CourseEftsFactor.Value >= 0 && EftsByMonth.DecimalPlaces(r.CourseEftsFactor.Value) <= 4 &&
            r.CourseEndDate.Value >= r.CourseStartDate.Value)
        {
            r.EftsByMonth = EftsByMonth.Compute(r.CourseEftsFactor.Value, r.CourseStartDate.Value, r.CourseEndDate.Value);
            // "The calculation applies if withdrawals occur after the withdrawal period": a learner who withdrew
            // inside it counts no EFTS (EftsWithdrawalPeriod).
            if (r.StudentsCourseWithdrawalDate.HasValue &&
                EftsWithdrawalPeriod.WithdrewInside(r.CourseStartDate.Value, r.CourseEndDate.Value, r.StudentsCourseWithdrawalDate.Value))
                r.EftsByMonth = new decimal[r.EftsByMonth.Length];
        }
        return WithLocalId(r);
    }

    public static QualificationCompletionRecord Normalise(QualificationCompletionRecord r)
    {
        if (r == null) return null;
        r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
        r.QualificationCode = Trim(r.QualificationCode);
        r.LinkedQualificationCodeForFeesFree = Trim(r.LinkedQualificationCodeForFeesFree);
        r.QualificationCompletionDate = Date(r.QualificationCompletionDate);
        r.IrdNumber = Ird(r.IrdNumber);
        return WithLocalId(r);
    }

    /// <summary>nameIdCode is derived from FamilyName/FirstName only when it is missing; a given one is kept as typed (trimmed at the end only).</summary>
    public static DxpLearnerRecord Normalise(DxpLearnerRecord r)
    {
        if (r == null) return null;
        r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
        r.Gender = NormaliseGender(r.Gender);
        r.DateOfBirth = Date(r.DateOfBirth);
        r.FamilyName = Trim(r.FamilyName);
        r.FirstName = Trim(r.FirstName);
        // A given code keeps its inner blank ("LEE A"): only trailing blanks are dropped.
        r.NameIdCode = string.IsNullOrWhiteSpace(r.NameIdCode) ? NameIdCode.From(r.FamilyName, r.FirstName) : r.NameIdCode.TrimEnd().TrimStart();
        r.IrdNumber = Ird(r.IrdNumber);
        r.CountryOfCitizenship = Trim(r.CountryOfCitizenship)?.ToUpperInvariant();
        r.Ethnicity = List(r.Ethnicity);
        r.Iwi = List(r.Iwi);
        return WithLocalId(r);
    }

    public static DxpCourseRecord Normalise(DxpCourseRecord r)
    {
        if (r == null) return null;
        r.CourseCode = Trim(r.CourseCode);
        r.CourseTitle = Trim(r.CourseTitle);
        r.QualificationCode = Trim(r.QualificationCode);
        return WithLocalId(r);
    }

    public static DxpCourseCompletionRecord Normalise(DxpCourseCompletionRecord r)
    {
        if (r == null) return null;
        r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
        r.CourseCode = Trim(r.CourseCode);
        r.CourseStartDate = Date(r.CourseStartDate);
        r.CourseEndDate = Date(r.CourseEndDate);
        r.CourseCompletionCode = Trim(r.CourseCompletionCode);
        return WithLocalId(r);
    }

    /// <summary>Dispatches on the record's type.</summary>
    public static IDxpRecord Normalise(IDxpRecord record)
    {
        switch (record)
        {
            case CourseEnrolmentRecord ce: return Normalise(ce);
            case QualificationCompletionRecord qc: return Normalise(qc);
            case DxpLearnerRecord l: return Normalise(l);
            case DxpCourseRecord c: return Normalise(c);
            case DxpCourseCompletionRecord cc: return Normalise(cc);
            default: return record;
        }
    }

    /// <summary>The localId as given (trimmed), or derived from the record's natural key when missing: last, from the normalised fields.</summary>
    private static T WithLocalId<T>(T r) where T : IDxpRecord
    {
        r.LocalId = Trim(r.LocalId);
        if (string.IsNullOrEmpty(r.LocalId)) r.LocalId = DxpLocalId.For(r);
        return r;
    }

    /// <summary>A date as a New Zealand calendar date (no time of day).</summary>
    private static DateTime? Date(DateTime? date) => date.HasValue ? NzDate.FromDateTime(date.Value) : (DateTime?)null;

    /// <summary>Trimmed; a valid IRD number written as "049-091-850", anything else left for the validator.</summary>
    private static string Ird(string ird)
    {
        var trimmed = Trim(ird);
        return trimmed != null && IrdNumber.IsValid(trimmed) ? IrdNumber.Normalise(trimmed) : trimmed;
    }

    /// <summary>M, F or D ("Male", "female", "d" too); anything else is left for the validator.</summary>
    private static string NormaliseGender(string gender)
    {
        var g = Trim(gender)?.ToUpperInvariant();
        switch (g)
        {
            case "MALE": return "M";
            case "FEMALE": return "F";
            default: return g;
        }
    }

    private static string[] List(string[] values)
    {
        if (values == null) return null;
        var list = values.SelectMany(s => (s ?? "").Split(';')).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
        return list.Length == 0 ? null : list;
    }

    /// <summary>Trimmed, in Unicode NFC (<see cref="UnicodeText"/>), and null when blank (blank optional fields are not sent).</summary>
    private static string Trim(string s)
    {
        var t = s?.Trim();
        return string.IsNullOrEmpty(t) ? null : UnicodeText.Nfc(t);
    }
}
