namespace NzqaSync.Domain;

/// <summary>A learner's identity details (NSN, formal names, date of birth, gender, ethnicities).</summary>
public sealed class LearnerRecord : IImportedColumns, IStudentRecord, IUnreadCells
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
    public string MiddleName { get => _middleName; set => _middleName = UnicodeText.Nfc(value); }
    private string _middleName;
    /// <summary>Kept in Unicode NFC (<see cref="UnicodeText"/>): a decomposed macron compares and is sent composed.</summary>
    public string LastName { get => _lastName; set => _lastName = UnicodeText.Nfc(value); }
    private string _lastName;
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
