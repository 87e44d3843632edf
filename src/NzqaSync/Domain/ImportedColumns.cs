namespace NzqaSync.Domain;

/// <summary>
/// A record read from a file remembers the line it came from, and which fields its file had a column for, so that the compare and the sync
/// know an absent column from an empty cell after the record has travelled (Import-NzqaRecord | Compare-Nzqa*, or
/// Compare-Nzqa* -Path). Null when every field counts as given (a record built in a script, or read from NZQA).
/// Internal: not a property PowerShell shows, exports or serialises.
/// </summary>
internal interface IImportedColumns
{
    IReadOnlyCollection<string> PresentFields { get; set; }

    /// <summary>The line of the file the record was read from (the public SourceLine of the NZQA records).</summary>
    int? SourceLine { get; set; }

    /// <summary>The file the record was read from, shared by all its records: whether rows of it could not be read at all.</summary>
    ImportedFile SourceFile { get; set; }
}

/// <summary>
/// A file records were read from. Rows that could not be read at all (a quote never closed swallows the rest of the
/// file; a row of the wrong shape) have no key: with any, records the service holds and the file does not show cannot
/// be told from records the file lost, so a compare marks none NzqaOnly/DxpOnly (a sync would delete them).
/// </summary>
internal sealed class ImportedFile(string name)
{
    public string Name { get; } = name;

    /// <summary>Rows not read at all (at least one when a quote was never closed: the rest of the file is lost with it).</summary>
    public int UnreadRows { get; set; }

    /// <summary>The first such row's line.</summary>
    public int? FirstUnreadLine { get; set; }
}

/// <summary>
/// A record made from a file row with cells that could not be read (a date that is not a date): the import wrote an
/// error for each; the record still comes out, those fields empty, so that a compare shows it Invalid under its key.
/// Left out, it would read as "no longer in the SMS" — NzqaOnly, or DxpOnly and deleted from the return by a sync.
/// Internal, as <see cref="IImportedColumns"/> is.
/// </summary>
internal interface IUnreadCells
{
    IReadOnlyList<RecordProblem> UnreadCells { get; set; }
}
