using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>Compares the school's learner details (identity) with NZQA's.</summary>
[Cmdlet(VerbsData.Compare, "NzqaLearner", DefaultParameterSetName = ParameterSets.InputObject)]
[OutputType(typeof(LearnerDiff))]
public sealed class CompareNzqaLearnerCommand : CompareWithEnrolmentsCmdlet<LearnerRecord, LearnerDiff>
{
    private LearnerArea _area;

    /// <summary>Leavers of -LocalEnrolment are Leaver (information only).</summary>
    protected override RecordArea<LearnerRecord, LearnerDiff> Area => _area ?? (_area = Leavers == null ? LearnerArea.Instance : new LearnerArea(Leavers));
    protected override IReadOnlyList<PropertyBinding<LearnerRecord>> Bindings => LearnerBindings.All;

    protected override async Task<(List<LearnerRecord>, RecordArea<LearnerRecord, LearnerDiff>)> FetchAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken) =>
        (await connection.Client.GetLearnersAsync(progress, cancellationToken).ConfigureAwait(false), Area);

    protected override void Compared(LearnerDiff diff, NzqaConnection connection) => SyncHolds.NoteLearnerCompared(connection.LearnersNotAccepted, diff);
}
