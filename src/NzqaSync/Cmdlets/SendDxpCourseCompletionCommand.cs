using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads course completions to a DXP return (PUT course-completions), checked against -Learner and -Course when given: one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpCourseCompletion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpCourseCompletionCommand : SendDxpCourseRecordCmdlet<DxpCourseCompletionRecord> { }
