using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>A field compared between the local record and NZQA's, as a canonical string.</summary>
public sealed class ComparedField<TRecord>(string name, Func<TRecord, string> value)
{
    public string Name { get; } = name;
    public Func<TRecord, string> Value { get; } = value;
}

/// <summary>A local record with the problems found while reading it and the object it came from.</summary>
public sealed class LocalRecord<TRecord>
{
    public LocalRecord(TRecord record, IReadOnlyList<RecordProblem> problems, object source, IReadOnlyCollection<string> present = null)
    {
        Record = record;
        Problems = problems ?? Array.Empty<RecordProblem>();
        _source = source;
        // A record read from a file carries its file's columns (Import-NzqaRecord | Compare-Nzqa*, -Path).
        Present = present ?? (record as Domain.IImportedColumns)?.PresentFields;
    }

    /// <summary>
    /// A typed record whose source object is made again only when something asks for it (an invalid record's diff and
    /// error name it): the wrapper it came in is not kept alive for every record of a large compare.
    /// </summary>
    public LocalRecord(TRecord record, Func<TRecord, object> sourceOf)
        : this(record, null, null)
    {
        _sourceOf = sourceOf;
    }

    private readonly object _source;
    private readonly Func<TRecord, object> _sourceOf;

    public TRecord Record { get; }

    /// <summary>Its problems are cells of a file row that could not be read, already written as errors by the import.</summary>
    public bool ProblemsReported { get; set; }

    /// <summary>
    /// The fields (binding names) the input had a column or property for; null when every field counts as given (a
    /// typed record). A field whose column is absent is neither compared nor sent; a present, empty one is a blank.
    /// </summary>
    public IReadOnlyCollection<string> Present { get; }
    public IReadOnlyList<RecordProblem> Problems { get; }
    public object Source => _sourceOf != null ? _sourceOf(Record) : _source;
}

/// <summary>
/// What the comparer needs to know about one area (Enrolments, Learner Details, Standards): its natural key,
/// the fields it compares, the local rules and how differences become a status.
/// </summary>
public abstract class RecordArea<TRecord, TDiff> where TDiff : RecordDiff
{
    public abstract string Kind { get; }

    /// <summary>The canonical natural key; null when the record has no usable key.</summary>
    public abstract string KeyOf(TRecord record);

    public abstract string NsnOf(TRecord record);
    public abstract string NameOf(TRecord record);
    public abstract IReadOnlyList<ComparedField<TRecord>> Fields { get; }

    /// <summary>Rules a local record must meet before it may be sent.</summary>
    public abstract IEnumerable<RecordProblem> Check(TRecord local);

    /// <summary>Rules that depend on what NZQA holds for the record (<paramref name="nzqa"/> is null when it holds nothing).</summary>
    public virtual IEnumerable<RecordProblem> CheckAgainstNzqa(TRecord local, TRecord nzqa) => Array.Empty<RecordProblem>();

    public abstract TDiff CreateDiff(TRecord local, TRecord nzqa);

    /// <summary>The input fields (binding names) that feed a compared field; it is absent when none of them was given.</summary>
    protected virtual IEnumerable<string> SourcesOf(string comparedField) => new[] { comparedField };

    /// <summary>The compared fields the input had no column or property for (none when <paramref name="present"/> is null).</summary>
    public virtual IReadOnlyList<string> AbsentFields(IReadOnlyCollection<string> present)
    {
        if (present == null) return Array.Empty<string>();
        var absent = new List<string>();
        foreach (var field in Fields)
        {
            var given = false;
            foreach (var source in SourcesOf(field.Name))
                if (System.Linq.Enumerable.Contains(present, source)) { given = true; break; }
            if (!given) absent.Add(field.Name);
        }
        return absent;
    }

    /// <summary>What differs, leaving out the fields the input did not have.</summary>
    public virtual IReadOnlyList<FieldDifference> Differences(TRecord local, TRecord nzqa, IReadOnlyList<string> absent) =>
        RecordComparer.Differences(Fields, local, nzqa, absent);

    /// <summary>Rules about fields the input gave (present, even if blank), e.g. a deliberate blank NZQA would refuse.</summary>
    public virtual IEnumerable<RecordProblem> CheckPresent(TRecord local, TRecord nzqa, IReadOnlyList<string> absent) => Array.Empty<RecordProblem>();

    /// <summary>Status of a record present on both sides.</summary>
    public virtual (DiffStatus, SyncStatus) Classify(TRecord local, TRecord nzqa, IReadOnlyList<FieldDifference> differences) =>
        differences.Count == 0 ? (DiffStatus.Match, SyncStatus.Match) : (DiffStatus.Different, SyncStatus.Pending);

    /// <summary>Status of a local record NZQA does not hold.</summary>
    public virtual (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(TRecord local) => (DiffStatus.New, SyncStatus.Pending);
}
