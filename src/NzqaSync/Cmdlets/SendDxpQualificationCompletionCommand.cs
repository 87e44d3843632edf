using System.Collections.Generic;
using System.Management.Automation;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>Uploads qualification completions to a DXP return (PUT qualification-completions): one DxpUploadResult per record.</summary>
    [Cmdlet(VerbsCommunications.Send, "DxpQualificationCompletion", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(DxpUploadResult))]
    public sealed class SendDxpQualificationCompletionCommand : SendDxpCmdlet<QualificationCompletionRecord>
    {
        protected override IReadOnlyList<PropertyBinding<QualificationCompletionRecord>> Bindings => DxpBindings.QualificationCompletion;
        protected override string Noun => "qualification completion";

        /// <summary>The learner file's records (or rows): each record's student must have one, with the same NSN.</summary>
        [Parameter]
        public object[] Learner { get; set; }

        protected override SdrCrossCheck CrossCheck() => SdrRelated.Build(Learner, null);
        protected override string Describe(QualificationCompletionRecord r) =>
            $"{r.LocalId} (student {r.StudentIdentificationCode}, qualification {r.QualificationCode}, {r.YearRequirementsMet})";
    }
}
