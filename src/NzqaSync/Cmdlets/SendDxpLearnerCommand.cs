using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads learners to a DXP return (PUT learners): nameIdCode derived from the names when missing; one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpLearner", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpLearnerCommand : SendDxpCmdlet<DxpLearnerRecord> { }
