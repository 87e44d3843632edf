using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>NzqaUnknownColumnMapField: a -ColumnMap key that names no field of the record (the fields listed).</summary>
internal static class ColumnMapError
{
    public static ErrorRecord ForUnknownKeys(IReadOnlyList<string> unknown, IEnumerable<string> fields, string recordName, object columnMap)
    {
        if (unknown.Count == 0) return null;
        var message = $"-ColumnMap names {string.Join(", ", unknown.Select(u => "'" + u + "'"))}, which {(unknown.Count == 1 ? "is not a field" : "are not fields")} of a {recordName} record. " +
                      $"The fields are: {string.Join(", ", fields)}.";
        return new ErrorRecord(new ArgumentException(message, "ColumnMap"), ErrorIds.NzqaUnknownColumnMapField, ErrorCategory.InvalidArgument, columnMap)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Use the field names as keys: @{ Nsn = 'Student NSN' }." },
        };
    }
}
