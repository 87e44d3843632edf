using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Tests.Dxp;

public class DxpValidatorTests
{
    public static CourseEnrolmentRecord GoodEnrolment() => new()
    {
        LocalId = "ce-1",
        StudentIdentificationCode = "S100000001",
        QualificationCode = "BC1234",
        CourseCode = "ECON112",
        CourseStartDate = new DateTime(2026, 2, 23),
        CourseEndDate = new DateTime(2026, 6, 19),
        CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "0",
        IntramuralExtramuralAttendance = 1,
        CourseDeliverySite = "01",
        SourceOfFunding = "01",
        ResidentialStatus = "N",
        AustralianResidentialStatus = false,
        FundingCategory = "A1",
        CourseClassification = 1.1m,
        NzscedFieldOfStudy = "030101",
        CourseEftsFactor = 0.125m,
        NationalStudentNumber = 123456789,
    };

    public static QualificationCompletionRecord GoodCompletion() => new()
    {
        LocalId = "qc-1",
        StudentIdentificationCode = "S100000001",
        NationalStudentNumber = 123456789,
        QualificationCode = "BC1234",
        YearRequirementsMet = 2026,
        QualificationCompletionDate = new DateTime(2026, 11, 20),
        IrdNumber = "49-091-850",
        LinkedQualificationCodeForFeesFree = "BC1200",
    };

    private static List<DxpFieldProblem> Errors(IEnumerable<DxpFieldProblem> p) => p.Where(x => x.Severity == DxpProblemSeverity.Error).ToList();

    [Fact]
    public void Good_records_pass_after_normalising()
    {
        var ce = DxpRecordNormaliser.Normalise(GoodEnrolment());
        Assert.Empty(DxpRecordValidator.Validate(ce));
        Assert.Equal("00", ce.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment);
        Assert.Equal("1", ce.SourceOfFunding);
        var qc = DxpRecordNormaliser.Normalise(GoodCompletion());
        Assert.Empty(DxpRecordValidator.Validate(qc));
        Assert.Equal("049-091-850", qc.IrdNumber);
    }

    public static IEnumerable<object[]> EnrolmentBreaks()
    {
        object[] Case(string field, string code, Action<CourseEnrolmentRecord> breakIt, string quote = null) => new object[] { field, code, breakIt, quote };
        yield return Case("studentIdentificationCode", "DxpFieldRequired", r => r.StudentIdentificationCode = null, "This field is mandatory.");
        yield return Case("studentIdentificationCode", "DxpFieldTooLong", r => r.StudentIdentificationCode = "S1000000012", "1 ≤ length ≤ 10");
        yield return Case("qualificationCode", "DxpFieldTooLong", r => r.QualificationCode = "BC12345", "must be 1–6 characters");
        yield return Case("courseCode", "DxpFieldTooLong", r => r.CourseCode = new string('C', 21), "courseCode: Length: 20");
        yield return Case("courseCode", "DxpFieldRequired", r => r.CourseCode = "  ");
        yield return Case("courseStartDate", "DxpFieldRequired", r => r.CourseStartDate = null);
        yield return Case("courseEndDate", "DxpFieldRequired", r => { r.CourseEndDate = null; r.EftsByMonth = new[] { 0.125m }; });
        yield return Case("courseEndDate", "DxpDateOrder", r => { r.CourseEndDate = new DateTime(2026, 2, 22); r.EftsByMonth = new[] { 0.125m }; });
        yield return Case("studentsCourseWithdrawalDate", "DxpDateOrder", r => r.StudentsCourseWithdrawalDate = new DateTime(2026, 2, 1));
        yield return Case("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment", "DxpCodeNotInList", r => r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "2", "Select a value from the list below");
        yield return Case("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment", "DxpFieldTooLong", r => r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "003");
        yield return Case("intramuralExtramuralAttendance", "DxpCodeNotInList", r => r.IntramuralExtramuralAttendance = 5);
        yield return Case("intramuralExtramuralAttendance", "DxpFieldRequired", r => r.IntramuralExtramuralAttendance = null);
        yield return Case("courseDeliverySite", "DxpFieldTooLong", r => r.CourseDeliverySite = "ABC");
        yield return Case("sourceOfFunding", "DxpCodeNotInList", r => r.SourceOfFunding = "38");
        yield return Case("sourceOfFunding", "DxpFieldTooLong", r => r.SourceOfFunding = "101");
        yield return Case("residentialStatus", "DxpCodeNotInList", r => r.ResidentialStatus = "X");
        yield return Case("australianResidentialStatus", "DxpFieldRequired", r => r.AustralianResidentialStatus = null);
        yield return Case("fundingCategory", "DxpFieldTooLong", r => r.FundingCategory = "A12");
        yield return Case("courseClassification", "DxpNumberInvalid", r => r.CourseClassification = 1.15m, "Numeric (2,1)");
        yield return Case("nzscedFieldOfStudy", "DxpFieldTooLong", r => r.NzscedFieldOfStudy = "0301011");
        yield return Case("courseEftsFactor", "DxpEftsPrecision", r => { r.CourseEftsFactor = 0.12501m; r.EftsByMonth = new[] { 0.025m, 0.025m, 0.025m, 0.025m, 0.025m }; }, "rounded to four decimal places");
        yield return Case("eftsByMonth", "DxpEftsPrecision", r => r.EftsByMonth = new[] { 0.02501m, 0.025m, 0.025m, 0.025m, 0.025m });
        yield return Case("eftsByMonth", "DxpEftsMonthCount", r => r.EftsByMonth = new[] { 0.0625m, 0.0625m });
        yield return Case("nationalStudentNumber", "DxpNsnInvalid", r => r.NationalStudentNumber = 0);
        yield return Case("nationalStudentNumber", "DxpFieldRequired", r => r.NationalStudentNumber = null);
        yield return Case("consortium", "DxpConsortiumRequired", r => r.SourceOfFunding = "28", "mandatory for funding source 28 or 29");
        yield return Case("consortium", "DxpConsortiumRequired", r => r.SourceOfFunding = "29");
        yield return Case("iteSector", "DxpCodeNotInList", r => r.IteSector = 4);
        yield return Case("iteSubject", "DxpIteSubjectCount", r => { r.NzscedFieldOfStudy = "070105"; r.IteSector = 3; }, "At least one ITE Subject");
        yield return Case("iteSubject", "DxpIteSubjectCount", r => { r.IteSector = 3; r.IteSubject = new[] { "Maths", "Science", "English", "History", "Art" }; }, "Up to four values");
        yield return Case("iteSubject", "DxpIteSubjectTooLong", r => { r.IteSector = 3; r.IteSubject = new[] { new string('S', 41) }; });
        yield return Case("localId", "DxpFieldRequired", r => r.LocalId = "");
    }

