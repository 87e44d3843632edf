using NzqaSync.Compare;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// Sends whose answer was lost (InDoubt in the journal) are settled by what the service shows later: an NZQA
/// compare (the record now matches: applied; still differs: not applied, the next sync sends it again) or a DXP
/// upload that accepted the same localId again (DXP replaces by localId, so the lost answer no longer matters).
/// </summary>
public static class InDoubtSettlement
{
    /// <summary>Settles NZQA's in-doubt sends of <paramref name="kind"/> against a compare's status per key (Match or NzqaOnly: applied).</summary>
    public static IReadOnlyList<JournalOperation> ByCompare(SyncJournal journal, string kind, IReadOnlyDictionary<string, DiffStatus> statusByKey)
    {
        var doubts = InDoubt(journal, e => e.Api == "Nzqa" && e.Kind == kind && statusByKey.ContainsKey(e.Key));
        var settled = doubts.Select(e =>
        {
            var yes = statusByKey[e.Key] == DiffStatus.Match || statusByKey[e.Key] == DiffStatus.NzqaOnly;
            return Settle(e, yes ? JournalOutcome.Synced : JournalOutcome.Failed, yes ? JournalOutcome.Settled : null,
                yes ? null : $"Settled by compare: NZQA does not hold this change ({statusByKey[e.Key]}); sync it again.");
        }).ToList();
        if (settled.Count > 0) journal.Record(settled);
        return settled;
    }

    /// <summary>Settles DXP's in-doubt uploads of <paramref name="kind"/> whose localId upload run <paramref name="runId"/> had accepted.</summary>
    public static IReadOnlyList<JournalOperation> ByUpload(SyncJournal journal, string kind, string runId, IEnumerable<string> acceptedLocalIds)
    {
        var accepted = new HashSet<string>(acceptedLocalIds, StringComparer.Ordinal);
        if (accepted.Count == 0) return Array.Empty<JournalOperation>();
        var settled = InDoubt(journal, e => e.Api == "Dxp" && e.Kind == kind && e.Action == "Upload" && e.RunId != runId && accepted.Contains(e.Key))
            .Select(e => Settle(e, JournalOutcome.Synced, JournalOutcome.Settled,
                $"Settled by upload run {runId}: DXP accepted localId {e.Key} again (the same localId replaces), so the lost answer no longer matters."))
            .ToList();
        if (settled.Count > 0) journal.Record(settled);
        return settled;
    }

    private static List<SyncLogEntry> InDoubt(SyncJournal journal, Func<SyncLogEntry, bool> mine) =>
        new SyncJournalReader(journal.Folder).LoadOpen().Entries.Where(e => e.Outcome == JournalOutcome.InDoubt && mine(e)).ToList();

    private static JournalOperation Settle(SyncLogEntry e, string outcome, string detail, string error) => new JournalOperation
    {
        RunId = e.RunId, OperationId = e.OperationId, Api = e.Api, Kind = e.Kind, Key = e.Key, Action = e.Action,
        Outcome = outcome, Detail = detail, Errors = error == null ? null : new[] { error },
    };
}
