using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads the course register to a DXP return (PUT courses): one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpCourse", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpCourseCommand : SendDxpCmdlet<DxpCourseRecord> { }
