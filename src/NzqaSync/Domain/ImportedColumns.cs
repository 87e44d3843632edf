namespace NzqaSync.Domain;

/// <summary>
/// A record read from a file remembers which fields its file had a column for, so that the compare and the sync
/// know an absent column from an empty cell after the record has travelled (Import-NzqaRecord | Compare-Nzqa*, or
/// Compare-Nzqa* -Path). Null when every field counts as given (a record built in a script, or read from NZQA).
/// Internal: not a property PowerShell shows, exports or serialises.
/// </summary>
internal interface IImportedColumns
{
    IReadOnlyCollection<string> PresentFields { get; set; }
}
