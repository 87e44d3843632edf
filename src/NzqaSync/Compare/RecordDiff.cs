using NzqaSync.Domain;

namespace NzqaSync.Compare
{
    /// <summary>One record's comparison between the local SMS and NZQA; the shape every area shares.</summary>
    public abstract class RecordDiff
    {
        private static readonly IReadOnlyList<FieldDifference> NoDifferences = TextList.Of<FieldDifference>(null);
        private static readonly IReadOnlyList<RecordProblem> NoProblems = TextList.Of<RecordProblem>(null);
        private static readonly IReadOnlyList<string> NoAbsentFields = TextList.Of<string>(null);

        public abstract string Kind { get; }
        public string Key { get; set; }
        public string Nsn { get; set; }
        public string Name { get; set; }
        /// <summary>
        /// The status. Internal so that what PowerShell shows is the CodeProperty Status of NzqaSync.types.ps1xml, the
        /// status's name: ConvertTo-Json reads public .NET properties by reflection and writes an enum as its number.
        /// </summary>
        internal DiffStatus Status { get; set; }
        /// <summary>
        /// Where the record is in the sync, as the Helix screen means it: Pending (not yet synced: New, Different, Leaver,
        /// and Invalid until it is corrected), Match (already identical), Leaver (leaving recorded at NZQA), Synced or
        /// Failed only after a sync. None for an NZQA-only record: the school has nothing of its own to sync.
        /// </summary>
        public SyncStatus? SyncStatus { get; set; } = Compare.SyncStatus.Pending;

        /// <summary>Each field that differs; as text (Export-Csv) "Field: local (NZQA value); …", "(none)" for an empty side.</summary>
        public IReadOnlyList<FieldDifference> Differences { get => _differences; set => _differences = value == null || value.Count == 0 ? NoDifferences : TextList.Of(value); }

        /// <summary>Why an Invalid record cannot be sent; as text (Export-Csv) the messages joined with "; ".</summary>
        public IReadOnlyList<RecordProblem> Problems { get => _problems; set => _problems = value == null || value.Count == 0 ? NoProblems : TextList.Of(value); }

        private IReadOnlyList<FieldDifference> _differences = NoDifferences;
        private IReadOnlyList<RecordProblem> _problems = NoProblems;

        /// <summary>Compared fields the local input had no column or property for: not compared, never sent; as text (Export-Csv) joined with "; ".</summary>
        public IReadOnlyList<string> AbsentFields { get => _absentFields; set => _absentFields = value == null || value.Count == 0 ? NoAbsentFields : TextList.Of(value); }
        // The empty lists are shared: a hundred thousand diffs without differences hold no list of their own.
        private IReadOnlyList<string> _absentFields = NoAbsentFields;

        /// <summary>
        /// The NZQA provider (school) this record was compared for: Sync-Nzqa* sends it only on a connection to that
        /// provider (and <see cref="ComparedBaseUri"/>). Null when compared with -NzqaRecord (no connection read).
        /// </summary>
        public int? ComparedProvider { get; set; }

        /// <summary>The NZQA API base URI this record was compared against; null with -NzqaRecord.</summary>
        public string ComparedBaseUri { get; set; }

        /// <summary>
        /// Null when a sync on a connection to <paramref name="provider"/> at <paramref name="baseUri"/> may send this
        /// diff; else why not: it was compared for another school (or another NZQA), and what NZQA holds there was
        /// never read, so sending it would write this school's data into another's (trial 5, D15).
        /// </summary>
        public string ComparedForOtherConnection(int provider, System.Uri baseUri) =>
            ComparedConnection.Mismatch($"{Kind} {Key}", "NZQA", "provider", ComparedProvider, ComparedBaseUri, provider, baseUri, "Connect-Nzqa");

        /// <summary>For an Invalid record, the input object it came from (the target of the error about it).</summary>
        public object Source { get; set; }

        /// <summary>One readable line for Out-GridView and the default table.</summary>
        public string DifferenceSummary => DifferenceText.Summary(Problems.Select(p => p.Message), Differences);

        public override string ToString() => $"{Status} {Key} {Name}".Trim();
    }

    public sealed class EnrolmentDiff : RecordDiff
    {
        public override string Kind => "Enrolment";
        public EnrolmentRecord Local { get; set; }
        public EnrolmentRecord Nzqa { get; set; }
    }
}

namespace NzqaSync.Compare
{
    public sealed class LearnerDiff : RecordDiff
    {
        /// <summary>The fields that say who a learner is: legal names and date of birth.</summary>
        public static readonly System.Collections.Generic.IReadOnlyList<string> IdentityFields = new[] { "FirstName", "MiddleName", "LastName", "DateOfBirth" };

        public override string Kind => "Learner";
        public NzqaSync.Domain.LearnerRecord Local { get; set; }
        public NzqaSync.Domain.LearnerRecord Nzqa { get; set; }

        /// <summary>
        /// The school's data would change the identity (legal names, date of birth) of a learner NZQA already holds.
        /// Not sent unless the user says so (Sync-NzqaLearner -AllowIdentityChange): a wrong NSN in the SMS would
        /// otherwise overwrite another person's record, unattended.
        /// </summary>
        public bool IdentityChange => Local != null && Nzqa != null && Differences.Any(d => IdentityFields.Contains(d.Field));
    }

    public sealed class StandardDiff : RecordDiff
    {
        public override string Kind => "Standard";
        public NzqaSync.Domain.StandardRecord Local { get; set; }
        public NzqaSync.Domain.StandardRecord Nzqa { get; set; }
        public string StandardNumber => Local?.StandardNumber ?? Nzqa?.StandardNumber;
        public int? AcademicYear => Local?.AcademicYear ?? Nzqa?.AcademicYear;
        /// <summary>The catalogue's version of the standard, used when the SMS gives none.</summary>
        public int? CatalogueVersion { get; set; }
        public string LocalResult => ResultText(Local);
        public string NzqaResult => ResultText(Nzqa);

        private static string ResultText(NzqaSync.Domain.StandardRecord r) =>
            r == null ? null : r.IsWithdrawn ? "Withdrawn" : NzqaSync.Domain.ResultCode.Normalise(r.Result);
    }
}
