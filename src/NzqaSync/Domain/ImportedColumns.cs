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
