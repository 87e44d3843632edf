using System.Collections;
using System.Collections.Concurrent;
using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Sources;

/// <summary>
/// Turns pipeline objects (Import-Csv rows, hashtables, SMS objects) into typed records by property name,
/// with aliases for common SMS export headers. The column-to-field plan is resolved once per distinct set of
/// property names, so a hundred thousand rows of one CSV cost one alias lookup, not one per row.
/// Records that are already the typed record pass straight through. One reader serves one pipeline (not thread-safe).
/// </summary>
public sealed class LocalRecordReader<TRecord> where TRecord : class, new()
{
    private readonly IReadOnlyList<PropertyBinding<TRecord>> _bindings;
    private readonly Dictionary<string, PropertyBinding<TRecord>> _byCanonicalName;
    private readonly ConcurrentDictionary<string, Plan> _plans = new ConcurrentDictionary<string, Plan>(StringComparer.Ordinal);
    private readonly IDictionary _columnMap;
    private Plan _lastPlan;

    private List<PSPropertyInfo> _properties;
    private List<RecordProblem> _problems;

    public LocalRecordReader(IReadOnlyList<PropertyBinding<TRecord>> bindings, IDictionary columnMap = null)
    {
        _bindings = bindings;
        _columnMap = columnMap;
        _byCanonicalName = new Dictionary<string, PropertyBinding<TRecord>>(StringComparer.Ordinal);
        foreach (var binding in bindings)
            foreach (var alias in binding.Aliases)
                _byCanonicalName[PropertyBinding<TRecord>.Canonical(alias)] = binding;
    }

    /// <summary>
    /// -ColumnMap keys that name no field (a typo such as Nssn would otherwise be ignored and every row lose its NSN).
    /// </summary>
    public IReadOnlyList<string> UnknownColumnMapKeys()
    {
        var unknown = new List<string>();
        if (_columnMap == null) return unknown;
        foreach (var key in _columnMap.Keys)
        {
            var name = Convert.ToString(key);
            if (name == null || !_byCanonicalName.ContainsKey(PropertyBinding<TRecord>.Canonical(name))) unknown.Add(name ?? "");
        }
        return unknown;
    }

    public IEnumerable<string> FieldNames => Names();

    private static readonly Func<TRecord, object> WrapAgain = record => PSObject.AsPSObject(record);

    public LocalRecord<TRecord> Read(object input)
    {
        var baseObject = input is PSObject pso ? pso.BaseObject : input;
        // The engine's PSObject around a typed record (152 bytes with its lock, 15 MB over a 100,000-record pipe) is
        // not kept alive to the end of the compare: it is made again when an error names the record, with the same
        // members and type names (the engine keeps an object's own ones by the object, not by its wrapper).
        if (baseObject is TRecord typed)
        {
            // A row the import could not read whole (its errors already written) is Invalid under its key, never left out.
            if (typed is Domain.IUnreadCells { UnreadCells: { Count: > 0 } unread }) return new LocalRecord<TRecord>(typed, unread, input) { ProblemsReported = true };
            return input is PSObject ? new LocalRecord<TRecord>(typed, WrapAgain) : new LocalRecord<TRecord>(typed, null, input);
        }

        var record = new TRecord();
        var problems = _problems ?? (_problems = new List<RecordProblem>());
        problems.Clear();
        if (baseObject is IDictionary dictionary)
        {
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in dictionary)
            {
                var binding = Resolve(Convert.ToString(entry.Key));
                if (binding == null) continue;
                present.Add(binding.Name);
                binding.Assign(record, Unwrap(entry.Value), problems);
            }
            if (present.Count == 0) problems.Add(NoKnownProperties());
            return new LocalRecord<TRecord>(record, Snapshot(problems), input, present);
        }

