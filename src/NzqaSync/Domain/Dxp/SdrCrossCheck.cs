namespace NzqaSync.Domain.Dxp;

/// <summary>
/// The rules TEC's validation checks across the SDR's collections, checked locally before anything is sent. Built from
/// the learners and the course register of the export; every message names both records.
/// - Course enrolment page: "Every unique course in the course enrolment file should appear once, and once only, in the
///   course register file" (KA-02623: "The course codes must be exactly the same in both files"). The same is asked of
///   course completions (they match course enrolments on the course code).
/// - "The NSN reported in the Learner file must match the NSN used for other collections (e.g., Course Enrolment)": every
///   studentIdentificationCode of an enrolment or completion needs a learner record, with the same NSN.
/// Codes: DxpCourseNotInRegister, DxpCourseInRegisterTwice, DxpLearnerMissing, DxpNsnDisagrees, DxpLearnerTwice.
/// </summary>
public sealed class SdrCrossCheck
{
    private readonly Dictionary<string, List<DxpCourseRecord>> _courses;
    private readonly Dictionary<string, List<DxpLearnerRecord>> _learners;

    /// <param name="learners">The export's learners; null when the learner file is not part of the check.</param>
    /// <param name="courses">The export's course register; null when it is not part of the check.</param>
    public SdrCrossCheck(IEnumerable<DxpLearnerRecord> learners, IEnumerable<DxpCourseRecord> courses)
    {
        if (courses != null)
            _courses = courses.Where(c => c != null && !string.IsNullOrWhiteSpace(c.CourseCode))
                .GroupBy(c => Key(c.CourseCode), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        if (learners != null)
            _learners = learners.Where(l => l != null && !string.IsNullOrWhiteSpace(l.StudentIdentificationCode))
                .GroupBy(l => Key(l.StudentIdentificationCode), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The learners or courses being compared as their own register (when no -Learner/-Course was given): a learner or
    /// course given twice is found. Null for the other datasets.
    /// </summary>
    public static SdrCrossCheck OwnRegister(string dataset, IEnumerable<IDxpRecord> records) =>
        dataset == DxpLearnerRecord.DatasetName ? new SdrCrossCheck(records.OfType<DxpLearnerRecord>(), null)
        : dataset == DxpCourseRecord.DatasetName ? new SdrCrossCheck(null, records.OfType<DxpCourseRecord>())
        : null;

    public bool HasCourses => _courses != null;
    public bool HasLearners => _learners != null;
    public int CourseCount => _courses?.Sum(c => c.Value.Count) ?? 0;

    /// <summary>What breaks the cross-collection rules for one record (none when the related file is not given).</summary>
    public IReadOnlyList<DxpFieldProblem> Check(IDxpRecord record)
    {
        var problems = new List<DxpFieldProblem>();
        switch (record)
        {
            case CourseEnrolmentRecord ce:
                CheckCourse(problems, ce.LocalId, $"course enrolment {ce.LocalId} (student {ce.StudentIdentificationCode})", ce.CourseCode, "course enrolment");
                CheckLearner(problems, ce.LocalId, $"course enrolment {ce.LocalId} (course {ce.CourseCode})", ce.StudentIdentificationCode, ce.NationalStudentNumber);
                break;
            case DxpCourseCompletionRecord cc:
                CheckCourse(problems, cc.LocalId, $"course completion {cc.LocalId} (student {cc.StudentIdentificationCode})", cc.CourseCode, "course completion");
                CheckLearner(problems, cc.LocalId, $"course completion {cc.LocalId} (course {cc.CourseCode})", cc.StudentIdentificationCode, cc.NationalStudentNumber);
                break;
            case QualificationCompletionRecord qc:
                CheckLearner(problems, qc.LocalId, $"qualification completion {qc.LocalId} (qualification {qc.QualificationCode})", qc.StudentIdentificationCode, qc.NationalStudentNumber);
                break;
            case DxpCourseRecord c when OthersWithSameKey(_courses, c, c.CourseCode) is string others:
                problems.Add(new DxpFieldProblem("courseCode", "DxpCourseInRegisterTwice",
                    $"course {c.LocalId} repeats courseCode {c.CourseCode} of course {others} in the course register: " +
                    "\"Every unique course in the course enrolment file should appear once, and once only, in the course register file.\"", localId: c.LocalId));
                break;
            case DxpLearnerRecord l when OthersWithSameKey(_learners, l, l.StudentIdentificationCode) is string others:
                problems.Add(new DxpFieldProblem("studentIdentificationCode", "DxpLearnerTwice",
                    $"learner {l.LocalId} repeats studentIdentificationCode {l.StudentIdentificationCode} of learner {others}: " +
                    "\"A code which uniquely identifies the learner within each TEO.\"", localId: l.LocalId));
                break;
        }
        return problems;
    }

    private void CheckCourse(List<DxpFieldProblem> problems, string localId, string who, string courseCode, string file)
    {
        if (_courses == null || string.IsNullOrWhiteSpace(courseCode)) return;
        if (!_courses.TryGetValue(Key(courseCode), out var found))
            problems.Add(new DxpFieldProblem("courseCode", "DxpCourseNotInRegister",
                $"{who} names course {courseCode}, which is not in the course register ({CourseCount} courses): " +
                $"\"Every unique course in the {file} file should appear once, and once only, in the course register file.\"", localId: localId));
        else if (found.Count > 1)
            problems.Add(new DxpFieldProblem("courseCode", "DxpCourseInRegisterTwice",
                $"{who} names course {courseCode}, which is in the course register {found.Count} times (courses {string.Join(", ", found.Select(c => c.LocalId))}): " +
                "\"once, and once only, in the course register file.\"", localId: localId));
    }

    private void CheckLearner(List<DxpFieldProblem> problems, string localId, string who, string studentId, int? nsn)
    {
        if (_learners == null || string.IsNullOrWhiteSpace(studentId)) return;
        if (!_learners.TryGetValue(Key(studentId), out var found))
        {
            problems.Add(new DxpFieldProblem("studentIdentificationCode", "DxpLearnerMissing",
                $"{who} is for student {studentId}, who has no learner record in the learner file: the learner must be reported for every enrolment and completion.", localId: localId));
            return;
        }
        var learner = found[0];
        if (nsn.HasValue && learner.NationalStudentNumber.HasValue && learner.NationalStudentNumber != nsn)
            problems.Add(new DxpFieldProblem("nationalStudentNumber", "DxpNsnDisagrees",
                $"{who} gives NSN {nsn.Value.ToString(CultureInfo.InvariantCulture)} for student {studentId}, but learner {learner.LocalId} has NSN {learner.NationalStudentNumber.Value.ToString(CultureInfo.InvariantCulture)}: " +
                "\"The NSN reported in the Learner file must match the NSN used for other collections (e.g., Course Enrolment).\"", localId: localId));
    }

    /// <summary>The localIds of the other records of its own file with the same key (a course code or student id given twice); null when the key is not repeated or the file is not part of the check.</summary>
    private static string OthersWithSameKey<T>(Dictionary<string, List<T>> byKey, T record, string key) where T : class, IDxpRecord
    {
        if (byKey == null || string.IsNullOrWhiteSpace(key) || !byKey.TryGetValue(Key(key), out var same) || same.Count <= 1) return null;
        return string.Join(", ", same.Where(x => !ReferenceEquals(x, record)).Select(x => x.LocalId));
    }

    // Course codes "must be exactly the same in both files": compared as given (trimmed), case-sensitively.
    private static string Key(string s) => s.Trim();
}
