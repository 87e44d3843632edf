using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Compare;

/// <summary>How a local SDR record stands against what the DXP submission holds (matched by localId).</summary>
public enum DxpDiffStatus
{
    /// <summary>The submission holds the same values.</summary>
    Match,
    /// <summary>Local only: to upload.</summary>
    New,
    /// <summary>Both, with field differences: to upload (the same localId replaces).</summary>
    Different,
    /// <summary>In the submission, no longer in the local data: to delete.</summary>
    DxpOnly,
    /// <summary>The local record breaks a rule (its own, or across collections): not sent, and its DXP record is left alone.</summary>
    Invalid,
}

/// <summary>One field whose value differs: the local value and DXP's, as they are sent.</summary>
public sealed class DxpFieldDifference(string field, string local, string dxp)
{
    public string Field { get; } = field;
    public string Local { get; } = local;
    public string Dxp { get; } = dxp;

    public override string ToString() => DifferenceText.Field(Field, Local, "DXP", Dxp);
}

/// <summary>One record's comparison (Compare-DxpRecord); Sync-DxpRecord takes it.</summary>
public sealed class DxpRecordDiff
{
    private static readonly IReadOnlyList<DxpFieldDifference> NoDifferences = TextList.Of<DxpFieldDifference>(null);
    private static readonly IReadOnlyList<DxpFieldProblem> NoProblems = TextList.Of<DxpFieldProblem>(null);

    /// <summary>The route name: learners, courses, course-enrolments, course-completions, qualification-completions.</summary>
    public string Dataset { get; set; }
    /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion.</summary>
    public string Kind { get; set; }
    public string LocalId { get; set; }
    public string StudentIdentificationCode { get; set; }
    /// <summary>The course, for course register, enrolment and completion records.</summary>
    public string CourseCode { get; set; }
    public DxpDiffStatus Status { get; set; }
    /// <summary>As text (Export-Csv): "field: local (DXP value)" joined with "; ".</summary>
    public IReadOnlyList<DxpFieldDifference> Differences { get => _differences; set => _differences = TextList.Of(value); }
    private IReadOnlyList<DxpFieldDifference> _differences = NoDifferences;
    /// <summary>As text (Export-Csv): each problem's code, field and message, joined with "; ".</summary>
    public IReadOnlyList<DxpFieldProblem> Problems { get => _problems; set => _problems = TextList.Of(value); }
    private IReadOnlyList<DxpFieldProblem> _problems = NoProblems;
    /// <summary>The local record, normalised as it would be sent (null for DxpOnly).</summary>
    public IDxpRecord Local { get; set; }
    /// <summary>What the submission holds (null for New).</summary>
    public IDxpRecord Dxp { get; set; }
    public string ReturnId { get; set; }
    /// <summary>The EDUMIS the record was compared for (Sync-DxpRecord sends it only there); null with -DxpRecord.</summary>
    public int? ComparedEdumis { get; set; }
    /// <summary>The DXP base URI the record was compared against; null with -DxpRecord.</summary>
    public string ComparedBaseUri { get; set; }

    /// <summary>Null when a sync on a connection to <paramref name="edumis"/> at <paramref name="baseUri"/> may send it; else why not.</summary>
    public string ComparedForOtherConnection(int edumis, Uri baseUri) =>
        ComparedConnection.Mismatch($"{Kind} {LocalId}", "DXP", "EDUMIS", ComparedEdumis, ComparedBaseUri, edumis, baseUri, "Connect-Dxp");

    /// <summary>For an Invalid record, the input object it came from.</summary>
    public object Source { get; set; }

    /// <summary>The learner fields sent that say who the learner is (names go to DXP only as the name code derived from them).</summary>
    public static readonly IReadOnlyCollection<string> IdentityFields = new HashSet<string>(StringComparer.Ordinal)
        { "dateOfBirth", "nameIdCode", "nationalStudentNumber" };

    /// <summary>
    /// A learner DXP already holds whose date of birth, name code (its names) or NSN differ: not sent unless the user says so
    /// (Sync-DxpRecord -AllowIdentityChange), as on the NZQA side — a day/month swap in the SMS must not silently
    /// replace TEC's date of birth.
    /// </summary>
    public bool IdentityChange => Local is DxpLearnerRecord && Dxp != null && Differences.Any(d => IdentityFields.Contains(d.Field));

    /// <summary>One readable line: the problems, else the changed fields.</summary>
    public string DifferenceSummary => DifferenceText.Summary(Problems.Select(p => p.Message), Differences);

    public override string ToString() => $"{Status} {Kind} {LocalId}";
}
