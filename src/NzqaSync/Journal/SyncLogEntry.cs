namespace NzqaSync.Journal;

/// <summary>What happened to one record's push: the journal's view (Get-NzqaSyncLog).</summary>
public sealed class SyncLogEntry
{
    public DateTimeOffset Timestamp { get; set; }
    public string RunId { get; set; }
    public string OperationId { get; set; }
    /// <summary>Nzqa or Dxp.</summary>
    public string Api { get; set; }
    public string Kind { get; set; }
    public string Key { get; set; }
    public string Action { get; set; }
    /// <summary>Pending, Synced, Failed or InDoubt (sent, but the answer was lost: the next compare settles it).</summary>
    public string Outcome { get; set; }
    /// <summary>As text (Export-Csv): the errors joined with "; ".</summary>
    public IReadOnlyList<string> Errors { get => _errors; set => _errors = NzqaSync.Domain.TextList.Of(value); }
    private IReadOnlyList<string> _errors = NzqaSync.Domain.TextList.Of<string>(null);
    /// <summary>The journal file the entry was read from.</summary>
    public string Path { get; set; }

    /// <summary>What the service did when it succeeded: Created, Updated or Unchanged.</summary>
    public string Detail { get; set; }

    /// <summary>A hash of the item sent, to tell whether the data changed since (null on lines from older versions).</summary>
    public string ItemHash { get; set; }
    /// <summary>
    /// With Get-NzqaSyncLog -IncludeExchange: the redacted request and answer (kept for failed and in-doubt
    /// records by default), to send to NZQA's or TEC's support desk. Null when none was kept.
    /// </summary>
    public HttpExchange Exchange { get; set; }

    /// <summary>The approval file the record was sent under: its SHA-256, who signed it and when. Null without one.</summary>
    public JournalApproval Approval { get; set; }

    /// <summary>Who approved the change (the name typed on the review page), when it was sent under an approval.</summary>
    public string ApprovedBy => Approval?.SignedBy;

    public override string ToString() => $"{Timestamp:u} {Kind} {Key} {Action} {Outcome}";
}

/// <summary>The status banner: last sync, a run in progress and counts by outcome, per area.</summary>
public sealed class SyncLogSummary
{
    public string Api { get; set; }
    public string Kind { get; set; }
    public DateTimeOffset? LastSync { get; set; }
    public string LastRunId { get; set; }
    public bool InProgress { get; set; }
    public int Total { get; set; }
    public int Processed { get; set; }
    public int Synced { get; set; }
    public int Failed { get; set; }
    public int InDoubt { get; set; }
    public int Pending { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    /// <summary>Like the Helix banner: "Processing enrolments 150 of 387 (created 34, patched 64)".</summary>
    public string Progress { get; set; }
    public string JournalPath { get; set; }

    public override string ToString() => Progress;
}
