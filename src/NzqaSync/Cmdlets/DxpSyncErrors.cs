using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>The errors Sync-DxpRecord writes: a record not synced, and a session that cannot confirm.</summary>
internal static class DxpSyncErrors
{
    public static ErrorRecord NotSynced(DxpSyncResult result, string errorId)
    {
        var message = $"{result.Kind} {result.LocalId} was not {(result.Action == DxpSyncAction.Delete ? "deleted" : "uploaded")}: {result.ErrorSummary}";
        return new ErrorRecord(new InvalidOperationException(message), errorId,
            result.Outcome == DxpSyncOutcome.Rejected ? ErrorCategory.InvalidData : ErrorCategory.InvalidResult, result)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = result.Action == DxpSyncAction.Delete
                    ? "Check what the return holds for this localId (Get-DxpSubmissionContent), then compare and sync again."
                    : "Correct the record in the SMS export, then compare and sync again.",
            },
        };
    }

    public static ErrorRecord NotConfirmed(Exception cannotAsk, DxpRecordDiff diff)
    {
        var message = $"Sync-DxpRecord asks before each upload and delete, and this session cannot ask, so nothing was sent: {cannotAsk.Message}";
        return new ErrorRecord(new InvalidOperationException(message, cannotAsk), ErrorIds.DxpSyncNotConfirmed, ErrorCategory.OperationStopped, diff)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Scripts and scheduled tasks pass -Confirm:$false (review first with -WhatIf: it deletes what the local data no longer has)." },
        };
    }
}
