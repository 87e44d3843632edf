using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>What NZQA holds: the identity details of this provider's learners.</summary>
[Cmdlet(VerbsCommon.Get, "NzqaLearner")]
[OutputType(typeof(LearnerRecord))]
public sealed class GetNzqaLearnerCommand : GetNzqaCmdlet<LearnerRecord>
{
    protected override string What => "learners";
    protected override Task<List<LearnerRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) => c.Client.GetLearnersAsync(progress, ct);
}
