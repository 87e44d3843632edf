namespace NzqaSync.Domain;

/// <summary>A student's enrolment at the school, as the SMS holds it or as NZQA holds it.</summary>
public sealed class EnrolmentRecord : IImportedColumns, IStudentRecord, IUnreadCells
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
    public DateTime? EnrolmentDate { get; set; }
    public int? YearLevel { get; set; }
    public DateTime? LeavingDate { get; set; }
    public string LeavingReason { get; set; }

    /// <summary>NZQA's own status (Active, Leaving); empty for local records.</summary>
    public string Status { get; set; }

    /// <summary>Line in the source file, when the record came from a CSV file.</summary>
    public int? SourceLine { get; set; }

    public string Name => ((FirstName ?? "") + " " + (LastName ?? "")).Trim();

    public override string ToString() => $"NSN {Nsn} {Name}".Trim();
}
