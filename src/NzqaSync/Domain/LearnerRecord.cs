namespace NzqaSync.Domain;

/// <summary>A learner's identity details (NSN, formal names, date of birth, gender, ethnicities).</summary>
public sealed class LearnerRecord : IImportedColumns
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

/// <summary>A standard entry with its result: keyed by NSN, standard number and academic year.</summary>
public sealed class StandardRecord : IImportedColumns
{
    System.Collections.Generic.IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }

    public string Nsn { get; set; }
    public string LocalStudentId { get; set; }
    public string FirstName { get; set; }
    public string LastName { get; set; }
    public string StandardNumber { get; set; }
    public int? StandardVersion { get; set; }
    public int? AcademicYear { get; set; }
    /// <summary>Paper or Digital, for external standards.</summary>
    public string EntryMethod { get; set; }
    /// <summary>N, A, M, E or SNA; empty while no result is reported.</summary>
    public string Result { get; set; }
    /// <summary>The provider whose assessment the result is (the school's own by default; e.g. Te Kura 498).</summary>
    public int? ResultProviderCode { get; set; }
    /// <summary>Entered or Withdrawn.</summary>
    public string Status { get; set; }
    /// <summary>The school the entry belongs to (NZQA side).</summary>
    public int? ProviderNumber { get; set; }
    /// <summary>When the SMS has the student as left (a Leaving Date column, if the export has one).</summary>
    public DateTime? LeavingDate { get; set; }
    public int? SourceLine { get; set; }

    public bool IsWithdrawn => string.Equals(Status, "Withdrawn", StringComparison.OrdinalIgnoreCase);

    public string Name => ((FirstName ?? "") + " " + (LastName ?? "")).Trim();

    public override string ToString() => $"NSN {Nsn} standard {StandardNumber} {AcademicYear}".Trim();
}

/// <summary>A standard in NZQA's catalogue.</summary>
public sealed class StandardDefinition
{
    public string Number { get; set; }
    public int Version { get; set; }
    /// <summary>A (achievement), U (unit) or S (scholarship).</summary>
    public string Type { get; set; }
    public string Title { get; set; }
    public int? Level { get; set; }
    public int? Credits { get; set; }
    /// <summary>Internal or External.</summary>
    public string Assessment { get; set; }
    /// <summary>Unit standards only: whether Merit and Excellence may be awarded.</summary>
    public bool AllowsMerit { get; set; }
}
