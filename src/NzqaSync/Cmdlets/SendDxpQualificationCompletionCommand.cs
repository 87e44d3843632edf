using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Uploads qualification completions to a DXP return (PUT qualification-completions): one DxpUploadResult per record.</summary>
[Cmdlet(VerbsCommunications.Send, "DxpQualificationCompletion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpUploadResult))]
public sealed class SendDxpQualificationCompletionCommand : SendDxpCmdlet<QualificationCompletionRecord>
{
    /// <summary>The learner file's records (or rows): each record's student must have one, with the same NSN.</summary>
    [Parameter]
    public object[] Learner { get; set; }

    protected override SdrCrossCheck CrossCheck() => SdrRelated.Build(Learner, null);
}
