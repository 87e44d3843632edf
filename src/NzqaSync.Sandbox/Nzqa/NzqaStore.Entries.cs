namespace NzqaSync.Sandbox.Nzqa;

/// <summary>Standard entries with their results, by provider and academic year.</summary>
public sealed partial class NzqaStore
{
    /// <summary>A provider's standard entries (all statuses) with results, optionally of one academic year.</summary>
    public IReadOnlyList<NzqaStandardEntry> Entries(int provider, int? academicYear = null)
    {
        lock (_gate) return EntryRows(provider, academicYear).Select(e => e.ToRecord()).ToList();
    }

    /// <summary>The entry with this natural key (at whichever provider), or null.</summary>
    public NzqaStandardEntry Entry(string nsn, string standardNumber, int standardVersion, int academicYear)
    {
        lock (_gate) return _entries.TryGetValue(new EntryKey(academicYear, nsn, standardNumber, standardVersion), out var e) ? e.ToRecord() : null;
    }


    internal (int Total, List<NzqaStandardEntry> Rows) EntryPage(int provider, int? academicYear, int page, int pageSize)
    {
        lock (_gate)
        {
            if (!_entriesByProvider.TryGetValue(provider, out var years)) return (0, new());
            if (academicYear is int y)
            {
                if (!years.TryGetValue(y, out var ix)) return (0, new());
                return (ix.Count, Slice(ix.Values, page, pageSize).Select(e => e.ToRecord()).ToList());
            }
            var total = years.Values.Sum(ix => ix.Count);
            var skip = (long)(page - 1) * pageSize;
            var rows = new List<NzqaStandardEntry>();
            foreach (var ix in years.Values)
            {
                if (rows.Count >= pageSize) break;
                if (skip >= ix.Count) { skip -= ix.Count; continue; }
                var values = ix.Values;
                for (var i = (int)skip; i < values.Length && rows.Count < pageSize; i++) rows.Add(values[i].ToRecord());
                skip = 0;
            }
            return (total, rows);
        }
    }


    private IEnumerable<EntryRow> EntryRows(int provider, int? academicYear)
    {
        if (!_entriesByProvider.TryGetValue(provider, out var years)) return Enumerable.Empty<EntryRow>();
        if (academicYear is int y) return years.TryGetValue(y, out var ix) ? ix.Values : Enumerable.Empty<EntryRow>();
        return years.Values.SelectMany(ix => ix.Values);
    }


    private void PutEntry(EntryRow e)
    {
        _entries[e.Key] = e;
        if (!_entriesByProvider.TryGetValue(e.Provider, out var years)) _entriesByProvider[e.Provider] = years = new();
        if (!years.TryGetValue(e.Key.Year, out var ix)) years[e.Key.Year] = ix = new();
        ix.Set(e.Key, e);
    }


    // ---------- writes ----------

    private readonly record struct EntryItem(string Nsn, string Number, int Version, int Year, NzqaStandard Standard, string Key);

    private EntryItem ReadEntryKey(BatchItem item, List<NzqaItemError> errors)
    {
        var nsn = NsnOf(item, errors);
        var number = item.Str("standardNumber");
        var version = item.Int("standardVersion");
        var year = item.Int("academicYear");
        if (!number.Ok || string.IsNullOrWhiteSpace(number.Value))
            errors.Add(Err("FIELD_INVALID", "standardNumber is required (a string such as \"91027\")."));
        if (!version.Ok || version.Value is not (>= 1))
            errors.Add(Err("FIELD_INVALID", $"standardVersion is required, a whole number from 1 (got '{item.Raw("standardVersion")}')."));
        if (!year.Ok || year.Value is not (>= 2000 and <= 2100))
            errors.Add(Err("FIELD_INVALID", $"academicYear is required, e.g. {_state.Today.Year} (got '{item.Raw("academicYear")}')."));
        var key = nsn != null && number.Value != null && version.Value is int v0 && year.Value is int y0 ? NzqaKeys.Entry(nsn, number.Value, v0, y0) : nsn;
        NzqaStandard standard = null;
        if (number.Value != null && version.Value is int v)
        {
            standard = StandardsCatalogue.Find(number.Value, v);
            if (standard == null)
            {
                var other = StandardsCatalogue.FindNumber(number.Value);
                errors.Add(Err("STANDARD_UNKNOWN", other == null
                    ? $"Standard {number.Value} is not in NZQA's catalogue."
                    : $"Standard {number.Value} version {v} is not in NZQA's catalogue (the current version is {other.Version})."));
            }
        }
        return new EntryItem(nsn, number.Value, version.Value ?? 0, year.Value ?? 0, standard, key);
    }

    /// <summary>1 September is the last day for external entries and their withdrawals (NZQA).</summary>
    private bool ExternalClosed(int academicYear) => _state.Today > new DateOnly(academicYear, 9, 1);

    private string ClosedMessage(EntryItem e, string what) =>
        $"External standard {e.Number}: {what} closed on 1 September {e.Year} (NZQA's last day for external entries and withdrawals). Contact NZQA.";

    internal List<NzqaItemResult> CreateEntries(int p, IReadOnlyList<BatchItem> items) => EachItem(items, (i, item) => CreateEntry(p, i, item));

