using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Compares the school's standard entries and results with NZQA's, and checks each against NZQA's catalogue and
/// enrolments before anything could be sent.
/// </summary>
[Cmdlet(VerbsData.Compare, "NzqaStandard", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(StandardDiff))]
public sealed class CompareNzqaStandardCommand : CompareWithEnrolmentsCmdlet<StandardRecord, StandardDiff>
{
    /// <summary>Only this academic year (NZQA's side is read for it alone).</summary>
    [Parameter]
    [ValidateRange(2000, 2100)]
    public int AcademicYear { get; set; }

    private StandardArea _area;
    /// <summary>The entries of -LocalEnrolment's leavers are Leaver.</summary>
    private ISet<string> LeaverNsns => Leavers ?? new HashSet<string>();
    private int? Year => MyInvocation.BoundParameters.ContainsKey(nameof(AcademicYear)) ? AcademicYear : (int?)null;

    /// <summary>Without NZQA's reference data (-NzqaRecord): no catalogue or enrolment checks.</summary>
    protected override RecordArea<StandardRecord, StandardDiff> Area =>
        _area ?? (_area = new StandardArea((Connection ?? SessionConnections.GetNzqa())?.ProviderNumber ?? 0, null, null, LeaverNsns));

    protected override IReadOnlyList<PropertyBinding<StandardRecord>> Bindings => StandardBindings.All;

    protected override async Task<(List<StandardRecord>, RecordArea<StandardRecord, StandardDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken)
    {
        var client = connection.Client;
        var catalogue = client.GetCatalogueAsync(cancellationToken);
        var enrolments = client.GetEnrolmentsAsync(null, cancellationToken);
        var standards = await client.GetStandardsAsync(Year, progress, cancellationToken).ConfigureAwait(false);
        return (standards, StandardArea.WithReferenceData(connection.ProviderNumber, await catalogue.ConfigureAwait(false), await enrolments.ConfigureAwait(false), LeaverNsns));
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();
        RecentValues.RememberStandards(LocalRecords().Select(r => r.StandardNumber).Distinct());
    }

    protected override bool Keep(StandardRecord local) =>
        Year == null || local.AcademicYear == null || local.AcademicYear == AcademicYear;
}
