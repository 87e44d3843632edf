using System;
using Newtonsoft.Json;

namespace NzqaSync.Domain.Dxp
{
    /// <summary>A record of one DXP content type: every record carries the caller's localId.</summary>
    public interface IDxpRecord
    {
        /// <summary>"An integrator generated unique identifier for this item." Unique within the submission's content type.</summary>
        string LocalId { get; set; }

        /// <summary>The content type's route segment, e.g. "course-enrolments".</summary>
        [JsonIgnore]
        string Dataset { get; }
    }

    /// <summary>
    /// One course enrolment (seed: tec-dxp-upload-course-enrolment.txt), as sent to
    /// <c>PUT /submissions/v1.0/course-enrolments</c>. Dates hold the New Zealand calendar date (time 00:00,
    /// <see cref="DateTimeKind.Unspecified"/>); on the wire they become NZ midnight with the Pacific/Auckland offset.
    /// </summary>
    public sealed class CourseEnrolmentRecord : IDxpRecord
    {
        public const string DatasetName = "course-enrolments";

        [JsonIgnore] public string Dataset => DatasetName;

        [JsonProperty("localId")] public string LocalId { get; set; }

        /// <summary>1–10 characters, mandatory.</summary>
        [JsonProperty("studentIdentificationCode")] public string StudentIdentificationCode { get; set; }

        /// <summary>1–6 characters, mandatory.</summary>
        [JsonProperty("qualificationCode")] public string QualificationCode { get; set; }

        /// <summary>1–20 characters, mandatory; no dates or years in it.</summary>
        [JsonProperty("courseCode")] public string CourseCode { get; set; }

        [JsonProperty("courseStartDate"), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? CourseStartDate { get; set; }

        [JsonProperty("courseEndDate"), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? CourseEndDate { get; set; }

        /// <summary>Optional: left blank unless the learner withdrew.</summary>
        [JsonProperty("studentsCourseWithdrawalDate", NullValueHandling = NullValueHandling.Ignore), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? StudentsCourseWithdrawalDate { get; set; }

        /// <summary>1–2 characters from the seed's list; sent as two digits ("00", "03", "12").</summary>
        [JsonProperty("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment")]
        public string CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment { get; set; }

        /// <summary>1 intramural NZ, 2 extramural NZ, 3 extramural overseas, 4 intramural overseas.</summary>
        [JsonProperty("intramuralExtramuralAttendance")] public int? IntramuralExtramuralAttendance { get; set; }

        /// <summary>1–2 characters ("01" main campus, "98" distance, "AA", "A1").</summary>
        [JsonProperty("courseDeliverySite")] public string CourseDeliverySite { get; set; }

        /// <summary>1–2 characters from the seed's current or historic funds; sent without a leading zero ("1", "37").</summary>
        [JsonProperty("sourceOfFunding")] public string SourceOfFunding { get; set; }

        /// <summary>"Y" or "N".</summary>
        [JsonProperty("residentialStatus")] public string ResidentialStatus { get; set; }

        [JsonProperty("australianResidentialStatus")] public bool? AustralianResidentialStatus { get; set; }

        /// <summary>1–2 characters from TEC's funding categories classification.</summary>
        [JsonProperty("fundingCategory")] public string FundingCategory { get; set; }

        /// <summary>Numeric (2,1).</summary>
        [JsonProperty("courseClassification")] public decimal? CourseClassification { get; set; }

        /// <summary>1–6 characters from NZSCED.</summary>
        [JsonProperty("nzscedFieldOfStudy")] public string NzscedFieldOfStudy { get; set; }

        /// <summary>Numeric (1,4): four decimals at most.</summary>
        [JsonProperty("courseEftsFactor")] public decimal? CourseEftsFactor { get; set; }

        /// <summary>One value per calendar month enrolled, four decimals; derived by <see cref="EftsByMonth.Compute"/> when missing.</summary>
        [JsonProperty("eftsByMonth")] public decimal[] EftsByMonth { get; set; }

        [JsonProperty("nationalStudentNumber")] public int? NationalStudentNumber { get; set; }

        /// <summary>Mandatory for funding source 28 or 29.</summary>
        [JsonProperty("consortium", NullValueHandling = NullValueHandling.Ignore)] public int? Consortium { get; set; }

        /// <summary>1 Early Childhood, 2 Primary, 3 Secondary.</summary>
        [JsonProperty("iteSector", NullValueHandling = NullValueHandling.Ignore)] public int? IteSector { get; set; }

        /// <summary>1–4 subjects (each up to 40 characters) when <see cref="IteSector"/> is 3.</summary>
        [JsonProperty("iteSubject", NullValueHandling = NullValueHandling.Ignore)] public string[] IteSubject { get; set; }
    }

    /// <summary>
    /// One qualification completion (seed: tec-dxp-upload-qualification-completion.txt), as sent to
    /// <c>PUT /submissions/v1.0/qualification-completions</c>.
    /// </summary>
    public sealed class QualificationCompletionRecord : IDxpRecord
    {
        public const string DatasetName = "qualification-completions";

        [JsonIgnore] public string Dataset => DatasetName;

        [JsonProperty("localId")] public string LocalId { get; set; }

        [JsonProperty("studentIdentificationCode")] public string StudentIdentificationCode { get; set; }

        [JsonProperty("nationalStudentNumber")] public int? NationalStudentNumber { get; set; }

        [JsonProperty("qualificationCode")] public string QualificationCode { get; set; }

        /// <summary>YYYY; must equal the New Zealand year of <see cref="QualificationCompletionDate"/>.</summary>
        [JsonProperty("yearRequirementsMet")] public int? YearRequirementsMet { get; set; }

        /// <summary>Optional; sent as "049-091-850" (nine digits, dashes) by the normaliser.</summary>
        [JsonProperty("irdNumber", NullValueHandling = NullValueHandling.Ignore)] public string IrdNumber { get; set; }

        [JsonProperty("qualificationCompletionDate"), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? QualificationCompletionDate { get; set; }

        [JsonProperty("linkedQualificationCodeForFeesFree", NullValueHandling = NullValueHandling.Ignore)]
        public string LinkedQualificationCodeForFeesFree { get; set; }
    }
}
