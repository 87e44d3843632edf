using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>
/// Joins local records to NZQA's on the natural key (one hash join, no I/O) and says for each what differs.
/// Every local record comes out exactly once, in input order, followed by the NZQA-only records.
/// </summary>
public static class RecordComparer
{
    private static readonly IReadOnlyList<FieldDifference> NoDifferences = TextList.Of<FieldDifference>(null);

    public static IEnumerable<TDiff> Compare<TRecord, TDiff>(
        RecordArea<TRecord, TDiff> area,
        IReadOnlyList<LocalRecord<TRecord>> local,
        IEnumerable<TRecord> nzqa)
        where TDiff : RecordDiff
    {
        using (LocalToday.Fix())
            foreach (var diff in CompareToday(area, local, nzqa))
                yield return diff;
    }

    private static IEnumerable<TDiff> CompareToday<TRecord, TDiff>(
        RecordArea<TRecord, TDiff> area,
        IReadOnlyList<LocalRecord<TRecord>> local,
        IEnumerable<TRecord> nzqa)
        where TDiff : RecordDiff
    {
        // One table for both sides, keyed by the local keys: how often each appears locally and NZQA's record for it.
        // NZQA's key strings for records the school also has are dropped as soon as they are looked up (the local
        // key is the one kept), so a 100,000-record compare holds one key string per record, not two.
        var localKeys = new string[local.Count];
        var byKey = new Dictionary<string, KeySlot<TRecord>>(local.Count, StringComparer.Ordinal);
        for (var i = 0; i < local.Count; i++)
        {
            var key = area.KeyOf(local[i].Record);
            localKeys[i] = key;
            if (key == null) continue;
            byKey.TryGetValue(key, out var slot);
            slot.Count++;
            byKey[key] = slot;
        }
        // NZQA's records no local record has, in NZQA's order (the last of a repeated key wins, as NZQA's own would).
        var nzqaOnly = new Dictionary<string, TRecord>(StringComparer.Ordinal);
        foreach (var record in nzqa)
        {
            var key = area.KeyOf(record);
            if (key == null) continue;
            if (byKey.TryGetValue(key, out var slot))
            {
                slot.Nzqa = record;
                slot.HasNzqa = true;
                byKey[key] = slot;
            }
            else
            {
                nzqaOnly[key] = record;
            }
        }

        // Rows of one input share their shape (the same Present set): work out the absent fields once per shape.
        var absentByShape = new Dictionary<object, IReadOnlyList<string>>(ReferenceEqualityComparer.Instance);
        // A student's name is on each of their rows: the diffs share one string per name.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < local.Count; i++)
        {
            var item = local[i];
            var key = localKeys[i];
            var found = default(KeySlot<TRecord>);
            if (key != null) byKey.TryGetValue(key, out found);
            var nzqaRecord = found.Nzqa;
            var hasNzqa = found.HasNzqa;

            // Most records have no problem: allocate the list only when one turns up.
            var readProblems = item.Problems;
            List<RecordProblem> problems = readProblems.Count > 0 ? new List<RecordProblem>(readProblems) : null;
            // A field that could not be read is reported once, not again as "missing"; an object with none of the
            // fields (a file from Get-ChildItem piped in) is that one problem, not also every field missing.
            // Null for a typed record (every field counts as given).
            IReadOnlyList<string> absent = null;
            if (item.Present != null && !absentByShape.TryGetValue(item.Present, out absent))
                absentByShape[item.Present] = absent = TextList.Of(area.AbsentFields(item.Present));
            if (readProblems.Count == 0 || !HasId(readProblems, "NzqaNoKnownProperties"))
            {
                AddNew(ref problems, readProblems, area.Check(item.Record));
                AddNew(ref problems, readProblems, area.CheckAgainstNzqa(item.Record, nzqaRecord));
                AddNew(ref problems, readProblems, area.CheckPresent(item.Record, nzqaRecord, absent));
            }
            if (found.Count > 1)
                (problems ?? (problems = new List<RecordProblem>())).Add(new RecordProblem("NzqaDuplicateKey", "Key",
                    $"{area.Kind} {key} appears {found.Count} times in the local data: keep one and re-run."));

            var diff = area.CreateDiff(item.Record, hasNzqa ? nzqaRecord : default);
            diff.Key = key ?? "";
            diff.Nsn = area.NsnOf(item.Record);
            diff.Name = Pooled(names, area.NameOf(item.Record));
            if (absent != null) diff.AbsentFields = absent;

            if (problems != null)
            {
                diff.Source = item.Source;
                diff.Status = DiffStatus.Invalid;
                // Not yet synced (it cannot be until corrected): nothing was sent, so nothing has failed.
                diff.SyncStatus = SyncStatus.Pending;
                diff.Problems = problems.GroupBy(p => p.ErrorId + "|" + p.Field + "|" + p.Message).Select(g => g.First()).ToArray();
            }
            else if (!hasNzqa)
            {
                (diff.Status, diff.SyncStatus) = area.ClassifyMissingAtNzqa(item.Record);
            }
            else
            {
                var differences = area.Differences(item.Record, nzqaRecord, absent);
                diff.Differences = differences;
                (diff.Status, diff.SyncStatus) = area.Classify(item.Record, nzqaRecord, differences);
            }
            yield return diff;
        }

        // The local side is done: its table and keys can go before NZQA's own records are written.
        byKey = null;
        localKeys = null;
        foreach (var pair in nzqaOnly)
        {
            var diff = area.CreateDiff(default, pair.Value);
            diff.Key = pair.Key;
            diff.Nsn = area.NsnOf(pair.Value);
            diff.Name = area.NameOf(pair.Value);
            diff.Status = DiffStatus.NzqaOnly;
            // Not identical (the school has no such record) and nothing to send: no sync status.
            diff.SyncStatus = null;
            yield return diff;
        }
    }

