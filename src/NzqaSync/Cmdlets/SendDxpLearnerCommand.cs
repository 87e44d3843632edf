using System.Collections.Generic;
using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>Uploads learners to a DXP return (PUT learners): nameIdCode derived from the names when missing; one DxpUploadResult per record.</summary>
    [Cmdlet(VerbsCommunications.Send, "DxpLearner", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpUploadResult))]
    public sealed class SendDxpLearnerCommand : SendDxpCmdlet<DxpLearnerRecord>
    {
        protected override IReadOnlyList<PropertyBinding<DxpLearnerRecord>> Bindings => DxpBindings.Learner;
        protected override string Noun => "learner";

        protected override string Describe(DxpLearnerRecord r) =>
            $"{r.LocalId} (student {r.StudentIdentificationCode}, {r.NameIdCode})";
    }
}
