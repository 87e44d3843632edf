using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>
/// Records not sent because of what happened to them, or to their learner, before: identity refusals are held
/// across runs (from the journal), and a learner's failure holds back its enrolment and entries in the same session.
/// </summary>
public static class SyncHolds
{
    /// <summary>NZQA's error codes that refuse a learner for who they are (an NSN that belongs to someone else).</summary>
    /// <summary>The journal as the holds read it: the newest month and the checkpoint of the closed ones.</summary>
    public static IReadOnlyList<SyncLogEntry> JournalEntries(string journalPath) =>
        new SyncJournalReader(new SyncJournal(journalPath).Folder).LoadOpen().Entries;

    /// <summary>
    /// Adds to <paramref name="held"/> each new enrolment, and entries and results, of an NSN NZQA holds no learner for
    /// at this school (<paramref name="learnerNsns"/>: NZQA's own list). NZQA would refuse it (LEARNER_UNKNOWN) or,
    /// where another person holds the NSN nationally (the learner was refused NSN_CONFLICT), attach it to them. NZQA's
    /// list decides, so it holds whichever session or journal the learner's refusal was written in.
    /// </summary>
    public static IDictionary<PlannedRecord, string> HeldWithoutLearner(IDictionary<PlannedRecord, string> held, IReadOnlyList<PlannedRecord> planned, IEnumerable<string> learnerNsns)
    {
        var known = new HashSet<string>(learnerNsns.Select(NationalStudentNumber.Normalise).Where(n => n != null), StringComparer.Ordinal);
        foreach (var p in planned)
        {
            if (held.ContainsKey(p) || p.Operations.Count == 0 || !HeldByLearner(p)) continue;
            var nsn = NationalStudentNumber.Normalise(p.Diff.Nsn);
            if (nsn == null || known.Contains(nsn)) continue;
            var what = p.Diff.Kind == "Enrolment" ? "its new enrolment is" : "its entries and results are";
            held[p] = $"Held back: NZQA holds no learner with NSN {nsn} for this school, so {what} not sent. Sync the learner first " +
                      "(Compare-NzqaLearner | Sync-NzqaLearner); if NZQA refused it (NSN_CONFLICT), check the NSN and date of birth with NZQA.";
        }
        return held;
    }

    private const string InvalidInExport = "its row in the SMS export is Invalid: ";

    /// <summary>
    /// After a learner compare: a learner NZQA does not hold whose SMS row is Invalid will not be created by a sync, so
    /// its new enrolment, entries and results are held as a refused learner's are (<see cref="HeldBackByLearner"/>) —
    /// NZQA would refuse them (LEARNER_UNKNOWN) every night — until a compare finds the row valid.
    /// </summary>
    public static void NoteLearnerCompared(IDictionary<string, string> notAccepted, LearnerDiff diff)
    {
        var nsn = NationalStudentNumber.Normalise(diff.Nsn);
        if (nsn == null) return;
        if (diff.Status == DiffStatus.Invalid && diff.Nzqa == null) notAccepted[nsn] = InvalidInExport + string.Join(" ", diff.Problems.Select(p => p.Message));
        else if (notAccepted.TryGetValue(nsn, out var why) && why.StartsWith(InvalidInExport, StringComparison.Ordinal)) notAccepted.Remove(nsn);
    }

    /// <summary>A record a learner not accepted holds back: a new enrolment, or entries and results.</summary>
    public static bool HeldByLearner(PlannedRecord p) => p.Diff.Kind == "Standard" || (p.Diff.Kind == "Enrolment" && p.Headline == SyncAction.Create);

    public static readonly IReadOnlyList<string> IdentityRefusals = new[] { "NSN_CONFLICT" };

