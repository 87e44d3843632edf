using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>What NZQA holds: this provider's standard entries with their results.</summary>
[Cmdlet(VerbsCommon.Get, "NzqaStandard")]
[OutputType(typeof(StandardRecord))]
public sealed class GetNzqaStandardCommand : GetNzqaCmdlet<StandardRecord>
{
    [Parameter]
    [ValidateRange(2000, 2100)]
    public int AcademicYear { get; set; }

    protected override string What => "standard entries";

    protected override Task<List<StandardRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) =>
        c.Client.GetStandardsAsync(MyInvocation.BoundParameters.ContainsKey(nameof(AcademicYear)) ? AcademicYear : (int?)null, progress, ct);
}
