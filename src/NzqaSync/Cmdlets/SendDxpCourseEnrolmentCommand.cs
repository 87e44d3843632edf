using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads course enrolments to a DXP return (PUT course-enrolments), checked against -Learner and -Course when given: one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpCourseEnrolment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpCourseEnrolmentCommand : SendDxpCmdlet<CourseEnrolmentRecord>
{
    /// <summary>The learner file's records (or rows): each record's student must have one, with the same NSN.</summary>
    [Parameter]
    public object[] Learner { get; set; }

    /// <summary>The course register's records (or rows): each record's courseCode must be in it exactly once.</summary>
    [Parameter]
    public object[] Course { get; set; }

    protected override SdrCrossCheck CrossCheck() => SdrRelated.Build(Learner, Course);
}
