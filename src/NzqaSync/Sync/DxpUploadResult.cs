using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Sync
{
    /// <summary>What happened to one record sent to DXP.</summary>
    public enum DxpUploadOutcome
    {
        /// <summary>DXP stored it (replacing any earlier record with the same localId).</summary>
        Accepted,
        /// <summary>DXP answered with errors for it: not stored (an earlier record with its localId is kept).</summary>
        Rejected,
        /// <summary>The module's own checks found an error: it was not sent.</summary>
        Invalid,
        /// <summary>The request failed (or its answer was lost): see Errors.</summary>
        Failed,
    }

    /// <summary>One record's upload: Dataset, LocalId, the student, the outcome and TEC's own words (or the local rule's).</summary>
    public sealed class DxpUploadResult
    {
        /// <summary>The route segment: course-enrolments or qualification-completions.</summary>
        public string Dataset { get; set; }
        /// <summary>CourseEnrolment or QualificationCompletion (the journal's kind).</summary>
        public string Kind { get; set; }
        public string LocalId { get; set; }
        public string StudentIdentificationCode { get; set; }
        public DxpUploadOutcome Outcome { get; set; }
        /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
        public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
        private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
        public string ReturnId { get; set; }
        public string RunId { get; set; }
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>The record as it was sent (normalised).</summary>
        public IDxpRecord Record { get; set; }

        public string ErrorSummary => string.Join("; ", Errors);

        public override string ToString() => $"{Outcome} {Kind} {LocalId}";
    }

    /// <summary>One record's delete (Remove-DxpRecord).</summary>
    public enum DxpRemoveOutcome { Removed, Rejected, Failed }

    public sealed class DxpRemoveResult
    {
        public string Dataset { get; set; }
        public string Kind { get; set; }
        public string LocalId { get; set; }
        public DxpRemoveOutcome Outcome { get; set; }
        /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
        public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
        private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
        public string ReturnId { get; set; }
        public string RunId { get; set; }
        public DateTimeOffset Timestamp { get; set; }

        public string ErrorSummary => string.Join("; ", Errors);

        public override string ToString() => $"{Outcome} {Kind} {LocalId}";
    }

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
}
