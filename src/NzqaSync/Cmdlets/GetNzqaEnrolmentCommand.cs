using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>What NZQA holds: this provider's current enrolments.</summary>
[Cmdlet(VerbsCommon.Get, "NzqaEnrolment")]
[OutputType(typeof(EnrolmentRecord))]
public sealed class GetNzqaEnrolmentCommand : GetNzqaCmdlet<EnrolmentRecord>
{
    protected override string What => "enrolments";
    protected override Task<List<EnrolmentRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) => c.Client.GetEnrolmentsAsync(progress, ct);
}
