using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads course enrolments to a DXP return (PUT course-enrolments), checked against -Learner and -Course when given: one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpCourseEnrolment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpCourseEnrolmentCommand : SendDxpCourseRecordCmdlet<CourseEnrolmentRecord> { }
