namespace NzqaSync.Domain;

/// <summary>Why a local record cannot be sent: a stable id (the ErrorRecord id), the field and a readable message.</summary>
public sealed class RecordProblem
{
    public RecordProblem(string errorId, string field, string message)
    {
        ErrorId = errorId;
        Field = field;
        Message = message;
    }

    public string ErrorId { get; }
    public string Field { get; }
    public string Message { get; }

    public override string ToString() => Message;
}
