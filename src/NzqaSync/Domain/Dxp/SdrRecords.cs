namespace NzqaSync.Domain.Dxp;

/// <summary>
/// One learner of the Single Data Return, as sent to <c>PUT /submissions/v1.0/learners</c> (TEC's "Upload learner data
/// to the submission"; shared/docs/dxp-sdr-fields.md §2). The page was seen up to <c>nameIdCode</c>: the fields after it
/// (NSN, IRD number, citizenship, ethnicity, iwi, disability status) carry JSON names that are our assumption and are
/// accepted within their known length only. <see cref="FamilyName"/> and <see cref="FirstName"/> are never sent: they
/// derive <see cref="NameIdCode"/> when it is missing.
/// </summary>
public sealed class DxpLearnerRecord : IDxpRecord, IUnreadCells, IImportedColumns
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }
    int? IImportedColumns.SourceLine { get; set; }
    /// <summary>Its localId and what it is about (<see cref="DxpRecordName"/>).</summary>
    public override string ToString() => DxpRecordName.Of(this);

    public const string DatasetName = "learners";

    public string Dataset => DatasetName;

    public string LocalId { get; set; }

    /// <summary>1–10 characters, mandatory; "must remain constant for the learner throughout their enrolment history".</summary>
    public string StudentIdentificationCode { get; set; }

    /// <summary>M Male, F Female, D Another gender.</summary>
    public string Gender { get; set; }

    public DateTime? DateOfBirth { get; set; }

    /// <summary>Numeric (8,2), dollars including GST, for the whole year; not marked required.</summary>
    public decimal? TotalFeeForDomesticStudent { get; set; }

    /// <summary>1–5 characters: four of the surname (blank-padded) and the first initial, upper case; derived when missing.</summary>
    public string NameIdCode { get; set; }

    /// <summary>Assumption: the name the enrolment and completion pages use.</summary>
    public int? NationalStudentNumber { get; set; }

    /// <summary>Assumption (UQC says the learner file carries it): ≤ 11 characters, sent "049-091-850".</summary>
    public string IrdNumber { get; set; }

    /// <summary>Assumption (the work-based API's name): ≤ 4 characters.</summary>
    public string CountryOfCitizenship { get; set; }

    /// <summary>Assumption: up to six values (SELMA: "up to six"), sent as an array.</summary>
    public string[] Ethnicity { get; set; }

    /// <summary>Assumption: an array of iwi codes.</summary>
    public string[] Iwi { get; set; }

    /// <summary>Assumption (the work-based API's definition): 1 Yes, 2 No, 3 Prefer not to say; accepted as given.</summary>
    public int? DisabilityStatus { get; set; }

    /// <summary>Local only: derives <see cref="NameIdCode"/>.</summary>
    [NotSent] public string FamilyName { get; set; }

    /// <summary>Local only: the first legal name, whose initial ends <see cref="NameIdCode"/>.</summary>
    [NotSent] public string FirstName { get; set; }
}

/// <summary>
/// One course of the course register, as sent to <c>PUT /submissions/v1.0/courses</c> (path: assumption). TEC's page
/// was seen up to <c>qualificationCode</c>; the fee, learning hours and research factor fields after it are our
/// assumption (SELMA names them; their JSON names are not seen).
/// </summary>
public sealed class DxpCourseRecord : IDxpRecord, IUnreadCells, IImportedColumns
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }
    int? IImportedColumns.SourceLine { get; set; }
    /// <summary>Its localId and what it is about (<see cref="DxpRecordName"/>).</summary>
    public override string ToString() => DxpRecordName.Of(this);

    public const string DatasetName = "courses";

    public string Dataset => DatasetName;

    public string LocalId { get; set; }

    /// <summary>1–20 characters; "Every unique course in the course enrolment file should appear once, and once only, in the course register file."</summary>
    public string CourseCode { get; set; }

    /// <summary>1–75 characters.</summary>
    public string CourseTitle { get; set; }

    /// <summary>1–6 characters.</summary>
    public string QualificationCode { get; set; }

    public decimal? DiscountedCourseTuitionFee { get; set; }

    public decimal? DiscountedCompulsoryCourseCostsFee { get; set; }

    public decimal? LearningHours { get; set; }

    public decimal? VolumeResearchFactor { get; set; }
}

/// <summary>
/// One course completion, as sent to <c>PUT /submissions/v1.0/course-completions</c> (path: assumption). TEC's page was
/// seen up to <c>courseCode</c>; NSN, course start and end dates (TEC's matching rule: "NSN, TEO Code, Course Code, and
/// Course Start Date") and the completion code are our assumption, accepted within their known length.
/// </summary>
public sealed class DxpCourseCompletionRecord : IDxpRecord, IUnreadCells, IImportedColumns
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }
    int? IImportedColumns.SourceLine { get; set; }
    /// <summary>Its localId and what it is about (<see cref="DxpRecordName"/>).</summary>
    public override string ToString() => DxpRecordName.Of(this);

    public const string DatasetName = "course-completions";

    public string Dataset => DatasetName;

    public string LocalId { get; set; }

    public string StudentIdentificationCode { get; set; }

    public string CourseCode { get; set; }

    public int? NationalStudentNumber { get; set; }

    public DateTime? CourseStartDate { get; set; }

    public DateTime? CourseEndDate { get; set; }

    /// <summary>The completion code (written "02" by TEC, "0" for "Still to complete course - valid extension"); ≤ 2 characters.</summary>
    public string CourseCompletionCode { get; set; }
}
