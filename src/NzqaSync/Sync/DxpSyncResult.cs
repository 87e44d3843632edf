using System;
using System.Collections.Generic;
using NzqaSync.Compare;

namespace NzqaSync.Sync
{
    /// <summary>What Sync-DxpRecord did to one record.</summary>
    public enum DxpSyncAction { None, Upload, Delete }

    /// <summary>Synced (DXP accepted the upload or the delete), Rejected (DXP answered with errors), Failed (the request failed), Skipped (Match or Invalid).</summary>
    public enum DxpSyncOutcome { Synced, Rejected, Failed, Skipped }

    /// <summary>One record's sync with DXP (Sync-DxpRecord).</summary>
    public sealed class DxpSyncResult
    {
        public string Dataset { get; set; }
        public string Kind { get; set; }
        public string LocalId { get; set; }
        public string StudentIdentificationCode { get; set; }
        /// <summary>The diff's status: New, Different, DxpOnly, Match or Invalid.</summary>
        public DxpDiffStatus Status { get; set; }
        public DxpSyncAction Action { get; set; }
        public DxpSyncOutcome Outcome { get; set; }
        /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
        public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
        private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
        public string ReturnId { get; set; }
        public string RunId { get; set; }
        public DateTimeOffset Timestamp { get; set; }
        /// <summary>The diff this result came from.</summary>
        public DxpRecordDiff Diff { get; set; }

        public string ErrorSummary => string.Join("; ", Errors);

        public override string ToString() => $"{Outcome} {Action} {Kind} {LocalId}";
    }
}
