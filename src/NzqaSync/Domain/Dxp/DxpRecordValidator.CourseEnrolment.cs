namespace NzqaSync.Domain.Dxp;

public static partial class DxpRecordValidator
{
    /// <param name="returnYear">The year of the return the record goes to; the rules that depend on it (course start
    /// year, ITE sector from 2026) are checked only when it is given.</param>
    public static IReadOnlyList<DxpFieldProblem> Validate(CourseEnrolmentRecord r, int? returnYear = null)
    {
        var p = Problems.For(r);
        p.StudentId(r.StudentIdentificationCode);
        if (p.Text("qualificationCode", r.QualificationCode, 6, "Qualification Code")) p.QualificationFormat("qualificationCode", r.QualificationCode, allowNonFormal: true);
        p.Text("courseCode", r.CourseCode, 20, "Course Code");
        p.Required("courseStartDate", r.CourseStartDate, "Course Start Date");
        p.Required("courseEndDate", r.CourseEndDate, "Course End Date");
        if (returnYear.HasValue && r.CourseStartDate.HasValue)
        {
            var startYear = NzDate.FromDateTime(r.CourseStartDate.Value).Year;
            if (startYear != returnYear && startYear != returnYear - 1)
                p.Add("courseStartDate", "DxpStartYear",
                    $"courseStartDate {Day(r.CourseStartDate)} is not in the return's year {returnYear} or the one before: \"The start date of the learner's course(s) in the current or previous academic year.\"");
        }
        if (r.CourseStartDate.HasValue && r.CourseEndDate.HasValue && r.CourseEndDate.Value.Date < r.CourseStartDate.Value.Date)
            p.Add("courseEndDate", "DxpDateOrder",
                $"courseEndDate {Day(r.CourseEndDate)} is before courseStartDate {Day(r.CourseStartDate)}: \"The end date of the learner's course.\"");
        if (r.StudentsCourseWithdrawalDate.HasValue && r.CourseStartDate.HasValue && r.StudentsCourseWithdrawalDate.Value.Date < r.CourseStartDate.Value.Date)
            p.Add("studentsCourseWithdrawalDate", "DxpDateOrder",
                $"studentsCourseWithdrawalDate {Day(r.StudentsCourseWithdrawalDate)} is before courseStartDate {Day(r.CourseStartDate)}: \"The date of withdrawal of a confirmed student enrolment from a course\".");
        else if (r.StudentsCourseWithdrawalDate.HasValue && r.CourseEndDate.HasValue && r.StudentsCourseWithdrawalDate.Value.Date > r.CourseEndDate.Value.Date)
            p.Add("studentsCourseWithdrawalDate", "DxpWithdrawalAfterEnd",
                $"studentsCourseWithdrawalDate {Day(r.StudentsCourseWithdrawalDate)} is after courseEndDate {Day(r.CourseEndDate)}.", DxpProblemSeverity.Warning);

        const string fees = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
        if (p.Text(fees, r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment, 2, "Category of Fees Assessment for International Students for each enrolment")
            && !DxpCodes.IsCategoryOfFees(r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment))
            p.Add(fees, "DxpCodeNotInList",
                $"{fees}: '{r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment}' is not in the list: \"Select a value from the list below\" ({string.Join(", ", DxpCodes.CategoryOfFees.Keys)}).");

        if (!r.IntramuralExtramuralAttendance.HasValue)
            p.Required("intramuralExtramuralAttendance", null, "Intramural/Extramural Attendance");
        else if (r.IntramuralExtramuralAttendance < 1 || r.IntramuralExtramuralAttendance > 4)
            p.Add("intramuralExtramuralAttendance", "DxpCodeNotInList",
                $"intramuralExtramuralAttendance: {r.IntramuralExtramuralAttendance} is not in the list: \"Select a value from the list below\" (1: Intramural and residing in New Zealand, 2: Extramural and residing in New Zealand, 3: Extramural and residing overseas, 4: Intramural and residing overseas).");

        if (p.Text("courseDeliverySite", r.CourseDeliverySite, 2, "Course Delivery Site") && !DxpCodes.IsAlphanumeric(r.CourseDeliverySite))
            p.Add("courseDeliverySite", "DxpFormatInvalid",
                $"courseDeliverySite '{r.CourseDeliverySite}': \"Type: Alpha-Numeric\" (\"01\", \"98\", \"AA\", \"A1\").");

        if (p.Text("sourceOfFunding", r.SourceOfFunding, 2, "Source of Funding"))
        {
            if (DxpCodes.IsHistoricSourceOfFunding(r.SourceOfFunding))
                p.Add("sourceOfFunding", "DxpCodeHistoric",
                    $"sourceOfFunding: '{r.SourceOfFunding}' is in the seed's \"historic funds\" list, not the \"current funds\".", DxpProblemSeverity.Warning);
            else if (!DxpCodes.IsCurrentSourceOfFunding(r.SourceOfFunding))
                p.Add("sourceOfFunding", "DxpCodeNotInList",
                    $"sourceOfFunding: '{r.SourceOfFunding}' is not in the list: \"Select a value from the list below – current funds\" ({string.Join(", ", DxpCodes.SourceOfFundingCurrent)}).");
        }

        if (p.Text("residentialStatus", r.ResidentialStatus, 1, "Residential Status") && r.ResidentialStatus != "Y" && r.ResidentialStatus != "N")
            p.Add("residentialStatus", "DxpCodeNotInList",
                $"residentialStatus: '{r.ResidentialStatus}' is not in the list: \"Y: New Zealand Resident visa holder\", \"N: Not a New Zealand Resident visa holder\".");
        p.Required("australianResidentialStatus", r.AustralianResidentialStatus, "Australian Residential Status");
        // Seed footnote *1: "Be 00 for the following students if they are residing in New Zealand (Intramural/Extramural
        // Attendance is 1 or 2): Students holding New Zealand resident status (Residential Status is 'Y') … Students
        // holding a current Australian permanent resident visa (Australian Residential Status is 'Y')."
        if ((r.ResidentialStatus == "Y" || r.AustralianResidentialStatus == true) && (r.IntramuralExtramuralAttendance == 1 || r.IntramuralExtramuralAttendance == 2)
            && DxpCodes.IsCategoryOfFees(r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment)
            && DxpCodes.NormaliseCategoryOfFees(r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment) != "00")
            p.Add(fees, "DxpFeesNotDomestic",
                $"{fees} is '{r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment}' for a {(r.ResidentialStatus == "Y" ? "New Zealand resident" : "holder of an Australian permanent resident visa")} residing in New Zealand (attendance {r.IntramuralExtramuralAttendance}): \"Be 00 for the following students if they are residing in New Zealand (Intramural/Extramural Attendance is 1 or 2)\".");
        p.Text("fundingCategory", r.FundingCategory, 2, "Funding Category");

        if (!r.CourseClassification.HasValue)
            p.Required("courseClassification", null, "Course Classification");
        else if (r.CourseClassification < 0 || r.CourseClassification >= 100 || EftsByMonth.DecimalPlaces(r.CourseClassification.Value) > 1)
            p.Add("courseClassification", "DxpNumberInvalid",
                $"courseClassification: {Num(r.CourseClassification.Value)} is not \"Type: Numeric (2,1)\" (up to two digits and one decimal).");

        p.Text("nzscedFieldOfStudy", r.NzscedFieldOfStudy, 6, "NZSCED Field of Study");

        Efts(r, p);

        p.Nsn(r.NationalStudentNumber);

        if (r.SourceOfFunding != null && DxpCodes.SourcesNeedingConsortium.Contains(DxpCodes.NormaliseSourceOfFunding(r.SourceOfFunding)) && !r.Consortium.HasValue)
            p.Add("consortium", "DxpConsortiumRequired",
                $"consortium: \"This field is mandatory for funding source 28 or 29.\" (sourceOfFunding is {r.SourceOfFunding}).");
        else if (r.Consortium.HasValue && r.Consortium <= 0)
            p.Add("consortium", "DxpNumberInvalid", $"consortium: {r.Consortium} is not a Consortium classification value.");

        if (r.IteSector.HasValue && (r.IteSector < 1 || r.IteSector > 3))
            p.Add("iteSector", "DxpCodeNotInList", $"iteSector: {r.IteSector} is not in the list: \"1: Early Childhood\", \"2: Primary\", \"3: Secondary\".");
        else if (!r.IteSector.HasValue && DxpCodes.IsIteNzsced(r.NzscedFieldOfStudy))
        {
            // A warning before 2026, an error for returns from 2026 on (the year of the return, else of the course start).
            var year = returnYear ?? (r.CourseStartDate.HasValue ? NzDate.FromDateTime(r.CourseStartDate.Value).Year : (int?)null);
            p.Add("iteSector", "DxpIteSectorMissing",
                $"iteSector: NZSCED {r.NzscedFieldOfStudy} is an ITE enrolment: \"This field is optional until 2026 and a warning will be displayed until then. From 2026 we will introduce validation rules to ensure data for these fields is provided for ITE-approved qualifications.\"",
                year >= 2026 ? DxpProblemSeverity.Error : DxpProblemSeverity.Warning);
        }

        if (r.IteSector == 3)
        {
            var subjects = (r.IteSubject ?? new string[0]).Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
            if (subjects.Length < 1 || subjects.Length > 4)
                p.Add("iteSubject", "DxpIteSubjectCount",
                    $"iteSubject has {subjects.Length} values: \"At least one ITE Subject is required if 070105 (Secondary) is selected for the ITE Sector\" and \"Up to four values can be entered.\"");
            foreach (var s in subjects.Where(s => s.Length > 40))
                p.Add("iteSubject", "DxpIteSubjectTooLong", $"iteSubject '{s}': Length: 40 — each subject must be 1–40 characters.");
        }
        return p.List;
    }
}
