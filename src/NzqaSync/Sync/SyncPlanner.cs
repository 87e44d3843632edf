using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>Plans any diff with its area's planner (what Sync-Nzqa* would send for it).</summary>
public static class SyncPlanner
{
    /// <param name="allowIdentityChange">As Sync-NzqaLearner -AllowIdentityChange: a learner's identity change is planned, not skipped.</param>
    public static PlannedRecord Plan(RecordDiff diff, int provider, bool allowIdentityChange = false)
    {
        switch (diff)
        {
            case EnrolmentDiff e: return EnrolmentSyncPlanner.Plan(e, provider);
            case LearnerDiff l: return LearnerSyncPlanner.Plan(l, provider, allowIdentityChange);
            case StandardDiff s: return StandardSyncPlanner.Plan(s, provider);
            default: return new PlannedRecord(diff, Array.Empty<SyncOperation>(), SyncAction.None);
        }
    }
}
