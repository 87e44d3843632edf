namespace NzqaSync.Domain.Dxp;

/// <summary>The dataset names: route segment ↔ the journal's kind (and the -Dataset names).</summary>
public static class DxpDatasets
{
    /// <summary>Every collection of the SDR, in the order a round sends them (the register and learners first).</summary>
    public static readonly IReadOnlyList<string> All = new[]
    {
        DxpLearnerRecord.DatasetName, DxpCourseRecord.DatasetName, CourseEnrolmentRecord.DatasetName,
        DxpCourseCompletionRecord.DatasetName, QualificationCompletionRecord.DatasetName,
    };

    /// <summary>The -Dataset names (tab completion): Learner, Course, CourseEnrolment, CourseCompletion, QualificationCompletion.</summary>
    public static readonly IReadOnlyList<string> Kinds = All.Select(KindOf).ToArray();

    public static string KindOf(string dataset)
    {
        switch (dataset)
        {
            case CourseEnrolmentRecord.DatasetName: return "CourseEnrolment";
            case QualificationCompletionRecord.DatasetName: return "QualificationCompletion";
            case DxpLearnerRecord.DatasetName: return "Learner";
            case DxpCourseRecord.DatasetName: return "Course";
            case DxpCourseCompletionRecord.DatasetName: return "CourseCompletion";
            default: return dataset;
        }
    }

    /// <summary>
    /// Accepts the kind, the route name or the Import-NzqaRecord kind (CourseEnrolment, course-enrolments,
    /// DxpCourseEnrolment; Learner, learners, DxpLearner; Course, courses, DxpCourse, CourseRegister; ...), any case; null when unknown.
    /// </summary>
    public static string Normalise(string name)
    {
        var n = (name ?? "").Replace("-", "").Replace("_", "").Replace(" ", "").ToLowerInvariant();
        if (n.StartsWith("dxp", StringComparison.Ordinal)) n = n.Substring(3);
        switch (n)
        {
            case "courseenrolment": case "courseenrolments": return CourseEnrolmentRecord.DatasetName;
            case "qualificationcompletion": case "qualificationcompletions": return QualificationCompletionRecord.DatasetName;
            case "learner": case "learners": return DxpLearnerRecord.DatasetName;
            case "course": case "courses": case "courseregister": return DxpCourseRecord.DatasetName;
            case "coursecompletion": case "coursecompletions": return DxpCourseCompletionRecord.DatasetName;
            default: return null;
        }
    }

    /// <summary>The record type of a dataset.</summary>
    public static Type RecordType(string dataset)
    {
        switch (dataset)
        {
            case CourseEnrolmentRecord.DatasetName: return typeof(CourseEnrolmentRecord);
            case QualificationCompletionRecord.DatasetName: return typeof(QualificationCompletionRecord);
            case DxpLearnerRecord.DatasetName: return typeof(DxpLearnerRecord);
            case DxpCourseRecord.DatasetName: return typeof(DxpCourseRecord);
            case DxpCourseCompletionRecord.DatasetName: return typeof(DxpCourseCompletionRecord);
            default: return null;
        }
    }

    /// <summary>The learner a record is about (none for the course register).</summary>
    public static string StudentOf(IDxpRecord record)
    {
        switch (record)
        {
            case CourseEnrolmentRecord ce: return ce.StudentIdentificationCode;
            case QualificationCompletionRecord qc: return qc.StudentIdentificationCode;
            case DxpLearnerRecord l: return l.StudentIdentificationCode;
            case DxpCourseCompletionRecord cc: return cc.StudentIdentificationCode;
            default: return null;
        }
    }

    /// <summary>"Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion" for messages.</summary>
    public static string KindList => string.Join(", ", Kinds.Take(Kinds.Count - 1)) + " or " + Kinds[Kinds.Count - 1];
}
