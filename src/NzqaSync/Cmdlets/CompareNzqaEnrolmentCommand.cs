using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>Compares the school's enrolments with NZQA's: Match, New, Different, Leaver, NzqaOnly or Invalid.</summary>
[Cmdlet(VerbsData.Compare, "NzqaEnrolment", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(EnrolmentDiff))]
public sealed class CompareNzqaEnrolmentCommand : CompareCmdlet<EnrolmentRecord, EnrolmentDiff>
{
    protected override RecordArea<EnrolmentRecord, EnrolmentDiff> Area => EnrolmentArea.Instance;
    protected override IReadOnlyList<PropertyBinding<EnrolmentRecord>> Bindings => EnrolmentBindings.All;

    protected override async Task<(List<EnrolmentRecord>, RecordArea<EnrolmentRecord, EnrolmentDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken) =>
        (await connection.Client.GetEnrolmentsAsync(progress, cancellationToken).ConfigureAwait(false), Area);
}