        var psObject = input as PSObject ?? PSObject.AsPSObject(input);
        // One walk over the properties gives both the shape (to find the plan) and the values.
        var properties = _properties ?? (_properties = new List<PSPropertyInfo>());
        properties.Clear();
        var instanceMembers = psObject.BaseObject is PSCustomObject ? PSObjectMembers.InstanceMembers?.Invoke(psObject) : null;
        if (instanceMembers != null)
        {
            foreach (var member in instanceMembers)
                if (member is PSPropertyInfo property && property.IsGettable) properties.Add(property);
        }
        else
        {
            foreach (var property in psObject.Properties)
                if (property.IsGettable) properties.Add(property);
        }
        var plan = PlanFor(properties);
        for (var i = 0; i < plan.Positions.Length; i++)
            plan.Bindings[i].Assign(record, Unwrap(properties[plan.Positions[i]].Value), problems);
        if (plan.Bindings.Length == 0) problems.Add(NoKnownProperties());
        return new LocalRecord<TRecord>(record, Snapshot(problems), input, plan.Present);
    }

    /// <summary>
    /// How one CSV header binds, worked out once per file: the columns a row's cells are read from (blank headers
    /// left out, a repeated header keeps its first column, as <see cref="CsvLine.ToRow"/> does) and the field each
    /// feeds. Rows are then bound by position, with no dictionary or name lookup per row.
    /// </summary>
    public CsvHeaderPlan<TRecord> PlanFor(string[] headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var columns = new List<int>();
        var bindings = new List<PropertyBinding<TRecord>>();
        for (var i = 0; i < headers.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(headers[i]) || !seen.Add(headers[i])) continue;
            columns.Add(i);
            bindings.Add(Resolve(headers[i]));
        }
        return new CsvHeaderPlan<TRecord>(headers, columns.ToArray(), bindings.ToArray());
    }

    /// <summary>
    /// One CSV row's cells (by header position) into a record, as <see cref="Read(object)"/> reads the row's cells
    /// by header: every column that feeds a field assigns it, in column order.
    /// </summary>
    public LocalRecord<TRecord> Read(CsvHeaderPlan<TRecord> plan, string[] values)
    {
        var record = new TRecord();
        var problems = _problems ?? (_problems = new List<RecordProblem>());
        problems.Clear();
        for (var c = 0; c < plan.Columns.Length; c++)
        {
            var binding = plan.Bindings[c];
            if (binding != null) binding.Assign(record, values[plan.Columns[c]], problems);
        }
        if (plan.Present.Count == 0) problems.Add(NoKnownProperties());
        if (record is Domain.IImportedColumns imported) imported.PresentFields = plan.Present;
        return new LocalRecord<TRecord>(record, Snapshot(problems), null, plan.Present);
    }

    /// <summary>Whether a column or property of this name feeds a field (by alias or -ColumnMap).</summary>
    public bool Binds(string sourceName) => Resolve(sourceName) != null;

    /// <summary>The field a column or property of this name feeds (by alias or -ColumnMap), or null.</summary>
    public string FieldFor(string sourceName) => Resolve(sourceName)?.Name;

    /// <summary>The record's fields, as a header check sees them.</summary>
    public IReadOnlyList<IRecordField> Fields => (IReadOnlyList<IRecordField>)_bindings;

    private RecordProblem NoKnownProperties() => new RecordProblem("NzqaNoKnownProperties", "InputObject",
        "The object has none of the expected properties (" + string.Join(", ", Names()) + "); use -ColumnMap to name its columns.");

    private IEnumerable<string> Names()
    {
        foreach (var b in _bindings) yield return b.Name;
    }

    private static IReadOnlyList<RecordProblem> Snapshot(List<RecordProblem> problems) => problems.Count == 0 ? null : problems.ToArray();

    private static object Unwrap(object value) => value is PSObject p ? p.BaseObject : value;

    private Plan PlanFor(List<PSPropertyInfo> properties)
    {
        // Rows of one file or one script share their shape: compare names with the last plan before building a key.
        var last = _lastPlan;
        if (last != null && last.Matches(properties)) return last;
        var names = new string[properties.Count];
        for (var i = 0; i < names.Length; i++) names[i] = properties[i].Name;
        var plan = _plans.GetOrAdd(string.Join("\u001f", names), _ =>
        {
            var bound = new List<PropertyBinding<TRecord>>();
            var positions = new List<int>();
            var taken = new HashSet<PropertyBinding<TRecord>>();
            for (var i = 0; i < names.Length; i++)
            {
                var binding = Resolve(names[i]);
                // The first column that maps to a field wins; later aliases of the same field are ignored.
                if (binding == null || !taken.Add(binding)) continue;
                bound.Add(binding);
                positions.Add(i);
            }
            return new Plan(names, positions.ToArray(), bound.ToArray());
        });
        _lastPlan = plan;
        return plan;
    }

    private PropertyBinding<TRecord> Resolve(string sourceName)
    {
        if (sourceName == null) return null;
        // Hashtables and CSV rows name the same few columns again and again: resolve each name once.
        if (_resolved.TryGetValue(sourceName, out var known)) return known;
        var resolved = ResolveUncached(sourceName);
        if (_resolved.Count < 1024) _resolved[sourceName] = resolved;
        return resolved;
    }

    private readonly Dictionary<string, PropertyBinding<TRecord>> _resolved = new Dictionary<string, PropertyBinding<TRecord>>(StringComparer.Ordinal);

    private PropertyBinding<TRecord> ResolveUncached(string sourceName)
    {
        if (_columnMap != null)
        {
            foreach (DictionaryEntry entry in _columnMap)
            {
                // -ColumnMap @{ Nsn = 'Student NSN' }: target field = source column.
                if (string.Equals(Convert.ToString(entry.Value), sourceName, StringComparison.OrdinalIgnoreCase)
                    && _byCanonicalName.TryGetValue(PropertyBinding<TRecord>.Canonical(Convert.ToString(entry.Key)), out var mapped))
                    return mapped;
            }
        }
        return _byCanonicalName.TryGetValue(PropertyBinding<TRecord>.Canonical(sourceName), out var binding) ? binding : null;
    }

    private sealed class Plan
    {
        public Plan(string[] allNames, int[] positions, PropertyBinding<TRecord>[] bindings)
        {
            AllNames = allNames;
            Positions = positions;
            Bindings = bindings;
            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var b in bindings) present.Add(b.Name);
            Present = present;
        }

        /// <summary>The fields this shape has a column for (one set shared by every row of the shape).</summary>
        public IReadOnlyCollection<string> Present { get; }

        /// <summary>Every property name of the shape, in order.</summary>
        public string[] AllNames { get; }
        /// <summary>Where, among the properties, each bound one stands.</summary>
        public int[] Positions { get; }
        public PropertyBinding<TRecord>[] Bindings { get; }

        public bool Matches(List<PSPropertyInfo> properties)
        {
            if (properties.Count != AllNames.Length) return false;
            for (var i = 0; i < AllNames.Length; i++)
                if (!string.Equals(properties[i].Name, AllNames[i], StringComparison.Ordinal)) return false;
            return true;
        }
    }
}
