namespace NzqaSync.Domain;

/// <summary>Why a local record cannot be sent: a stable id (the ErrorRecord id), the field and a readable message.</summary>
public sealed class RecordProblem(string errorId, string field, string message)
{
    public string ErrorId { get; } = errorId;
    public string Field { get; } = field;
    public string Message { get; } = message;

    public override string ToString() => Message;
}
