namespace NzqaSync.Domain;

/// <summary>A standard entry with its result: keyed by NSN, standard number and academic year.</summary>
public sealed class StandardRecord : IImportedColumns, IStudentRecord, IUnreadCells
{
    IReadOnlyList<RecordProblem> IUnreadCells.UnreadCells { get; set; }
    System.Collections.Generic.IReadOnlyCollection<string> IImportedColumns.PresentFields { get; set; }
    ImportedFile IImportedColumns.SourceFile { get; set; }

    public string Nsn { get; set; }
    public string LocalStudentId { get; set; }
    /// <summary>Kept in Unicode NFC (<see cref="UnicodeText"/>): a decomposed macron compares and is sent composed.</summary>
    public string FirstName { get => _firstName; set => _firstName = UnicodeText.Nfc(value); }
    private string _firstName;
    /// <summary>Kept in Unicode NFC (<see cref="UnicodeText"/>): a decomposed macron compares and is sent composed.</summary>
    public string LastName { get => _lastName; set => _lastName = UnicodeText.Nfc(value); }
    private string _lastName;
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