    private NzqaItemResult CreateEntry(int p, int index, BatchItem item)
    {
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        var method = item.Str("entryMethod");
        if (e.Standard != null)
        {
            if (e.Standard.IsExternal && (!method.Ok || method.Value is not ("Paper" or "Digital")))
                errors.Add(Err("FIELD_INVALID", $"External standard {e.Number} needs entryMethod \"Paper\" or \"Digital\" (got '{item.Raw("entryMethod")}')."));
            if (!e.Standard.IsExternal && method.Value != null)
                errors.Add(Err("FIELD_INVALID", $"Standard {e.Number} is internally assessed: entryMethod must be null."));
        }
        if (errors.Count > 0) return Fail(index, e.Key, errors);

        var key = new EntryKey(e.Year, e.Nsn, e.Number, e.Version);
        var external = e.Standard.IsExternal;
        if (_entries.TryGetValue(key, out var existing))
        {
            if (existing.Provider != p)
                return Fail(index, e.Key, "ENTRY_AT_OTHER_PROVIDER",
                    $"NSN {e.Nsn} already has an entry for standard {e.Number} in {e.Year} held by provider {existing.Provider}; it stays under that provider's code.");
            if (existing.Status == "Entered" && existing.EntryMethod == method.Value) return Ok(index, e.Key, NzqaOutcome.Unchanged);
            if (external && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "entries"));
            if (existing.Status != "Entered" && !ActiveAt(p, e.Nsn))
                return Fail(index, e.Key, "NOT_ENROLLED", $"NSN {e.Nsn} has no active enrolment at provider {p}.");
            existing.Status = "Entered";
            existing.EntryMethod = method.Value;
            return Ok(index, e.Key, NzqaOutcome.Updated);
        }
        if (!ActiveAt(p, e.Nsn))
            return Fail(index, e.Key, "NOT_ENROLLED", $"NSN {e.Nsn} has no active enrolment at provider {p}: enrol the student before entering standards.");
        if (external && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "entries"));
        PutEntry(new EntryRow { Key = key, Provider = p, EntryMethod = method.Value, Status = "Entered" });
        return Ok(index, e.Key, NzqaOutcome.Created);
    }

    /// <summary>An enrolment at p with no leaving date recorded.</summary>
    private bool ActiveAt(int p, string nsn) => _enrolments.TryGetValue(nsn, out var en) && en.Provider == p && en.LeavingDate == null;

    internal List<NzqaItemResult> PutResults(int p, IReadOnlyList<BatchItem> items) => EachItem(items, (i, item) => PutResult(p, i, item));

    private NzqaItemResult PutResult(int p, int index, BatchItem item)
    {
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        var result = item.Str("result");
        var code = item.Int("resultProviderCode");
        if (e.Standard != null && (!result.Ok || result.Value == null || !StandardsCatalogue.ResultAllowed(e.Standard, result.Value)))
            errors.Add(Err("RESULT_INVALID", ResultRuleMessage(e.Standard, item.Raw("result"))));
        if (code.Bad || code.Value is int c && Provider(c) == null)
            errors.Add(Err("PROVIDER_CODE_INVALID", $"resultProviderCode '{item.Raw("resultProviderCode")}' is not a provider known to NZQA (the school's own number, or e.g. 498 for Te Kura)."));
        if (errors.Count > 0) return Fail(index, e.Key, errors);
        if (!_entries.TryGetValue(new EntryKey(e.Year, e.Nsn, e.Number, e.Version), out var entry) || entry.Provider != p)
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"NSN {e.Nsn} has no entry for standard {e.Number} v{e.Version} in {e.Year} at provider {p}. Create the entry first.");
        if (entry.Status != "Entered")
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"The entry for standard {e.Number} in {e.Year} was withdrawn; re-enter it before reporting a result.");
        var provider = code.Value ?? p;
        if (entry.Result == result.Value && entry.ResultProviderCode == provider) return Ok(index, e.Key, NzqaOutcome.Unchanged);
        var outcome = entry.Result == null ? NzqaOutcome.Created : NzqaOutcome.Updated;
        entry.Result = result.Value;          // NZQA uses the latest reported result
        entry.ResultProviderCode = provider;
        return Ok(index, e.Key, outcome);
    }

    private static string ResultRuleMessage(NzqaStandard s, string given) => s.Type switch
    {
        "U" when s.AllowsMerit => $"Result '{given}' is not valid for unit standard {s.Number}: use N, A, M, E or SNA.",
        "U" => $"Result '{given}' is not valid for unit standard {s.Number}: use N, A or SNA (this standard does not award Merit or Excellence).",
        _ => $"Result '{given}' is not valid for standard {s.Number}: use N, A, M, E or SNA.",
    };

    internal List<NzqaItemResult> Withdraw(int p, IReadOnlyList<BatchItem> items) => EachItem(items, (i, item) => Withdraw(p, i, item));

    private NzqaItemResult Withdraw(int p, int index, BatchItem item)
    {
        var errors = new List<NzqaItemError>();
        var e = ReadEntryKey(item, errors);
        if (errors.Count > 0) return Fail(index, e.Key, errors);
        if (!_entries.TryGetValue(new EntryKey(e.Year, e.Nsn, e.Number, e.Version), out var entry) || entry.Provider != p)
            return Fail(index, e.Key, "ENTRY_NOT_FOUND", $"NSN {e.Nsn} has no entry for standard {e.Number} v{e.Version} in {e.Year} at provider {p}.");
        if (entry.Status == "Withdrawn") return Ok(index, e.Key, NzqaOutcome.Unchanged);
        if (e.Standard.IsExternal && ExternalClosed(e.Year)) return Fail(index, e.Key, "EXTERNAL_ENTRY_CLOSED", ClosedMessage(e, "withdrawals"));
        entry.Status = "Withdrawn";
        return Ok(index, e.Key, NzqaOutcome.Updated);
    }
}
