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
