using System;
using Newtonsoft.Json;

namespace NzqaSync.Domain.Dxp
{
    /// <summary>
    /// One learner of the Single Data Return, as sent to <c>PUT /submissions/v1.0/learners</c> (TEC's "Upload learner data
    /// to the submission"; shared/docs/dxp-sdr-fields.md §2). The page was seen up to <c>nameIdCode</c>: the fields after it
    /// (NSN, IRD number, citizenship, ethnicity, iwi, disability status) carry JSON names that are our assumption and are
    /// accepted within their known length only. <see cref="FamilyName"/> and <see cref="FirstName"/> are never sent: they
    /// derive <see cref="NameIdCode"/> when it is missing.
    /// </summary>
    public sealed class DxpLearnerRecord : IDxpRecord
    {
        public const string DatasetName = "learners";

        [JsonIgnore] public string Dataset => DatasetName;

        [JsonProperty("localId")] public string LocalId { get; set; }

        /// <summary>1–10 characters, mandatory; "must remain constant for the learner throughout their enrolment history".</summary>
        [JsonProperty("studentIdentificationCode")] public string StudentIdentificationCode { get; set; }

        /// <summary>M Male, F Female, D Another gender.</summary>
        [JsonProperty("gender")] public string Gender { get; set; }

        [JsonProperty("dateOfBirth"), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? DateOfBirth { get; set; }

        /// <summary>Numeric (8,2), dollars including GST, for the whole year; not marked required.</summary>
        [JsonProperty("totalFeeForDomesticStudent", NullValueHandling = NullValueHandling.Ignore)]
        public decimal? TotalFeeForDomesticStudent { get; set; }

        /// <summary>1–5 characters: four of the surname (blank-padded) and the first initial, upper case; derived when missing.</summary>
        [JsonProperty("nameIdCode")] public string NameIdCode { get; set; }

        /// <summary>Assumption: the name the enrolment and completion pages use.</summary>
        [JsonProperty("nationalStudentNumber", NullValueHandling = NullValueHandling.Ignore)] public int? NationalStudentNumber { get; set; }

        /// <summary>Assumption (UQC says the learner file carries it): ≤ 11 characters, sent "049-091-850".</summary>
        [JsonProperty("irdNumber", NullValueHandling = NullValueHandling.Ignore)] public string IrdNumber { get; set; }

        /// <summary>Assumption (the work-based API's name): ≤ 4 characters.</summary>
        [JsonProperty("countryOfCitizenship", NullValueHandling = NullValueHandling.Ignore)] public string CountryOfCitizenship { get; set; }

        /// <summary>Assumption: up to six values (SELMA: "up to six"), sent as an array.</summary>
        [JsonProperty("ethnicity", NullValueHandling = NullValueHandling.Ignore)] public string[] Ethnicity { get; set; }

        /// <summary>Assumption: an array of iwi codes.</summary>
        [JsonProperty("iwi", NullValueHandling = NullValueHandling.Ignore)] public string[] Iwi { get; set; }

        /// <summary>Assumption (the work-based API's definition): 1 Yes, 2 No, 3 Prefer not to say; accepted as given.</summary>
        [JsonProperty("disabilityStatus", NullValueHandling = NullValueHandling.Ignore)] public int? DisabilityStatus { get; set; }

        /// <summary>Local only: derives <see cref="NameIdCode"/>.</summary>
        [JsonIgnore] public string FamilyName { get; set; }

        /// <summary>Local only: the first legal name, whose initial ends <see cref="NameIdCode"/>.</summary>
        [JsonIgnore] public string FirstName { get; set; }
    }

    /// <summary>
    /// One course of the course register, as sent to <c>PUT /submissions/v1.0/courses</c> (path: assumption). TEC's page
    /// was seen up to <c>qualificationCode</c>; the fee, learning hours and research factor fields after it are our
    /// assumption (SELMA names them; their JSON names are not seen).
    /// </summary>
    public sealed class DxpCourseRecord : IDxpRecord
    {
        public const string DatasetName = "courses";

        [JsonIgnore] public string Dataset => DatasetName;

        [JsonProperty("localId")] public string LocalId { get; set; }

        /// <summary>1–20 characters; "Every unique course in the course enrolment file should appear once, and once only, in the course register file."</summary>
        [JsonProperty("courseCode")] public string CourseCode { get; set; }

        /// <summary>1–75 characters.</summary>
        [JsonProperty("courseTitle")] public string CourseTitle { get; set; }

        /// <summary>1–6 characters.</summary>
        [JsonProperty("qualificationCode")] public string QualificationCode { get; set; }

        [JsonProperty("discountedCourseTuitionFee", NullValueHandling = NullValueHandling.Ignore)] public decimal? DiscountedCourseTuitionFee { get; set; }

        [JsonProperty("discountedCompulsoryCourseCostsFee", NullValueHandling = NullValueHandling.Ignore)] public decimal? DiscountedCompulsoryCourseCostsFee { get; set; }

        [JsonProperty("learningHours", NullValueHandling = NullValueHandling.Ignore)] public decimal? LearningHours { get; set; }

        [JsonProperty("volumeResearchFactor", NullValueHandling = NullValueHandling.Ignore)] public decimal? VolumeResearchFactor { get; set; }
    }

    /// <summary>
    /// One course completion, as sent to <c>PUT /submissions/v1.0/course-completions</c> (path: assumption). TEC's page was
    /// seen up to <c>courseCode</c>; NSN, course start and end dates (TEC's matching rule: "NSN, TEO Code, Course Code, and
    /// Course Start Date") and the completion code are our assumption, accepted within their known length.
    /// </summary>
    public sealed class DxpCourseCompletionRecord : IDxpRecord
    {
        public const string DatasetName = "course-completions";

        [JsonIgnore] public string Dataset => DatasetName;

        [JsonProperty("localId")] public string LocalId { get; set; }

        [JsonProperty("studentIdentificationCode")] public string StudentIdentificationCode { get; set; }

        [JsonProperty("courseCode")] public string CourseCode { get; set; }

        [JsonProperty("nationalStudentNumber", NullValueHandling = NullValueHandling.Ignore)] public int? NationalStudentNumber { get; set; }

        [JsonProperty("courseStartDate", NullValueHandling = NullValueHandling.Ignore), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? CourseStartDate { get; set; }

        [JsonProperty("courseEndDate", NullValueHandling = NullValueHandling.Ignore), JsonConverter(typeof(NzDateJsonConverter))]
        public DateTime? CourseEndDate { get; set; }

        /// <summary>The completion code (written "02" by TEC, "0" for "Still to complete course - valid extension"); ≤ 2 characters.</summary>
        [JsonProperty("courseCompletionCode", NullValueHandling = NullValueHandling.Ignore)] public string CourseCompletionCode { get; set; }
    }
}