    [Theory]
    [MemberData(nameof(EnrolmentBreaks))]
    public void Each_enrolment_rule_fails_for_a_bad_value(string field, string code, Action<CourseEnrolmentRecord> breakIt, string quote)
    {
        var r = GoodEnrolment();
        r.EftsByMonth = EftsByMonth.Compute(0.125m, r.CourseStartDate!.Value, r.CourseEndDate!.Value);
        breakIt(r);
        var problems = Errors(DxpRecordValidator.Validate(r));
        var hit = Assert.Single(problems, p => p.Field == field && p.Code == code);
        Assert.Equal("ce-1".Length > 0 ? r.LocalId : null, hit.LocalId);
        if (quote != null) Assert.Contains(quote, hit.Message);
        Assert.False(DxpRecordValidator.CanSend(problems));
    }

    [Theory]
    [InlineData("28", 12)]
    [InlineData("29", 3)]
    [InlineData("37", null)]
    public void Consortium_passes_when_given_for_28_and_29(string source, int? consortium)
    {
        var r = GoodEnrolment(); r.SourceOfFunding = source; r.Consortium = consortium;
        Assert.Empty(DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(r)));
    }

    [Fact]
    public void Secondary_ite_with_one_to_four_subjects_passes()
    {
        var r = GoodEnrolment(); r.NzscedFieldOfStudy = "070105"; r.IteSector = 3; r.IteSubject = new[] { "Mathematics;Science" };
        r = DxpRecordNormaliser.Normalise(r);
        Assert.Equal(new[] { "Mathematics", "Science" }, r.IteSubject);
        Assert.Empty(DxpRecordValidator.Validate(r));
    }

    [Theory]
    [InlineData("70105")]
    [InlineData("070101")]
    public void Missing_ite_sector_for_an_ite_nzsced_is_a_warning_before_2026_and_an_error_from_2026(string nzsced)
    {
        // "This field is optional until 2026 and a warning will be displayed until then. From 2026 we will introduce validation rules"
        var r = GoodEnrolment(); r.NzscedFieldOfStudy = nzsced;
        r.CourseStartDate = new DateTime(2025, 2, 24); r.CourseEndDate = new DateTime(2025, 6, 20);
        var before = DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(r), returnYear: 2025);
        var w = Assert.Single(before);
        Assert.Equal(("iteSector", "DxpIteSectorMissing", DxpProblemSeverity.Warning), (w.Field, w.Code, w.Severity));
        Assert.True(DxpRecordValidator.CanSend(before));
        var from2026 = DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(r), returnYear: 2026);
        var e = Assert.Single(from2026);
        Assert.Equal(("iteSector", "DxpIteSectorMissing", DxpProblemSeverity.Error), (e.Field, e.Code, e.Severity));
        Assert.False(DxpRecordValidator.CanSend(from2026));
    }

    [Fact]
    public void Course_start_must_be_in_the_return_year_or_the_one_before()
    {
        // "The start date of the learner's course(s) in the current or previous academic year."
        var r = DxpRecordNormaliser.Normalise(GoodEnrolment()); // starts 23 February 2026
        Assert.DoesNotContain(DxpRecordValidator.Validate(r, 2026), p => p.Code == "DxpStartYear");
        Assert.DoesNotContain(DxpRecordValidator.Validate(r, 2027), p => p.Code == "DxpStartYear");
        Assert.Contains(DxpRecordValidator.Validate(r, 2028), p => p.Code == "DxpStartYear" && p.Severity == DxpProblemSeverity.Error);
        Assert.Contains(DxpRecordValidator.Validate(r, 2025), p => p.Code == "DxpStartYear");
    }

    [Theory]
    [InlineData("Y", false, 1, "03", true)]
    [InlineData("Y", false, 2, "03", true)]
    [InlineData("N", true, 1, "03", true)]
    [InlineData("Y", false, 3, "03", false)]
    [InlineData("N", false, 1, "03", false)]
    [InlineData("Y", false, 1, "00", false)]
    public void Fees_category_is_00_for_residents_and_australian_permanent_residents_residing_in_new_zealand(string resident, bool ausPr, int attendance, string fees, bool refused)
    {
        var r = DxpRecordNormaliser.Normalise(GoodEnrolment());
        r.ResidentialStatus = resident; r.AustralianResidentialStatus = ausPr; r.IntramuralExtramuralAttendance = attendance;
        r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = fees;
        Assert.Equal(refused, DxpRecordValidator.Validate(r).Any(p => p.Code == "DxpFeesNotDomestic" && p.Severity == DxpProblemSeverity.Error));
    }

    [Theory]
    [InlineData("BC1234", true)]
    [InlineData("G9999", true)]
    [InlineData("G48017", true)]
    [InlineData("BC123", false)]
    [InlineData("BC-123", false)]
    [InlineData("G999", false)]
    public void Qualification_codes_are_six_alphanumeric_or_non_formal(string code, bool ok)
    {
        var r = DxpRecordNormaliser.Normalise(GoodEnrolment());
        r.QualificationCode = code;
        Assert.Equal(ok, !DxpRecordValidator.Validate(r).Any(p => p.Field == "qualificationCode"));
        var qc = DxpRecordNormaliser.Normalise(GoodCompletion());
        qc.QualificationCode = code;
        // Non-formal education "is not required to be reported in the Qualification Completion file": G9999 is not six characters.
        Assert.Equal(ok && code != "G9999", !DxpRecordValidator.Validate(qc).Any(p => p.Field == "qualificationCode"));
        // The course register carries the same note as the course enrolment page.
        var course = new DxpCourseRecord { LocalId = "co-1", CourseCode = "ECON112", CourseTitle = "Introductory economics", QualificationCode = code };
        Assert.Equal(ok, !DxpRecordValidator.Validate(course).Any(p => p.Field == "qualificationCode"));
    }

    [Fact]
    public void Historic_funding_is_a_warning_and_an_uneven_efts_sum_an_error()
    {
        var r = DxpRecordNormaliser.Normalise(GoodEnrolment());
        r.SourceOfFunding = "11";
        r.EftsByMonth = new[] { 0.05m, 0.05m, 0.025m, 0m, 0.0001m };
        var problems = DxpRecordValidator.Validate(r);
        Assert.Equal(new[] { ("DxpCodeHistoric", DxpProblemSeverity.Warning), ("DxpEftsSum", DxpProblemSeverity.Error) },
            problems.Select(p => (p.Code, p.Severity)).OrderBy(c => c.Code).ToArray());
    }

    [Theory]
    [InlineData("0", "00")]
    [InlineData("00", "00")]
    [InlineData("3", "03")]
    [InlineData("03", "03")]
    [InlineData("9", "09")]
    [InlineData("12", "12")]
    public void Category_of_fees_accepts_both_spellings_and_sends_two_digits(string given, string sent)
    {
        var r = GoodEnrolment(); r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = given;
        r = DxpRecordNormaliser.Normalise(r);
        Assert.Equal(sent, r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment);
        Assert.Empty(DxpRecordValidator.Validate(r));
    }

    [Theory]
    [InlineData("1", "1")]
    [InlineData("01", "1")]
    [InlineData("3", "3")]
    [InlineData("03", "3")]
    [InlineData("37", "37")]
    public void Source_of_funding_accepts_both_spellings_and_sends_no_leading_zero(string given, string sent)
    {
        var r = GoodEnrolment(); r.SourceOfFunding = given;
        r = DxpRecordNormaliser.Normalise(r);
        Assert.Equal(sent, r.SourceOfFunding);
        Assert.Empty(DxpRecordValidator.Validate(r));
    }

    [Theory]
    [InlineData("1", "01")]
    [InlineData("98", "98")]
    [InlineData("a1", "A1")]
    public void Delivery_site_single_digit_is_zero_padded(string given, string sent) =>
        Assert.Equal(sent, DxpCodes.NormaliseDeliverySite(given));

    public static IEnumerable<object[]> CompletionBreaks()
    {
        object[] Case(string field, string code, Action<QualificationCompletionRecord> breakIt, string quote = null) => new object[] { field, code, breakIt, quote };
        yield return Case("studentIdentificationCode", "DxpFieldTooLong", r => r.StudentIdentificationCode = "S1000000012");
        yield return Case("nationalStudentNumber", "DxpNsnInvalid", r => r.NationalStudentNumber = -5);
        yield return Case("qualificationCode", "DxpFieldRequired", r => r.QualificationCode = null);
        yield return Case("qualificationCode", "DxpFieldTooLong", r => r.QualificationCode = "BC12345");
        yield return Case("yearRequirementsMet", "DxpFieldRequired", r => r.YearRequirementsMet = null);
        yield return Case("yearRequirementsMet", "DxpYearFormat", r => r.YearRequirementsMet = 26, "YYYY");
        yield return Case("qualificationCompletionDate", "DxpFieldRequired", r => r.QualificationCompletionDate = null);
        yield return Case("irdNumber", "DxpIrdInvalid", r => r.IrdNumber = "136-410-133", "checksum".Length > 0 ? "check digit" : null);
        yield return Case("irdNumber", "DxpIrdInvalid", r => r.IrdNumber = "9-125-568", "between 10,000,000 and 150,000,000");
        yield return Case("irdNumber", "DxpFieldTooLong", r => r.IrdNumber = "136-410-1320");
        yield return Case("linkedQualificationCodeForFeesFree", "DxpFieldTooLong", r => r.LinkedQualificationCodeForFeesFree = "BC12000");
    }

    [Fact]
    public void Year_requirements_met_not_aligned_with_the_completion_date_is_a_warning_not_a_refusal()
    {
        // "This should align with what is reported for the 'Year Requirements Met' field."
        var r = GoodCompletion();
        r.YearRequirementsMet = 2025;
        var hit = Assert.Single(DxpRecordValidator.Validate(r), p => p.Code == "DxpYearMismatch");
        Assert.Equal(DxpProblemSeverity.Warning, hit.Severity);
        Assert.Contains("align", hit.Message);
        // 31 December 2025 23:30 UTC is already 1 January 2026 in New Zealand: the NZ year is 2026, not 2025.
        r.QualificationCompletionDate = new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc);
        Assert.Contains(DxpRecordValidator.Validate(r), p => p.Code == "DxpYearMismatch");
    }

    [Theory]
    [MemberData(nameof(CompletionBreaks))]
    public void Each_completion_rule_fails_for_a_bad_value(string field, string code, Action<QualificationCompletionRecord> breakIt, string quote)
    {
        var r = GoodCompletion();
        breakIt(r);
        var hit = Assert.Single(Errors(DxpRecordValidator.Validate(r)), p => p.Field == field && p.Code == code);
        if (quote != null) Assert.Contains(quote, hit.Message);
    }

    [Fact]
    public void Year_requirements_met_uses_the_nz_year_of_a_utc_read_back()
    {
        var r = GoodCompletion();
        r.YearRequirementsMet = 2026;
        r.QualificationCompletionDate = new DateTime(2025, 12, 31, 23, 30, 0, DateTimeKind.Utc); // 1 Jan 2026 NZDT
        Assert.Empty(DxpRecordValidator.Validate(r));
        Assert.Equal(new DateTime(2026, 1, 1), DxpRecordNormaliser.Normalise(r).QualificationCompletionDate);
    }
}
