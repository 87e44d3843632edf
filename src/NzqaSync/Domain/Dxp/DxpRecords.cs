namespace NzqaSync.Domain.Dxp;

/// <summary>A record of one DXP content type: every record carries the caller's localId.</summary>
public interface IDxpRecord
{
    /// <summary>"An integrator generated unique identifier for this item." Unique within the submission's content type.</summary>
    string LocalId { get; set; }

    /// <summary>The content type's route segment, e.g. "course-enrolments".</summary>
    string Dataset { get; }
}

/// <summary>
/// One course enrolment (seed: tec-dxp-upload-course-enrolment.txt), as sent to
/// <c>PUT /submissions/v1.0/course-enrolments</c>. Dates hold the New Zealand calendar date (time 00:00,
/// <see cref="DateTimeKind.Unspecified"/>); on the wire they become UTC midnight of that date (<see cref="NzDate"/>).
/// </summary>
public sealed class CourseEnrolmentRecord : IDxpRecord, IUnreadCells, IImportedColumns
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }
    int? IImportedColumns.SourceLine { get; set; }
    /// <summary>Its localId and what it is about (<see cref="DxpRecordName"/>).</summary>
    public override string ToString() => DxpRecordName.Of(this);

    public const string DatasetName = "course-enrolments";

    public string Dataset => DatasetName;

    public string LocalId { get; set; }

    /// <summary>1–10 characters, mandatory.</summary>
    public string StudentIdentificationCode { get; set; }

    /// <summary>1–6 characters, mandatory.</summary>
    public string QualificationCode { get; set; }

    /// <summary>1–20 characters, mandatory; no dates or years in it.</summary>
    public string CourseCode { get; set; }

    public DateTime? CourseStartDate { get; set; }

    public DateTime? CourseEndDate { get; set; }

    /// <summary>Optional: left blank unless the learner withdrew.</summary>
    public DateTime? StudentsCourseWithdrawalDate { get; set; }

    /// <summary>1–2 characters from the seed's list; sent as two digits ("00", "03", "12").</summary>
    public string CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment { get; set; }

    /// <summary>1 intramural NZ, 2 extramural NZ, 3 extramural overseas, 4 intramural overseas.</summary>
    public int? IntramuralExtramuralAttendance { get; set; }

    /// <summary>1–2 characters ("01" main campus, "98" distance, "AA", "A1").</summary>
    public string CourseDeliverySite { get; set; }

    /// <summary>1–2 characters from the seed's current or historic funds; sent without a leading zero ("1", "37").</summary>
    public string SourceOfFunding { get; set; }

    /// <summary>"Y" or "N".</summary>
    public string ResidentialStatus { get; set; }

    public bool? AustralianResidentialStatus { get; set; }

    /// <summary>1–2 characters from TEC's funding categories classification.</summary>
    public string FundingCategory { get; set; }

    /// <summary>Numeric (2,1).</summary>
    public decimal? CourseClassification { get; set; }

    /// <summary>1–6 characters from NZSCED.</summary>
    public string NzscedFieldOfStudy { get; set; }

    /// <summary>Numeric (1,4): four decimals at most.</summary>
    public decimal? CourseEftsFactor { get; set; }

    /// <summary>One value per calendar month enrolled, four decimals; derived by <see cref="EftsByMonth.Compute"/> when missing.</summary>
    public decimal[] EftsByMonth { get; set; }

    public int? NationalStudentNumber { get; set; }

    /// <summary>Mandatory for funding source 28 or 29.</summary>
    public int? Consortium { get; set; }

    /// <summary>1 Early Childhood, 2 Primary, 3 Secondary.</summary>
    public int? IteSector { get; set; }

    /// <summary>1–4 subjects (each up to 40 characters) when <see cref="IteSector"/> is 3.</summary>
    public string[] IteSubject { get; set; }
}

/// <summary>
/// One qualification completion (seed: tec-dxp-upload-qualification-completion.txt), as sent to
/// <c>PUT /submissions/v1.0/qualification-completions</c>.
/// </summary>
public sealed class QualificationCompletionRecord : IDxpRecord, IUnreadCells, IImportedColumns
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }
    int? IImportedColumns.SourceLine { get; set; }
    /// <summary>Its localId and what it is about (<see cref="DxpRecordName"/>).</summary>
    public override string ToString() => DxpRecordName.Of(this);

    public const string DatasetName = "qualification-completions";

    public string Dataset => DatasetName;

    public string LocalId { get; set; }

    public string StudentIdentificationCode { get; set; }

    public int? NationalStudentNumber { get; set; }

    public string QualificationCode { get; set; }

    /// <summary>YYYY; must equal the New Zealand year of <see cref="QualificationCompletionDate"/>.</summary>
    public int? YearRequirementsMet { get; set; }

    /// <summary>Optional; sent as "049-091-850" (nine digits, dashes) by the normaliser.</summary>
    public string IrdNumber { get; set; }

    public DateTime? QualificationCompletionDate { get; set; }

    public string LinkedQualificationCodeForFeesFree { get; set; }
}
