using System.Net;
using System.Text.RegularExpressions;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;

namespace NzqaSync.Sync;

/// <summary>What DXP's answers to an upload or delete mean for the run: a token to renew, a batch to trim or a run to stop.</summary>
public static class DxpAnswers
{
    private static readonly Regex ContentKey = new Regex(@"^content\[(\d+)\]\.?(.*)$", RegexOptions.CultureInvariant);

    /// <summary>400 SC1/SC2/SC3/SC10: the submission token is not found for this EID (expired, reset): get a new one.</summary>
    public static bool IsSubmissionTokenGone(ServiceException ex) =>
        ex.StatusCode == HttpStatusCode.BadRequest && ex.ErrorCode != null && ex.ErrorCode.StartsWith("SC", StringComparison.OrdinalIgnoreCase);

    /// <summary>A 400 about this batch's content: later batches may still go. Anything else stops the run.</summary>
    public static bool IsBatchSpecific(ServiceException ex) =>
        ex.StatusCode == HttpStatusCode.BadRequest && (ex.ErrorCode == "CV1" || ex.ErrorCode == "GM1" || IsSubmissionTokenGone(ex));

    public static string Size(DxpBody body) =>
        body.Gzip ? $"{body.JsonLength / 1024.0:0.0} KB JSON gzipped to {body.Bytes.Length / 1024.0:0.0} KB" : $"{body.JsonLength / 1024.0:0.0} KB JSON";

    /// <summary>
    /// CV1's "errors" by the batch index they name (content[3].courseCode → 3: "CV1 courseCode: ..."), and those that
    /// name no record of the batch.
    /// </summary>
    public static (Dictionary<int, List<string>> ByIndex, List<string> General) SchemaMismatches(ServiceException ex, int batchCount)
    {
        var byIndex = new Dictionary<int, List<string>>();
        var general = new List<string>();
        foreach (var e in ex.ProblemErrors)
        {
            var m = ContentKey.Match(e.Key);
            if (m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < batchCount)
            {
                if (!byIndex.TryGetValue(index, out var list)) byIndex[index] = list = new List<string>();
                list.AddRange(e.Value.Select(v => $"CV1 {(m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : "content")}: {v}"));
            }
            else general.AddRange(e.Value.Select(v => $"CV1 {e.Key}: {v}"));
        }
        return (byIndex, general);
    }

    /// <summary>DXP's answer to a batch, mapped back by localId: Accepted, Rejected (with DXP's words) or, with no result for a localId, Failed (InDoubt in the journal).</summary>
    public static List<DxpUploadResult> Map<T>(IReadOnlyList<T> batch, List<JournalOperation> ops, DxpUploadResponse response,
        Func<IDxpRecord, DxpUploadOutcome, IReadOnlyList<string>, DxpUploadResult> result) where T : class, IDxpRecord
    {
        var byId = new Dictionary<string, DxpRecordResult>(StringComparer.Ordinal);
        foreach (var item in response?.Content ?? new List<DxpRecordResult>())
            if (item?.LocalId != null && !byId.ContainsKey(item.LocalId)) byId[item.LocalId] = item;
        var results = new List<DxpUploadResult>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch[i];
            if (!byId.TryGetValue(record.LocalId, out var answer))
            {
                var message = $"DXP's answer has no result for localId '{record.LocalId}'; whether it was stored is unknown (the CSV read-back or a validation run will tell).";
                ops[i].Outcome = JournalOutcome.InDoubt;
                ops[i].Errors = new[] { message };
                results.Add(result(record, DxpUploadOutcome.Failed, new[] { message }));
            }
            else if (answer.Accepted)
            {
                ops[i].Outcome = JournalOutcome.Synced;
                ops[i].Detail = "Accepted";
                results.Add(result(record, DxpUploadOutcome.Accepted, Array.Empty<string>()));
            }
            else
            {
                ops[i].Outcome = JournalOutcome.Failed;
                ops[i].Detail = "Rejected";
                ops[i].Errors = answer.Errors.ToArray();
                results.Add(result(record, DxpUploadOutcome.Rejected, answer.Errors.ToArray()));
            }
        }
        return results;
    }
}
