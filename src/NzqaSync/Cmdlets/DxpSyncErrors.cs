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

    /// <summary>Something other than Compare-DxpRecord's diffs was piped in (an NZQA diff, a record, a file): one clear error, nothing sent.</summary>
    public static ErrorRecord WrongInput(object input)
    {
        string message, action;
        if (input is RecordDiff nzqa)
        {
            message = $"Sync-DxpRecord takes the diffs Compare-DxpRecord writes, but an NZQA {nzqa.Kind.ToLowerInvariant()} diff was piped in: " +
                      $"NZQA diffs go to Sync-Nzqa{nzqa.Kind}. Nothing was sent.";
            action = $"Pipe it to Sync-Nzqa{nzqa.Kind}, or pipe Compare-DxpRecord's output to Sync-DxpRecord.";
        }
        else
        {
            message = $"Sync-DxpRecord takes the diffs Compare-DxpRecord writes, but {(input == null ? "nothing" : "a " + input.GetType().Name)} was piped in: " +
                      "compare first (Import-NzqaRecord -Path <file> -Kind DxpLearner | Compare-DxpRecord -Dataset Learner | Sync-DxpRecord). Nothing was sent.";
            action = "Pipe Compare-DxpRecord's output to Sync-DxpRecord.";
        }
        return AdvisedError.Of(new ArgumentException(message), ErrorIds.DxpWrongInputKind, ErrorCategory.InvalidArgument, input, action);
    }

    public static ErrorRecord NotConfirmed(Exception cannotAsk, DxpRecordDiff diff)
    {
        var message = $"Sync-DxpRecord asks before each upload and delete, and this session cannot ask, so nothing was sent: {cannotAsk.Message}";
        return AdvisedError.Of(new InvalidOperationException(message, cannotAsk), ErrorIds.DxpSyncNotConfirmed, ErrorCategory.OperationStopped, diff,
            "Scripts and scheduled tasks pass -Confirm:$false (review first with -WhatIf: it deletes what the local data no longer has).");
    }

    /// <summary>A diff compared for another EDUMIS (or DXP) than the sync's connection: nothing is sent for it.</summary>
    public static ErrorRecord FromOtherProvider(string message, DxpRecordDiff diff) =>
        AdvisedError.Of(new InvalidOperationException(message), ErrorIds.DxpDiffFromOtherProvider, ErrorCategory.InvalidOperation, diff,
            "Compare again on this connection (Compare-DxpRecord after Connect-Dxp), or sync on the connection the diff was compared on (-Connection).");
}
