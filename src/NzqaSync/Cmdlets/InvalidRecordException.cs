using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>A local record that cannot be sent; carried by the ErrorRecord Compare writes for it.</summary>
public sealed class InvalidRecordException : Exception
{
    public InvalidRecordException(string message, IReadOnlyList<RecordProblem> problems) : base(message) => Problems = problems;
    public IReadOnlyList<RecordProblem> Problems { get; }
}