    /// <summary>
    /// Learners NZQA refused for identity (NSN_CONFLICT) whose data has not changed since: the latest journalled
    /// send of the learner failed with an identity refusal and the item about to be sent is the same (by hash).
    /// They are held until the SMS data changes or the user releases them (-ReleaseHeld). Keyed by the planned record.
    /// </summary>
    public static IDictionary<PlannedRecord, string> HeldLearners(IEnumerable<SyncLogEntry> journal, IReadOnlyList<PlannedRecord> planned)
    {
        var held = new Dictionary<PlannedRecord, string>();
        var wanted = new HashSet<string>(planned.Where(p => p.Diff.Kind == "Learner" && p.Operations.Count > 0).Select(p => p.Diff.Key), StringComparer.Ordinal);
        if (wanted.Count == 0) return held;
        var latest = new Dictionary<string, SyncLogEntry>(StringComparer.Ordinal);
        foreach (var e in journal)
        {
            if (e.Api != "Nzqa" || e.Kind != "Learner" || e.Key == null || !wanted.Contains(e.Key)) continue;
            if (e.Outcome != JournalOutcome.Failed && e.Outcome != JournalOutcome.Synced) continue;
            if (!latest.TryGetValue(e.Key, out var seen) || e.Timestamp >= seen.Timestamp) latest[e.Key] = e;
        }
        foreach (var p in planned)
        {
            if (p.Diff.Kind != "Learner" || p.Operations.Count == 0 || !latest.TryGetValue(p.Diff.Key, out var last)) continue;
            if (last.Outcome != JournalOutcome.Failed || !last.Errors.Any(IsIdentityRefusal)) continue;
            if (last.ItemHash == null || last.ItemHash != SyncRunner.ItemHash(p.Operations[0].Item)) continue;
            held[p] = $"Held: NZQA refused this learner in run {last.RunId} ({last.Timestamp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}): " +
                      string.Join("; ", last.Errors) +
                      " It is not sent again until the SMS data changes; if NZQA has since fixed its side, re-run with -ReleaseHeld.";
        }
        return held;
    }

    public static bool IsIdentityRefusal(string error) =>
        error != null && IdentityRefusals.Any(code => error.StartsWith(code, StringComparison.Ordinal));

    /// <summary>
    /// Learners (by NSN) whose latest journalled NZQA learner send failed with an identity refusal and that have not
    /// synced since, whatever their data is now: NZQA holds that NSN for someone else, so an enrolment, entry or
    /// result sent on it would land on the other person. The value says which run refused it and why.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RefusedForIdentity(IEnumerable<SyncLogEntry> journal)
    {
        var latest = new Dictionary<string, SyncLogEntry>(StringComparer.Ordinal);
        foreach (var e in journal ?? Enumerable.Empty<SyncLogEntry>())
        {
            if (e.Api != "Nzqa" || e.Kind != "Learner" || e.Key == null) continue;
            if (e.Outcome != JournalOutcome.Failed && e.Outcome != JournalOutcome.Synced) continue;
            var nsn = NationalStudentNumber.Normalise(e.Key) ?? e.Key;
            if (!latest.TryGetValue(nsn, out var seen) || e.Timestamp >= seen.Timestamp) latest[nsn] = e;
        }
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in latest)
        {
            var last = pair.Value;
            if (last.Outcome != JournalOutcome.Failed || !last.Errors.Any(IsIdentityRefusal)) continue;
            refused[pair.Key] = $"NZQA refused it for identity in run {last.RunId} ({last.Timestamp.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}): " +
                                string.Join("; ", last.Errors.Where(IsIdentityRefusal));
        }
        return refused;
    }

    /// <summary>
    /// The records whose learner is not accepted by NZQA: a new enrolment, and entries and results, are not sent for
    /// it. <paramref name="failedLearners"/> maps an NSN to what happened to its learner earlier in this session;
    /// <paramref name="refusedEarlier"/> (from <see cref="RefusedForIdentity"/>) to an identity refusal journalled
    /// by an earlier session, released with -ReleaseHeld.
    /// </summary>
    public static IDictionary<PlannedRecord, string> HeldBackByLearner(IReadOnlyList<PlannedRecord> planned, IReadOnlyDictionary<string, string> failedLearners,
        IReadOnlyDictionary<string, string> refusedEarlier = null)
    {
        var held = new Dictionary<PlannedRecord, string>();
        if ((failedLearners == null || failedLearners.Count == 0) && (refusedEarlier == null || refusedEarlier.Count == 0)) return held;
        foreach (var p in planned)
        {
            if (p.Operations.Count == 0) continue;
            var nsn = NationalStudentNumber.Normalise(p.Diff.Nsn);
            if (nsn == null) continue;
            if (p.Diff.Kind == "Enrolment" && p.Headline != SyncAction.Create) continue;
            if (p.Diff.Kind != "Enrolment" && p.Diff.Kind != "Standard") continue;
            var what = p.Diff.Kind == "Enrolment" ? "its new enrolment is" : "its entries and results are";
            if (failedLearners != null && failedLearners.TryGetValue(nsn, out var why))
                held[p] = $"Held back: learner NSN {nsn} was not accepted earlier in this session ({why}); {what} not sent until the learner is synced.";
            else if (refusedEarlier != null && refusedEarlier.TryGetValue(nsn, out var refusal))
                held[p] = $"Held back: learner NSN {nsn} is not accepted by NZQA ({refusal}) and has not synced since; {what} not sent, " +
                          "as it would land on the learner NZQA holds under that NSN. Fix the SMS data and sync the learner (Sync-NzqaLearner), " +
                          "or, if NZQA has since fixed its side, re-run with -ReleaseHeld.";
        }
        return held;
    }
}
