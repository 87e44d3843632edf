namespace NzqaSync.Domain;

/// <summary>A learner's identity details (NSN, formal names, date of birth, gender, ethnicities).</summary>
public sealed class LearnerRecord : IImportedColumns, IStudentRecord
{
    System.Collections.Generic.IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }

    public string Nsn { get; set; }
    public string LocalStudentId { get; set; }
    public string FirstName { get; set; }
    public string MiddleName { get; set; }
    public string LastName { get; set; }
    public DateTime? DateOfBirth { get; set; }
    /// <summary>M, F, D (another gender) or U (unknown).</summary>
    public string Gender { get; set; }
    /// <summary>Up to three ethnicity codes.</summary>
    public string[] Ethnicities { get; set; }
    /// <summary>When the SMS has the student as left (a Leaving Date column, if the export has one): information only.</summary>
    public DateTime? LeavingDate { get; set; }
    public int? SourceLine { get; set; }

    public string Name => ((FirstName ?? "") + " " + (LastName ?? "")).Trim();

    public override string ToString() => $"NSN {Nsn} {Name}".Trim();
}
