using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;

namespace NzqaSync.Sync;

/// <summary>One call's worth of change for one record: the change NZQA makes, for which provider, and the item body (the API layer picks the verb and route).</summary>
public sealed class SyncOperation
{
    public SyncOperation(SyncAction action, NzqaWrite write, int provider, JObject item)
    {
        Action = action;
        Write = write;
        Provider = provider;
        Item = item;
    }

    public SyncAction Action { get; }
    public NzqaWrite Write { get; }
    public int Provider { get; }
    public JObject Item { get; }

    /// <summary>The HTTP verb NZQA's API uses for it ("POST", "PATCH", "PUT").</summary>
    public string Verb => NzqaWrites.Verb(Write);

    /// <summary>The route, e.g. providers/257/enrolments.</summary>
    public string Route => NzqaWrites.Route(Write, Provider);
}

/// <summary>A diff and the operations (in order) that bring NZQA in line with it.</summary>
public sealed class PlannedRecord
{
    public PlannedRecord(RecordDiff diff, IReadOnlyList<SyncOperation> operations, SyncAction headline, string skipReason = null)
    {
        Diff = diff;
        Operations = operations;
        Headline = headline;
        SkipReason = skipReason;
    }

    /// <summary>Why a record that differs is not sent (an identity change without consent); null otherwise.</summary>
    public string SkipReason { get; }

    public RecordDiff Diff { get; }
    public IReadOnlyList<SyncOperation> Operations { get; }
    /// <summary>The action the user reads in the result (a leaver whose year level also changed is RecordLeaving).</summary>
    public SyncAction Headline { get; }
}