    public static IReadOnlyList<FieldDifference> Differences<TRecord>(IReadOnlyList<ComparedField<TRecord>> fields, TRecord local, TRecord nzqa, IReadOnlyList<string> absent = null)
    {
        List<FieldDifference> found = null;
        for (var f = 0; f < fields.Count; f++)
        {
            if (absent != null && absent.Count > 0 && Contains(absent, fields[f].Name)) continue;
            var l = fields[f].Value(local) ?? "";
            var n = fields[f].Value(nzqa) ?? "";
            if (string.Equals(l, n, StringComparison.Ordinal)) continue;
            (found ?? (found = new List<FieldDifference>())).Add(new FieldDifference(fields[f].Name, l, n));
        }
        return found == null ? NoDifferences : new TextList<FieldDifference>(found);
    }

    private struct KeySlot<TRecord>
    {
        public int Count;          // local records with the key
        public bool HasNzqa;
        public TRecord Nzqa;       // NZQA's record with the key (the last, if NZQA repeats it)
    }

    /// <summary>Adds the rule's problems, except for a field a reading problem already names.</summary>
    private static void AddNew(ref List<RecordProblem> problems, IReadOnlyList<RecordProblem> readProblems, IEnumerable<RecordProblem> found)
    {
        foreach (var problem in found)
        {
            var named = false;
            for (var r = 0; r < readProblems.Count && !named; r++) named = readProblems[r].Field == problem.Field;
            if (!named) (problems ?? (problems = new List<RecordProblem>())).Add(problem);
        }
    }

    private static string Pooled(Dictionary<string, string> pool, string text)
    {
        if (text == null) return null;
        if (pool.TryGetValue(text, out var shared)) return shared;
        pool[text] = text;
        return text;
    }

    private static bool HasId(IReadOnlyList<RecordProblem> problems, string errorId)
    {
        for (var i = 0; i < problems.Count; i++)
            if (problems[i].ErrorId == errorId) return true;
        return false;
    }

    private static bool Contains(IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i], name, StringComparison.Ordinal)) return true;
        return false;
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceEqualityComparer Instance = new ReferenceEqualityComparer();
        public new bool Equals(object x, object y) => ReferenceEquals(x, y);
        public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
    }
}
