namespace NzqaSync.Domain.Dxp;

/// <summary>The batches to send for one content type, and the records held back.</summary>
public sealed class DxpBatchPlan<T> where T : IDxpRecord
{
    internal DxpBatchPlan(IReadOnlyList<IReadOnlyList<T>> batches, IReadOnlyList<DxpFieldProblem> problems, IReadOnlyList<T> heldBack)
    {
        Batches = batches;
        Problems = problems;
        HeldBack = heldBack;
    }

    /// <summary>Each list is the content of one upload request, at most maxRecordPerBatch records, in input order.</summary>
    public IReadOnlyList<IReadOnlyList<T>> Batches { get; }

    /// <summary>One DxpLocalIdDuplicate (or DxpFieldRequired for a missing localId) per record held back.</summary>
    public IReadOnlyList<DxpFieldProblem> Problems { get; }

    /// <summary>The records not put in any batch, in the same order as <see cref="Problems"/>.</summary>
    public IReadOnlyList<T> HeldBack { get; }
}

/// <summary>
/// Splits one content type's records into upload requests of at most <c>maxRecordPerBatch</c> records (the
/// submission token's limit, "counted across the content"; more gives MP1), and catches a localId used twice in one
/// run before anything is sent: DXP would silently let the second replace the first. The FIRST record with a
/// localId is sent; later ones are held back and reported, never thrown.
/// </summary>
public static class DxpUploadBatcher
{
    public static DxpBatchPlan<T> Plan<T>(IEnumerable<T> records, int maxRecordPerBatch) where T : IDxpRecord
    {
        if (records == null) throw new ArgumentNullException(nameof(records));
        if (maxRecordPerBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxRecordPerBatch), "maxRecordPerBatch must be at least 1.");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var batches = new List<IReadOnlyList<T>>();
        var problems = new List<DxpFieldProblem>();
        var heldBack = new List<T>();
        var current = new List<T>(maxRecordPerBatch);
        var index = 0;
        foreach (var record in records)
        {
            index++;
            if (record == null) continue;
            if (string.IsNullOrEmpty(record.LocalId))
            {
                problems.Add(new DxpFieldProblem("localId", "DxpFieldRequired",
                    $"Record {index} has no localId: \"Each record in the submission content must contain a localId field\".", localId: null));
                heldBack.Add(record);
                continue;
            }
            if (seen.TryGetValue(record.LocalId, out var first))
            {
                problems.Add(new DxpFieldProblem("localId", "DxpLocalIdDuplicate",
                    $"Record {index} repeats localId '{record.LocalId}' of record {first}: \"The value of localId must be unique within the submission\"; record {first} is sent, this one is not.",
                    localId: record.LocalId));
                heldBack.Add(record);
                continue;
            }
            seen[record.LocalId] = index;
            current.Add(record);
            if (current.Count == maxRecordPerBatch)
            {
                batches.Add(current);
                current = new List<T>(maxRecordPerBatch);
            }
        }
        if (current.Count > 0) batches.Add(current);
        return new DxpBatchPlan<T>(batches, problems, heldBack);
    }
}
