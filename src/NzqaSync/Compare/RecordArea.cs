using System;
using System.Collections.Generic;
using NzqaSync.Domain;

namespace NzqaSync.Compare
{
    /// <summary>A field compared between the local record and NZQA's, as a canonical string.</summary>
    public sealed class ComparedField<TRecord>
    {
        public ComparedField(string name, Func<TRecord, string> value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public Func<TRecord, string> Value { get; }
    }

    /// <summary>A local record with the problems found while reading it and the object it came from.</summary>
    public sealed class LocalRecord<TRecord>
    {
        public LocalRecord(TRecord record, IReadOnlyList<RecordProblem> problems, object source)
        {
            Record = record;
            Problems = problems ?? Array.Empty<RecordProblem>();
            Source = source;
        }

        public TRecord Record { get; }
        public IReadOnlyList<RecordProblem> Problems { get; }
        public object Source { get; }
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

        /// <summary>Status of a record present on both sides.</summary>
        public virtual (DiffStatus, SyncStatus) Classify(TRecord local, TRecord nzqa, IReadOnlyList<FieldDifference> differences) =>
            differences.Count == 0 ? (DiffStatus.Match, SyncStatus.Match) : (DiffStatus.Different, SyncStatus.Pending);

        /// <summary>Status of a local record NZQA does not hold.</summary>
        public virtual (DiffStatus, SyncStatus) ClassifyMissingAtNzqa(TRecord local) => (DiffStatus.New, SyncStatus.Pending);
    }
}
