using System.Collections;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Sources;

/// <summary>
/// DXP record fields and the names a column may carry: the seeds' camelCase names (which also match the readable
/// headers "Course Start Date", "course_start_date": case, spaces, dashes and underscores do not count) plus common
/// SMS/SDR export headers.
/// </summary>
public static class DxpBindings
{
    public static readonly IReadOnlyList<PropertyBinding<CourseEnrolmentRecord>> CourseEnrolment = new[]
    {
        B<CourseEnrolmentRecord>("localId", new[] { "Local ID", "LocalIdentifier", "Record ID" }, (r, v, p) => r.LocalId = ValueReader.Text(v), required: true),
        B<CourseEnrolmentRecord>("studentIdentificationCode", new[] { "Student ID", "StudentId", "Student Id Code", "Student Number", "Student Code", "SIC" },
            (r, v, p) => r.StudentIdentificationCode = ValueReader.Text(v), required: true),
        B<CourseEnrolmentRecord>("qualificationCode", new[] { "Qualification", "Qual Code", "QualCode", "Programme Code" }, (r, v, p) => r.QualificationCode = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("courseCode", new[] { "Course", "Course ID", "Paper Code" }, (r, v, p) => r.CourseCode = ValueReader.Text(v), required: true),
        B<CourseEnrolmentRecord>("courseStartDate", new[] { "Start Date", "StartDate", "Course Start" }, (r, v, p) => r.CourseStartDate = DxpValues.Date(v, "courseStartDate", p), required: true),
        B<CourseEnrolmentRecord>("courseEndDate", new[] { "End Date", "EndDate", "Course End", "Course Finish Date" }, (r, v, p) => r.CourseEndDate = DxpValues.Date(v, "courseEndDate", p)),
        B<CourseEnrolmentRecord>("studentsCourseWithdrawalDate", new[] { "Student's Course Withdrawal Date", "Withdrawal Date", "WithdrawalDate", "Course Withdrawal Date", "Date Withdrawn" },
            (r, v, p) => r.StudentsCourseWithdrawalDate = DxpValues.Date(v, "studentsCourseWithdrawalDate", p)),
        B<CourseEnrolmentRecord>("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment",
            new[] { "Category of Fees Assessment", "Category of Fees", "CategoryOfFees", "Fees Category", "FeesCategory", "Category of Fees Assessment for International Students" },
            (r, v, p) => r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("intramuralExtramuralAttendance", new[] { "Intramural/Extramural Attendance", "Attendance", "Mode of Attendance", "IntExt" },
            (r, v, p) => r.IntramuralExtramuralAttendance = DxpValues.Integer(v, "intramuralExtramuralAttendance", p)),
        B<CourseEnrolmentRecord>("courseDeliverySite", new[] { "Delivery Site", "DeliverySite", "Site", "Campus" }, (r, v, p) => r.CourseDeliverySite = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("sourceOfFunding", new[] { "Funding Source", "FundingSource", "SoF", "Fund Source" }, (r, v, p) => r.SourceOfFunding = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("residentialStatus", new[] { "Residency", "NZ Resident", "Resident Status" }, (r, v, p) => r.ResidentialStatus = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("australianResidentialStatus", new[] { "Australian Resident", "Australian Permanent Resident", "AUS Resident", "AusResident" },
            (r, v, p) => r.AustralianResidentialStatus = DxpValues.Boolean(v, "australianResidentialStatus", p)),
        B<CourseEnrolmentRecord>("fundingCategory", new[] { "Funding Cat", "FundingCat" }, (r, v, p) => r.FundingCategory = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("courseClassification", new[] { "Classification", "Course Class" }, (r, v, p) => r.CourseClassification = DxpValues.Decimal(v, "courseClassification", p)),
        B<CourseEnrolmentRecord>("nzscedFieldOfStudy", new[] { "NZSCED", "Field of Study", "FieldOfStudy", "NZSCED Field" }, (r, v, p) => r.NzscedFieldOfStudy = ValueReader.Text(v)),
        B<CourseEnrolmentRecord>("courseEftsFactor", new[] { "EFTS Factor", "EftsFactor", "EFTS", "Course EFTS" }, (r, v, p) => r.CourseEftsFactor = DxpValues.Decimal(v, "courseEftsFactor", p)),
        B<CourseEnrolmentRecord>("eftsByMonth", new[] { "EFTS by Month", "Monthly EFTS", "EftsMonths" }, (r, v, p) => r.EftsByMonth = DxpValues.Decimals(v, "eftsByMonth", p)),
        B<CourseEnrolmentRecord>("nationalStudentNumber", new[] { "NSN", "National Student Number", "NSN Number" },
            (r, v, p) => r.NationalStudentNumber = DxpValues.Integer(v, "nationalStudentNumber", p)),
        B<CourseEnrolmentRecord>("consortium", new[] { "Consortium Code" }, (r, v, p) => r.Consortium = DxpValues.Integer(v, "consortium", p)),
        B<CourseEnrolmentRecord>("iteSector", new[] { "ITE Sector" }, (r, v, p) => r.IteSector = DxpValues.Integer(v, "iteSector", p)),
        B<CourseEnrolmentRecord>("iteSubject", new[] { "ITE Subject", "ITE Subjects", "IteSubjects" }, (r, v, p) => r.IteSubject = DxpValues.Texts(v)),
    };

    public static readonly IReadOnlyList<PropertyBinding<QualificationCompletionRecord>> QualificationCompletion = new[]
    {
        B<QualificationCompletionRecord>("localId", new[] { "Local ID", "LocalIdentifier", "Record ID" }, (r, v, p) => r.LocalId = ValueReader.Text(v), required: true),
        B<QualificationCompletionRecord>("studentIdentificationCode", new[] { "Student ID", "StudentId", "Student Id Code", "Student Number", "Student Code", "SIC" },
            (r, v, p) => r.StudentIdentificationCode = ValueReader.Text(v), required: true),
        B<QualificationCompletionRecord>("nationalStudentNumber", new[] { "NSN", "National Student Number", "NSN Number" },
            (r, v, p) => r.NationalStudentNumber = DxpValues.Integer(v, "nationalStudentNumber", p)),
        B<QualificationCompletionRecord>("qualificationCode", new[] { "Qualification", "Qual Code", "QualCode", "Programme Code" }, (r, v, p) => r.QualificationCode = ValueReader.Text(v), required: true),
        B<QualificationCompletionRecord>("yearRequirementsMet", new[] { "Year Met", "YearMet", "Completion Year", "Year Completed" },
            (r, v, p) => r.YearRequirementsMet = DxpValues.Integer(v, "yearRequirementsMet", p)),
        B<QualificationCompletionRecord>("irdNumber", new[] { "IRD", "IRD No", "IRD Number", "Tax Number" }, (r, v, p) => r.IrdNumber = ValueReader.Text(v)),
        B<QualificationCompletionRecord>("qualificationCompletionDate", new[] { "Completion Date", "CompletionDate", "Date Completed" },
            (r, v, p) => r.QualificationCompletionDate = DxpValues.Date(v, "qualificationCompletionDate", p), required: true),
        B<QualificationCompletionRecord>("linkedQualificationCodeForFeesFree", new[] { "Linked Qualification Code", "Linked Qualification", "LinkedQualCode" },
            (r, v, p) => r.LinkedQualificationCodeForFeesFree = ValueReader.Text(v)),
    };

    public static readonly IReadOnlyList<PropertyBinding<DxpLearnerRecord>> Learner = new[]
    {
        B<DxpLearnerRecord>("localId", new[] { "Local ID", "LocalIdentifier", "Record ID" }, (r, v, p) => r.LocalId = ValueReader.Text(v)),
        B<DxpLearnerRecord>("studentIdentificationCode", new[] { "Student ID", "StudentId", "Student Id Code", "Student Number", "Student Code", "SIC" },
            (r, v, p) => r.StudentIdentificationCode = ValueReader.Text(v), required: true),
        B<DxpLearnerRecord>("gender", new[] { "Sex" }, (r, v, p) => r.Gender = ValueReader.Text(v)),
        B<DxpLearnerRecord>("dateOfBirth", new[] { "DOB", "Birth Date", "BirthDate", "Date of Birth" }, (r, v, p) => r.DateOfBirth = DxpValues.Date(v, "dateOfBirth", p)),
        B<DxpLearnerRecord>("totalFeeForDomesticStudent", new[] { "Total Fee", "Total Fee for Domestic Student", "Domestic Fee", "Total Fees" },
            (r, v, p) => r.TotalFeeForDomesticStudent = DxpValues.Decimal(v, "totalFeeForDomesticStudent", p)),
        B<DxpLearnerRecord>("nameIdCode", new[] { "Name ID Code", "Name ID", "NameId" }, (r, v, p) => r.NameIdCode = ValueReader.Text(v)),
        B<DxpLearnerRecord>("nationalStudentNumber", new[] { "NSN", "National Student Number", "NSN Number" },
            (r, v, p) => r.NationalStudentNumber = DxpValues.Integer(v, "nationalStudentNumber", p)),
        B<DxpLearnerRecord>("irdNumber", new[] { "IRD", "IRD No", "IRD Number", "Tax Number" }, (r, v, p) => r.IrdNumber = ValueReader.Text(v)),
        B<DxpLearnerRecord>("countryOfCitizenship", new[] { "Citizenship", "Country of Citizenship", "Citizenship Country" }, (r, v, p) => r.CountryOfCitizenship = ValueReader.Text(v)),
        B<DxpLearnerRecord>("ethnicity", new[] { "Ethnicities", "Ethnic Group", "Ethnic Groups" }, (r, v, p) => r.Ethnicity = DxpValues.Texts(v)),
        B<DxpLearnerRecord>("iwi", new[] { "Iwi Affiliation", "Iwi Affiliations" }, (r, v, p) => r.Iwi = DxpValues.Texts(v)),
        B<DxpLearnerRecord>("disabilityStatus", new[] { "Disability", "Disability Status" }, (r, v, p) => r.DisabilityStatus = DxpValues.Integer(v, "disabilityStatus", p)),
        B<DxpLearnerRecord>("familyName", new[] { "Surname", "Family Name", "Last Name", "LastName", "Legal Surname" }, (r, v, p) => r.FamilyName = ValueReader.Text(v)),
        B<DxpLearnerRecord>("firstName", new[] { "First Name", "Given Name", "GivenName", "Forename", "First Legal Name", "Legal First Name" }, (r, v, p) => r.FirstName = ValueReader.Text(v)),
    };

    public static readonly IReadOnlyList<PropertyBinding<DxpCourseRecord>> Course = new[]
    {
        B<DxpCourseRecord>("localId", new[] { "Local ID", "LocalIdentifier", "Record ID" }, (r, v, p) => r.LocalId = ValueReader.Text(v)),
        B<DxpCourseRecord>("courseCode", new[] { "Course", "Course ID", "Paper Code" }, (r, v, p) => r.CourseCode = ValueReader.Text(v), required: true),
        B<DxpCourseRecord>("courseTitle", new[] { "Title", "Course Name", "CourseName", "Paper Title" }, (r, v, p) => r.CourseTitle = ValueReader.Text(v)),
        B<DxpCourseRecord>("qualificationCode", new[] { "Qualification", "Qual Code", "QualCode", "Programme Code" }, (r, v, p) => r.QualificationCode = ValueReader.Text(v)),
        B<DxpCourseRecord>("discountedCourseTuitionFee", new[] { "Discounted Course Tuition Fee", "Discounted Tuition Fee" },
            (r, v, p) => r.DiscountedCourseTuitionFee = DxpValues.Decimal(v, "discountedCourseTuitionFee", p)),
        B<DxpCourseRecord>("discountedCompulsoryCourseCostsFee", new[] { "Discounted Compulsory Course Costs Fee", "Discounted CCC Fee" },
            (r, v, p) => r.DiscountedCompulsoryCourseCostsFee = DxpValues.Decimal(v, "discountedCompulsoryCourseCostsFee", p)),
        B<DxpCourseRecord>("learningHours", new[] { "Learning Hours" }, (r, v, p) => r.LearningHours = DxpValues.Decimal(v, "learningHours", p)),
        B<DxpCourseRecord>("volumeResearchFactor", new[] { "Volume Research Factor", "VRF" }, (r, v, p) => r.VolumeResearchFactor = DxpValues.Decimal(v, "volumeResearchFactor", p)),
    };

    public static readonly IReadOnlyList<PropertyBinding<DxpCourseCompletionRecord>> CourseCompletion = new[]
    {
        B<DxpCourseCompletionRecord>("localId", new[] { "Local ID", "LocalIdentifier", "Record ID" }, (r, v, p) => r.LocalId = ValueReader.Text(v), required: true),
        B<DxpCourseCompletionRecord>("studentIdentificationCode", new[] { "Student ID", "StudentId", "Student Id Code", "Student Number", "Student Code", "SIC" },
            (r, v, p) => r.StudentIdentificationCode = ValueReader.Text(v), required: true),
        B<DxpCourseCompletionRecord>("courseCode", new[] { "Course", "Course ID", "Paper Code" }, (r, v, p) => r.CourseCode = ValueReader.Text(v), required: true),
        B<DxpCourseCompletionRecord>("nationalStudentNumber", new[] { "NSN", "National Student Number", "NSN Number" },
            (r, v, p) => r.NationalStudentNumber = DxpValues.Integer(v, "nationalStudentNumber", p)),
        B<DxpCourseCompletionRecord>("courseStartDate", new[] { "Start Date", "StartDate", "Course Start" }, (r, v, p) => r.CourseStartDate = DxpValues.Date(v, "courseStartDate", p)),
        B<DxpCourseCompletionRecord>("courseEndDate", new[] { "End Date", "EndDate", "Course End", "Course Finish Date" }, (r, v, p) => r.CourseEndDate = DxpValues.Date(v, "courseEndDate", p)),
        B<DxpCourseCompletionRecord>("courseCompletionCode", new[] { "Completion Code", "Course Completion", "Completion", "Completion Indicator", "Student Course Completion" },
            (r, v, p) => r.CourseCompletionCode = ValueReader.Text(v)),
    };

    private static PropertyBinding<T> B<T>(string name, string[] aliases, Action<T, object, List<RecordProblem>> assign, bool required = false) => new PropertyBinding<T>(name, aliases, assign, required);
}

/// <summary>Value readers for DXP fields; a value that cannot be read becomes a problem naming the field (never a throw).</summary>
public static class DxpValues
{
    public static DateTime? Date(object value, string field, List<RecordProblem> problems)
    {
        switch (value)
        {
            case null: return null;
            case DateTime d: return NzDate.FromDateTime(d);
            case DateTimeOffset o: return NzDate.FromWritten(o);
        }
        var text = ValueReader.Text(value);
        if (text == null) return null;
        if (NzDate.TryParse(text, out var date)) return date;
        problems.Add(new RecordProblem("DxpInvalidDate", field, CalendarDate.NotADate(field, text)));
        return null;
    }

    public static int? Integer(object value, string field, List<RecordProblem> problems) =>
        ValueReader.Integer(value, field, problems, "DxpInvalidNumber");

    public static decimal? Decimal(object value, string field, List<RecordProblem> problems)
    {
        switch (value)
        {
            case null: return null;
            case decimal m: return m;
            case int i: return i;
            case long l: return l;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d): return (decimal)d;
            case float f when !float.IsNaN(f) && !float.IsInfinity(f): return (decimal)f;
        }
        var text = ValueReader.Text(value);
        if (text == null) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        problems.Add(new RecordProblem("DxpInvalidNumber", field, $"{field} '{text}' is not a number (use a point for decimals: 0.1250)."));
        return null;
    }

    public static decimal[] Decimals(object value, string field, List<RecordProblem> problems)
    {
        if (value == null) return null;
        IEnumerable<object> items;
        if (value is string s)
        {
            var parts = s.Split(new[] { ';', '|', ' ', ',' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) return null;
            items = parts;
        }
        else if (value is IEnumerable e) items = e.Cast<object>().Select(o => o is System.Management.Automation.PSObject p ? p.BaseObject : o);
        else items = new[] { value };
        var list = new List<decimal>();
        foreach (var item in items)
        {
            var before = problems.Count;
            var d = Decimal(item, field, problems);
            if (problems.Count > before) return null;
            if (d.HasValue) list.Add(d.Value);
        }
        return list.Count == 0 ? null : list.ToArray();
    }

    public static string[] Texts(object value)
    {
        if (value == null) return null;
        IEnumerable<object> items = value is string s ? s.Split(';') : value is IEnumerable e ? e.Cast<object>() : new[] { value };
        var list = items.Select(o => ValueReader.Text(o is System.Management.Automation.PSObject p ? p.BaseObject : o)).Where(t => t != null).ToArray();
        return list.Length == 0 ? null : list;
    }

    public static bool? Boolean(object value, string field, List<RecordProblem> problems)
    {
        switch (value)
        {
            case null: return null;
            case bool b: return b;
            case System.Management.Automation.SwitchParameter sw: return sw.IsPresent;
        }
        var text = ValueReader.Text(value);
        if (text == null) return null;
        switch (text.ToUpperInvariant())
        {
            case "Y": case "YES": case "TRUE": case "1": return true;
            case "N": case "NO": case "FALSE": case "0": return false;
        }
        problems.Add(new RecordProblem("DxpInvalidBoolean", field, $"{field} '{text}' is not Y/N or true/false."));
        return null;
    }
}
