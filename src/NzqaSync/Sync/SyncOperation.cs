using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>One call's worth of change for one record: the change NZQA makes, for which provider, and the item body (the API layer picks the verb and route).</summary>
public sealed class SyncOperation(SyncAction action, NzqaWrite write, int provider, JObject item)
{
    public SyncAction Action { get; } = action;
    public NzqaWrite Write { get; } = write;
    public int Provider { get; } = provider;
    public JObject Item { get; } = item;

    /// <summary>The HTTP verb NZQA's API uses for it ("POST", "PATCH", "PUT").</summary>
    public string Verb => NzqaWrites.Verb(Write);

    /// <summary>The route, e.g. providers/257/enrolments.</summary>
    public string Route => NzqaWrites.Route(Write, Provider);
}

/// <summary>A diff and the operations (in order) that bring NZQA in line with it.</summary>
public sealed class PlannedRecord(RecordDiff diff, IReadOnlyList<SyncOperation> operations, SyncAction headline, string skipReason = null, string note = null)
{
    /// <summary>Why nothing is sent when that is as it should be (NZQA's result kept); not a problem for a person.</summary>
    public string Note { get; } = note;

    /// <summary>Why a record that differs is not sent (an identity change without consent); null otherwise.</summary>
    public string SkipReason { get; } = skipReason;

    public RecordDiff Diff { get; } = diff;
    public IReadOnlyList<SyncOperation> Operations { get; } = operations;
    /// <summary>The action the user reads in the result (a leaver whose year level also changed is RecordLeaving).</summary>
    public SyncAction Headline { get; } = headline;
}
