using System.Collections.Generic;
using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>Uploads course enrolments to a DXP return (PUT course-enrolments): one DxpUploadResult per record.</summary>
    [Cmdlet(VerbsCommunications.Send, "DxpCourseEnrolment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpUploadResult))]
    public sealed class SendDxpCourseEnrolmentCommand : SendDxpCmdlet<CourseEnrolmentRecord>
    {
        protected override IReadOnlyList<PropertyBinding<CourseEnrolmentRecord>> Bindings => DxpBindings.CourseEnrolment;
        protected override string Noun => "course enrolment";
        protected override string Describe(CourseEnrolmentRecord r) =>
            $"{r.LocalId} (student {r.StudentIdentificationCode}, course {r.CourseCode} starting {Day(r.CourseStartDate)})";
    }
}
