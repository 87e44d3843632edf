namespace NzqaSync.Sandbox.Nzqa;

// NZQA's per-item rules, shared by every area (NzqaStore.Enrolments/Learners/Entries.cs). Every item gets a result: Created, Updated, Unchanged or Failed with codes and messages
// ("For each item of data submitted to NZQA, a success or failure response will be returned" — NZQA).
public sealed partial class NzqaStore
{
    public static readonly IReadOnlyCollection<string> LeavingReasons = new[] { "TRANSFER", "EMPLOYMENT", "TERTIARY", "OVERSEAS", "EXCLUDED", "OTHER" };
    public static readonly IReadOnlyCollection<string> Genders = new[] { "M", "F", "D", "U" };

    /// <summary>Stats NZ level-3 ethnicity codes the sandbox accepts.</summary>
    public static readonly IReadOnlyCollection<string> EthnicityCodes = new[]
    {
        "111", "121", "122", "123", "124", "125", "126", "127", "128", "129", "211", "311", "321", "331", "341", "351", "361", "371",
        "411", "412", "413", "414", "421", "431", "441", "442", "443", "444", "511", "521", "531", "611", "999",
    };

    private static readonly HashSet<string> EthnicitySet = new(EthnicityCodes, StringComparer.Ordinal);

    /// <summary>NSNs are numeric, up to 10 digits (NZQA). The check-digit algorithm is not public, so none is applied.</summary>
    public static bool IsValidNsn(string nsn) => !string.IsNullOrEmpty(nsn) && nsn.Length <= 10 && nsn.All(c => c >= '0' && c <= '9');

    private static NzqaItemResult Ok(int index, string key, string outcome) => new(index, key, outcome, Array.Empty<NzqaItemError>());
    private static NzqaItemResult Fail(int index, string key, List<NzqaItemError> errors) => new(index, key, NzqaOutcome.Failed, errors);
    private static NzqaItemResult Fail(int index, string key, string code, string message) => new(index, key, NzqaOutcome.Failed, new[] { new NzqaItemError(code, message) });
    private static NzqaItemError Err(string code, string message) => new(code, message);
    private static NzqaItemResult NotAnObject(int index) => Fail(index, null, "FIELD_INVALID", "Each item must be a JSON object.");

    /// <summary>One batch write: every item through its rule under the store's lock (the batch is atomic); an item that
    /// is not a JSON object fails on its own.</summary>
    private List<NzqaItemResult> EachItem(IReadOnlyList<BatchItem> items, Func<int, BatchItem, NzqaItemResult> rule)
    {
        var results = new List<NzqaItemResult>(items.Count);
        lock (_gate)
            for (var i = 0; i < items.Count; i++) results.Add(items[i].IsObject ? rule(i, items[i]) : NotAnObject(i));
        return results;
    }

    /// <summary>A batch write of learner-keyed items: each item's NSN and fields are read first and an item with any
    /// problem fails with all of them; only a sound item is applied.</summary>
    private List<NzqaItemResult> EachNsnItem<TFields>(IReadOnlyList<BatchItem> items, Func<BatchItem, List<NzqaItemError>, TFields> read,
        Func<int, string, TFields, NzqaItemResult> apply) =>
        EachItem(items, (index, item) =>
        {
            var errors = new List<NzqaItemError>();
            var nsn = NsnOf(item, errors);
            var fields = read(item, errors);
            return errors.Count > 0 ? Fail(index, nsn, errors) : apply(index, nsn, fields);
        });

    private static string NsnOf(BatchItem item, List<NzqaItemError> errors)
    {
        var nsn = item.Str("nsn");
        if (!nsn.Ok || !IsValidNsn(nsn.Value))
            errors.Add(Err("NSN_INVALID", nsn.Value == null
                ? "nsn is required: the learner's National Student Number."
                : $"NSN '{nsn.Value}' is not valid: an NSN is numeric, up to 10 digits. The learner is not processed until it is corrected."));
        return nsn.Value;
    }
}
