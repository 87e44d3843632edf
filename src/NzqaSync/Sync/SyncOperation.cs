using System.Collections.Generic;
using System.Net.Http;
using Newtonsoft.Json.Linq;
using NzqaSync.Compare;

namespace NzqaSync.Sync
{
    /// <summary>One call's worth of change for one record: the route, the verb and the item body.</summary>
    public sealed class SyncOperation
    {
        public SyncOperation(SyncAction action, HttpMethod method, string route, JObject item)
        {
            Action = action;
            Method = method;
            Route = route;
            Item = item;
        }

        public SyncAction Action { get; }
        public HttpMethod Method { get; }
        public string Route { get; }
        public JObject Item { get; }
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
}
