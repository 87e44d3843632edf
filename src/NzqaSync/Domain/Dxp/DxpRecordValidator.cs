using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NzqaSync.Domain.Dxp
{
    public enum DxpProblemSeverity
    {
        /// <summary>DXP would reject the record: do not send it.</summary>
        Error,
        /// <summary>DXP would accept it but flag it (e.g. "optional until 2026 and a warning will be displayed").</summary>
        Warning,
    }

    /// <summary>One rule a record breaks. <see cref="Field"/> is the seed's camelCase name; <see cref="Code"/> a stable id.</summary>
    public sealed class DxpFieldProblem
    {
        public DxpFieldProblem(string field, string code, string message, DxpProblemSeverity severity = DxpProblemSeverity.Error, string localId = null)
        {
            Field = field;
            Code = code;
            Message = message;
            Severity = severity;
            LocalId = localId;
        }

        public string Field { get; }
        public string Code { get; }
        public string Message { get; }
        public DxpProblemSeverity Severity { get; }
        public string LocalId { get; }

        public override string ToString() => $"{Code} {Field}: {Message}";
    }

    /// <summary>
    /// Checks every rule of the seeds before a record is sent (run <see cref="DxpRecordNormaliser"/> first).
    /// Messages quote the seed's wording. Code ids: DxpFieldRequired, DxpFieldTooLong, DxpCodeNotInList,
    /// DxpCodeHistoric (warning), DxpIrdInvalid, DxpEftsPrecision, DxpEftsMonthCount, DxpEftsSum,
    /// DxpNumberInvalid, DxpNsnInvalid, DxpDateOrder, DxpWithdrawalAfterEnd (warning), DxpConsortiumRequired,
    /// DxpIteSectorMissing (warning before 2026, error from 2026), DxpIteSubjectCount, DxpIteSubjectTooLong, DxpYearFormat,
    /// DxpYearMismatch (warning), DxpFormatInvalid, DxpFeesNotDomestic, DxpStartYear, DxpFieldTooMany. DxpEftsSum is an error.
    /// </summary>
    public static class DxpRecordValidator
    {
        /// <param name="returnYear">The year of the return the record goes to; the rules that depend on it (course start
        /// year, ITE sector from 2026) are checked only when it is given.</param>
        public static IReadOnlyList<DxpFieldProblem> Validate(CourseEnrolmentRecord r, int? returnYear = null)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("studentIdentificationCode", r.StudentIdentificationCode, 10, "Student Identification Code");
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

            var factorOk = false;
            if (!r.CourseEftsFactor.HasValue)
                p.Required("courseEftsFactor", null, "Course EFTS Factor");
            else if (EftsByMonth.DecimalPlaces(r.CourseEftsFactor.Value) > 4)
                p.Add("courseEftsFactor", "DxpEftsPrecision",
                    $"courseEftsFactor: {Num(r.CourseEftsFactor.Value)} — \"The value is expressed as a decimal rounded to four decimal places – e.g., 0.0125.\"");
            else if (r.CourseEftsFactor < 0 || r.CourseEftsFactor >= 10)
                p.Add("courseEftsFactor", "DxpNumberInvalid", $"courseEftsFactor: {Num(r.CourseEftsFactor.Value)} is not \"Type: Numeric (1,4)\" (0 to 9.9999).");
            else factorOk = true;

            if (r.EftsByMonth == null || r.EftsByMonth.Length == 0)
                p.Required("eftsByMonth", null, "EFTS by Month");
            else
            {
                var precisionOk = true;
                for (var i = 0; i < r.EftsByMonth.Length; i++)
                {
                    var v = r.EftsByMonth[i];
                    if (EftsByMonth.DecimalPlaces(v) > 4 || v < 0 || v >= 10)
                    {
                        precisionOk = false;
                        p.Add("eftsByMonth", "DxpEftsPrecision",
                            $"eftsByMonth[{i}]: {Num(v)} — \"The value is expressed as a decimal rounded to four decimal places – e.g., 0.0010.\"");
                    }
                }
                if (r.CourseStartDate.HasValue && r.CourseEndDate.HasValue)
                {
                    var months = EftsByMonth.MonthsInclusive(r.CourseStartDate.Value, r.CourseEndDate.Value);
                    if (months >= 1 && r.EftsByMonth.Length != months)
                        p.Add("eftsByMonth", "DxpEftsMonthCount",
                            $"eftsByMonth has {r.EftsByMonth.Length} values but the course spans {months} calendar months: \"Course EFTS factor ÷ Course Finish Month - Course Start Month (inclusive)\".");
                }
                // An error, not a warning: EFTS by month is "the portion of the course EFTS factor for each month", so
                // the portions must add back to the factor (api-facts.md).
                if (precisionOk && factorOk && r.EftsByMonth.Sum() != r.CourseEftsFactor.Value)
                    p.Add("eftsByMonth", "DxpEftsSum",
                        $"eftsByMonth adds up to {Num(r.EftsByMonth.Sum())}, not the courseEftsFactor {Num(r.CourseEftsFactor.Value)}: \"The portion of the course EFTS factor for each month of enrolment\", \"evenly dividing the course EFTS factor by the number of calendar months the learner is enrolled\".");
            }

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

        public static IReadOnlyList<DxpFieldProblem> Validate(QualificationCompletionRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("studentIdentificationCode", r.StudentIdentificationCode, 10, "Student Identification Code");
            p.Nsn(r.NationalStudentNumber);
            if (p.Text("qualificationCode", r.QualificationCode, 6, "Qualification Code")) p.QualificationFormat("qualificationCode", r.QualificationCode, allowNonFormal: false);
            if (!string.IsNullOrWhiteSpace(r.StudentIdentificationCode) && r.StudentIdentificationCode.Length <= 10 && !DxpCodes.IsAlphanumeric(r.StudentIdentificationCode))
                p.Add("studentIdentificationCode", "DxpFormatInvalid", $"studentIdentificationCode '{r.StudentIdentificationCode}': \"Type: Alpha-Numeric\".");
            var yearOk = false;
            if (!r.YearRequirementsMet.HasValue)
                p.Required("yearRequirementsMet", null, "Year Requirements Met");
            else if (r.YearRequirementsMet < 1000 || r.YearRequirementsMet > 9999)
                p.Add("yearRequirementsMet", "DxpYearFormat", $"yearRequirementsMet: {r.YearRequirementsMet} — \"Enter the year in the format YYYY - e.g., 2023.\"");
            else yearOk = true;
            // The schema marks it optional but the text says "This field is mandatory."
            p.Required("qualificationCompletionDate", r.QualificationCompletionDate, "Qualification Completion Date");
            // "should align": a warning, not a refusal.
            if (yearOk && r.QualificationCompletionDate.HasValue && NzDate.FromDateTime(r.QualificationCompletionDate.Value).Year != r.YearRequirementsMet)
                p.Add("yearRequirementsMet", "DxpYearMismatch",
                    $"yearRequirementsMet {r.YearRequirementsMet} differs from the year of qualificationCompletionDate {Day(r.QualificationCompletionDate)}: \"This should align with what is reported for the 'Year Requirements Met' field.\"",
                    DxpProblemSeverity.Warning);
            if (r.IrdNumber != null)
            {
                if (r.IrdNumber.Length > 11)
                    p.Add("irdNumber", "DxpFieldTooLong", $"irdNumber: Length: 11 — \"Possible values: length ≤ 11\" (got {r.IrdNumber.Length}).");
                else if (IrdNumber.Check(r.IrdNumber) is string why)
                    p.Add("irdNumber", "DxpIrdInvalid",
                        $"irdNumber '{r.IrdNumber}': {why}. \"IRD numbers are either eight or nine digits with dashes e.g., 123-456-789. Please enter leading zero in the first box if your IRD number is only 8 digits.\"");
            }
            if (r.LinkedQualificationCodeForFeesFree != null && r.LinkedQualificationCodeForFeesFree.Length > 6)
                p.Add("linkedQualificationCodeForFeesFree", "DxpFieldTooLong",
                    $"linkedQualificationCodeForFeesFree: Length: 6 — \"Possible values: length ≤ 6\" (got {r.LinkedQualificationCodeForFeesFree.Length}).");
            else if (!string.IsNullOrWhiteSpace(r.LinkedQualificationCodeForFeesFree))
                p.QualificationFormat("linkedQualificationCodeForFeesFree", r.LinkedQualificationCodeForFeesFree, allowNonFormal: false);
            return p.List;
        }

        /// <summary>
        /// The learner page's rules as far as it was seen (to nameIdCode); fields after it are our assumption and are
        /// checked only for their known length or form (IRD check digit, NSN > 0).
        /// </summary>
        public static IReadOnlyList<DxpFieldProblem> Validate(DxpLearnerRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("studentIdentificationCode", r.StudentIdentificationCode, 10, "Student Identification Code");
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
            if (r.IrdNumber != null)
            {
                if (r.IrdNumber.Length > 11)
                    p.Add("irdNumber", "DxpFieldTooLong", $"irdNumber: Length: 11 — \"Possible values: length ≤ 11\" (got {r.IrdNumber.Length}).");
                else if (IrdNumber.Check(r.IrdNumber) is string why)
                    p.Add("irdNumber", "DxpIrdInvalid", $"irdNumber '{r.IrdNumber}': {why}. \"IRD numbers are either eight or nine digits with dashes e.g., 123-456-789.\"");
            }
            if (r.CountryOfCitizenship != null && r.CountryOfCitizenship.Length > 4)
                p.Add("countryOfCitizenship", "DxpFieldTooLong", $"countryOfCitizenship: at most 4 characters (got {r.CountryOfCitizenship.Length}).");
            if (r.Ethnicity != null && r.Ethnicity.Length > 6)
                p.Add("ethnicity", "DxpFieldTooMany", $"ethnicity has {r.Ethnicity.Length} values: up to six can be reported.");
            return p.List;
        }

        /// <summary>The course register page's rules as far as it was seen (to qualificationCode).</summary>
        public static IReadOnlyList<DxpFieldProblem> Validate(DxpCourseRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("courseCode", r.CourseCode, 20, "Course Code");
            p.Text("courseTitle", r.CourseTitle, 75, "Course Title");
            p.Text("qualificationCode", r.QualificationCode, 6, "Qualification Code");
            foreach (var (field, value) in new[] { ("discountedCourseTuitionFee", r.DiscountedCourseTuitionFee), ("discountedCompulsoryCourseCostsFee", r.DiscountedCompulsoryCourseCostsFee) })
                if (value.HasValue && (value < 0 || EftsByMonth.DecimalPlaces(value.Value) > 2))
                    p.Add(field, "DxpNumberInvalid", $"{field}: {Num(value.Value)} is not an amount in dollars and cents.");
            return p.List;
        }

        /// <summary>The course completion page's rules as far as it was seen (to courseCode); the rest is accepted within its known length.</summary>
        public static IReadOnlyList<DxpFieldProblem> Validate(DxpCourseCompletionRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("studentIdentificationCode", r.StudentIdentificationCode, 10, "Student Identification Code");
            p.Text("courseCode", r.CourseCode, 20, "Course Code");
            if (r.NationalStudentNumber.HasValue) p.Nsn(r.NationalStudentNumber);
            if (r.CourseStartDate.HasValue && r.CourseEndDate.HasValue && r.CourseEndDate.Value.Date < r.CourseStartDate.Value.Date)
                p.Add("courseEndDate", "DxpDateOrder", $"courseEndDate {Day(r.CourseEndDate)} is before courseStartDate {Day(r.CourseStartDate)}.");
            if (r.CourseCompletionCode != null && r.CourseCompletionCode.Length > 2)
                p.Add("courseCompletionCode", "DxpFieldTooLong", $"courseCompletionCode: at most 2 characters (got {r.CourseCompletionCode.Length}).");
            return p.List;
        }

        /// <summary>Dispatches on the record's type.</summary>
        public static IReadOnlyList<DxpFieldProblem> Validate(IDxpRecord record, int? returnYear = null)
        {
            switch (record)
            {
                case CourseEnrolmentRecord ce: return Validate(ce, returnYear);
                case QualificationCompletionRecord qc: return Validate(qc);
                case DxpLearnerRecord l: return Validate(l);
                case DxpCourseRecord c: return Validate(c);
                case DxpCourseCompletionRecord cc: return Validate(cc);
                case null: throw new ArgumentNullException(nameof(record));
                default: throw new NotSupportedException($"No rules are defined for {record.GetType().Name}.");
            }
        }

        /// <summary>True when none of the problems is an error (warnings do not stop a record).</summary>
        public static bool CanSend(IEnumerable<DxpFieldProblem> problems) => problems.All(x => x.Severity != DxpProblemSeverity.Error);

        private static string Day(DateTime? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

        private sealed class Problems
        {
            private readonly string _localId;
            public Problems(string localId) => _localId = localId;
            public readonly List<DxpFieldProblem> List = new List<DxpFieldProblem>();

            public void Add(string field, string code, string message, DxpProblemSeverity severity = DxpProblemSeverity.Error) =>
                List.Add(new DxpFieldProblem(field, code, message, severity, _localId));

            public void Required(string field, object value, string title)
            {
                if (value == null) Add(field, "DxpFieldRequired", $"{field} ({title}) is required: \"This field is mandatory.\"");
            }

            /// <summary>A mandatory string of 1..max characters (max 0 = no upper bound); true when present and within length.</summary>
            public bool Text(string field, string value, int max, string title)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    Add(field, "DxpFieldRequired", $"{field} ({title}) is required: \"This field is mandatory.\" (\"Possible values: 1 ≤ length{(max > 0 ? " ≤ " + max : "")}\")");
                    return false;
                }
                if (max > 0 && value.Length > max)
                {
                    Add(field, "DxpFieldTooLong", $"{field}: Length: {max} — \"Possible values: 1 ≤ length ≤ {max}\": must be 1–{max} characters (got {value.Length}).");
                    return false;
                }
                return true;
            }

            /// <summary>
            /// "The value should be a six alpha-numeric code from the SDR Qualifications Register"; non-formal education
            /// (course enrolments only): G9999 (≤ 40 hours) or the GFFSSX model ("G is community; FF is field of study;
            /// SS is sub-field; X is digit 0-9", e.g. G48017).
            /// </summary>
            public void QualificationFormat(string field, string code, bool allowNonFormal)
            {
                if (code.Length > 6) return; // reported as too long already
                if (allowNonFormal && DxpCodes.IsNonFormalQualification(code)) return;
                if (code.Length == 6 && DxpCodes.IsAlphanumeric(code)) return;
                Add(field, "DxpFormatInvalid", allowNonFormal
                    ? $"{field} '{code}': \"The value should be a six alpha-numeric code from the SDR Qualifications Register\" (or G9999, or the model GFFSSX such as G48017 for community education)."
                    : $"{field} '{code}': \"The value should be a six alpha-numeric code as on the SDR Qualifications Register\".");
            }

            public void Nsn(int? nsn)
            {
                if (!nsn.HasValue) Required("nationalStudentNumber", null, "National Student Number");
                else if (nsn <= 0)
                    Add("nationalStudentNumber", "DxpNsnInvalid",
                        $"nationalStudentNumber: {nsn} — \"This number must be the value generated by the National Student Index (NSI) for the learner.\" (a positive int32).");
            }
        }
    }
}
