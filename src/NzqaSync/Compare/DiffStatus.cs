namespace NzqaSync.Compare;

/// <summary>How a local record stands against NZQA (the Helix screen's categories, plus Invalid).</summary>
public enum DiffStatus
{
    /// <summary>No changes required.</summary>
    Match,
    /// <summary>Exists locally but not at NZQA.</summary>
    New,
    /// <summary>Differences detected.</summary>
    Different,
    /// <summary>The student left school; NZQA does not yet have the leaving date.</summary>
    Leaver,
    /// <summary>Exists at NZQA but not locally.</summary>
    NzqaOnly,
    /// <summary>The local record cannot be sent (see Problems).</summary>
    Invalid,
}

/// <summary>Where a record is in the sync (the Helix screen's Sync Status indicators, plus Failed).</summary>
public enum SyncStatus
{
    /// <summary>Not yet synced.</summary>
    Pending,
    /// <summary>Already identical.</summary>
    Match,
    /// <summary>Successfully sent.</summary>
    Synced,
    /// <summary>Leaving student recorded.</summary>
    Leaver,
    /// <summary>Sent and refused, or could not be sent.</summary>
    Failed,
}
