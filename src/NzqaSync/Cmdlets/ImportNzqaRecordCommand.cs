using System.Collections;
using System.Management.Automation;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Reads an SMS export CSV into typed records that bind straight into Compare-Nzqa* (no mapping needed).
/// A row whose values cannot be read gets an ErrorRecord with its line number; the good rows flow on.
/// </summary>
[Cmdlet(VerbsData.Import, "NzqaRecord")]
[OutputType(typeof(EnrolmentRecord), typeof(LearnerRecord), typeof(StandardRecord), typeof(Domain.Dxp.CourseEnrolmentRecord), typeof(Domain.Dxp.QualificationCompletionRecord), typeof(Domain.Dxp.DxpLearnerRecord), typeof(Domain.Dxp.DxpCourseRecord), typeof(Domain.Dxp.DxpCourseCompletionRecord))]
public sealed class ImportNzqaRecordCommand : NzqaCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    public string[] Path { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateSet("Enrolment", "Learner", "Standard", "CourseEnrolment", "QualificationCompletion", "DxpLearner", "DxpCourse", "DxpCourseEnrolment", "DxpCourseCompletion", "DxpQualificationCompletion")]
    public string Kind { get; set; }

    /// <summary>Names the file's columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
    [Parameter]
    public Hashtable ColumnMap { get; set; }

    /// <summary>A -ColumnMap key that names no field (a typo such as Nssn) would be ignored silently: refuse it.</summary>
    protected override void Begin()
    {
        if (ColumnMap == null) return;
        switch (Kind)
        {
            case "Enrolment": RefuseUnknownColumnMapKeys(new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All, ColumnMap), "enrolment", ColumnMap); break;
            case "Learner": RefuseUnknownColumnMapKeys(new LocalRecordReader<LearnerRecord>(LearnerBindings.All, ColumnMap), "learner", ColumnMap); break;
            case "Standard": RefuseUnknownColumnMapKeys(new LocalRecordReader<StandardRecord>(StandardBindings.All, ColumnMap), "standard", ColumnMap); break;
            case "DxpLearner": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpLearnerRecord>(DxpBindings.Learner, ColumnMap), "DXP learner", ColumnMap); break;
            case "DxpCourse": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpCourseRecord>(DxpBindings.Course, ColumnMap), "DXP course", ColumnMap); break;
            case "DxpCourseCompletion": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpCourseCompletionRecord>(DxpBindings.CourseCompletion, ColumnMap), "DXP course completion", ColumnMap); break;
            case "DxpCourseEnrolment":
            case "CourseEnrolment": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.CourseEnrolmentRecord>(DxpBindings.CourseEnrolment, ColumnMap), "course enrolment", ColumnMap); break;
            case "DxpQualificationCompletion":
            case "QualificationCompletion": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.QualificationCompletionRecord>(DxpBindings.QualificationCompletion, ColumnMap), "qualification completion", ColumnMap); break;
        }
    }

    protected override void ProcessRecord()
    {
        foreach (var path in Path)
        {
            var full = CsvImport<EnrolmentRecord>.Resolve(this, path);
            if (full == null) continue;
            switch (Kind)
            {
                case "Enrolment":
                    Import(full, EnrolmentBindings.All);
                    break;
                case "Learner":
                    Import(full, LearnerBindings.All);
                    break;
                case "Standard":
                    Import(full, StandardBindings.All);
                    break;
                case "DxpLearner":
                    Import(full, DxpBindings.Learner);
                    break;
                case "DxpCourse":
                    Import(full, DxpBindings.Course);
                    break;
                case "DxpCourseCompletion":
                    Import(full, DxpBindings.CourseCompletion);
                    break;
                case "DxpCourseEnrolment":
                case "CourseEnrolment":
                    Import(full, DxpBindings.CourseEnrolment);
                    break;
                case "DxpQualificationCompletion":
                case "QualificationCompletion":
                    Import(full, DxpBindings.QualificationCompletion);
                    break;
            }
        }
    }

    private void Import<TRecord>(string path, IReadOnlyList<PropertyBinding<TRecord>> bindings) where TRecord : class, new()
    {
        var import = new CsvImport<TRecord>(this, new LocalRecordReader<TRecord>(bindings, ColumnMap), Kind);
        foreach (var record in import.Read(path)) WriteObject(record);
    }
}
