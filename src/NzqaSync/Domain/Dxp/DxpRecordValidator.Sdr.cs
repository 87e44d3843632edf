namespace NzqaSync.Domain.Dxp;

public static partial class DxpRecordValidator
{
    /// <summary>
    /// The learner page's rules as far as it was seen (to nameIdCode); fields after it are our assumption and are
    /// checked only for their known length or form (IRD check digit, NSN > 0).
    /// </summary>
    public static IReadOnlyList<DxpFieldProblem> Validate(DxpLearnerRecord r)
    {
        var p = Problems.For(r);
        p.StudentId(r.StudentIdentificationCode);
        if (p.Text("gender", r.Gender, 0, "Gender") && r.Gender != "M" && r.Gender != "F" && r.Gender != "D")
            p.Add("gender", "DxpCodeNotInList", $"gender: '{r.Gender}' is not in the list: \"Select a value from the list below\" (M: Male, F: Female, D: Another gender).");
        p.Required("dateOfBirth", r.DateOfBirth, "Date of Birth");
        if (string.IsNullOrWhiteSpace(r.NameIdCode))
            p.Add("nameIdCode", "DxpFieldRequired",
                "nameIdCode (Name ID Code) is required: \"This field is mandatory.\" Give it, or the learner's familyName (and firstName) to derive it: \"The first four characters of a learner's surname plus initial of first legal name.\"");
        else if (r.NameIdCode.Length > 5)
            p.Add("nameIdCode", "DxpFieldTooLong", $"nameIdCode: Length: 5 — \"Possible values: 1 ≤ length ≤ 5\": must be 1–5 characters (got {r.NameIdCode.Length}).");
        if (r.TotalFeeForDomesticStudent.HasValue)
        {
            var fee = r.TotalFeeForDomesticStudent.Value;
            if (fee < 0 || fee >= 1000000m || EftsByMonth.DecimalPlaces(fee) > 2)
                p.Add("totalFeeForDomesticStudent", "DxpNumberInvalid",
                    $"totalFeeForDomesticStudent: {Num(fee)} is not \"Type: Numeric (8,2)\" (dollars and cents, including GST, 0 to 999999.99).");
        }
        if (r.NationalStudentNumber.HasValue) p.Nsn(r.NationalStudentNumber);
        p.Ird(r.IrdNumber);
        if (r.CountryOfCitizenship != null && r.CountryOfCitizenship.Length > 4)
            p.Add("countryOfCitizenship", "DxpFieldTooLong", $"countryOfCitizenship: at most 4 characters (got {r.CountryOfCitizenship.Length}).");
        if (r.Ethnicity != null && r.Ethnicity.Length > 6)
            p.Add("ethnicity", "DxpFieldTooMany", $"ethnicity has {r.Ethnicity.Length} values: up to six can be reported.");
        return p.List;
    }

    /// <summary>The course register page's rules as far as it was seen (to qualificationCode).</summary>
    public static IReadOnlyList<DxpFieldProblem> Validate(DxpCourseRecord r)
    {
        var p = Problems.For(r);
        p.Text("courseCode", r.CourseCode, 20, "Course Code");
        p.Text("courseTitle", r.CourseTitle, 75, "Course Title");
        // The course register page carries the course enrolment page's note: "a six alpha-numeric code", G9999 or GFFSSX.
        if (p.Text("qualificationCode", r.QualificationCode, 6, "Qualification Code")) p.QualificationFormat("qualificationCode", r.QualificationCode, allowNonFormal: true);
        foreach (var (field, value) in new[] { ("discountedCourseTuitionFee", r.DiscountedCourseTuitionFee), ("discountedCompulsoryCourseCostsFee", r.DiscountedCompulsoryCourseCostsFee) })
            if (value.HasValue && (value < 0 || EftsByMonth.DecimalPlaces(value.Value) > 2))
                p.Add(field, "DxpNumberInvalid", $"{field}: {Num(value.Value)} is not an amount in dollars and cents.");
        return p.List;
    }

    /// <summary>The course completion page's rules as far as it was seen (to courseCode); the rest is accepted within its known length.</summary>
    public static IReadOnlyList<DxpFieldProblem> Validate(DxpCourseCompletionRecord r)
    {
        var p = Problems.For(r);
        p.StudentId(r.StudentIdentificationCode);
        p.Text("courseCode", r.CourseCode, 20, "Course Code");
        if (r.NationalStudentNumber.HasValue) p.Nsn(r.NationalStudentNumber);
        if (r.CourseStartDate.HasValue && r.CourseEndDate.HasValue && r.CourseEndDate.Value.Date < r.CourseStartDate.Value.Date)
            p.Add("courseEndDate", "DxpDateOrder", $"courseEndDate {Day(r.CourseEndDate)} is before courseStartDate {Day(r.CourseStartDate)}.");
        if (r.CourseCompletionCode != null && r.CourseCompletionCode.Length > 2)
            p.Add("courseCompletionCode", "DxpFieldTooLong", $"courseCompletionCode: at most 2 characters (got {r.CourseCompletionCode.Length}).");
        return p.List;
    }
}
