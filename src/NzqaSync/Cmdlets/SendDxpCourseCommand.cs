using System.Collections.Generic;
using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>Uploads the course register to a DXP return (PUT courses): one DxpUploadResult per record.</summary>
    [Cmdlet(VerbsCommunications.Send, "DxpCourse", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpUploadResult))]
    public sealed class SendDxpCourseCommand : SendDxpCmdlet<DxpCourseRecord>
    {
        protected override IReadOnlyList<PropertyBinding<DxpCourseRecord>> Bindings => DxpBindings.Course;
        protected override string Noun => "course";

        protected override string Describe(DxpCourseRecord r) =>
            $"{r.LocalId} (course {r.CourseCode}, {r.CourseTitle})";
    }
}
