namespace NzqaSync.Sync;

/// <summary>DXP refused a batch with MP1 (more records than maxRecordPerBatch): a batching bug, so the run stops.</summary>
public sealed class DxpBatchTooLargeException : Exception
{
    public DxpBatchTooLargeException(string message, Exception inner) : base(message, inner) { }
}
