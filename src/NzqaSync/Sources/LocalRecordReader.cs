using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Sources
{
    /// <summary>
    /// Turns pipeline objects (Import-Csv rows, hashtables, SMS objects) into typed records by property name,
    /// with aliases for common SMS export headers. The column-to-field plan is resolved once per distinct set of
    /// property names, so a hundred thousand rows of one CSV cost one alias lookup, not one per row.
    /// Records that are already the typed record pass straight through.
    /// </summary>
    public sealed class LocalRecordReader<TRecord> where TRecord : class, new()
    {
        private readonly IReadOnlyList<PropertyBinding<TRecord>> _bindings;
        private readonly Dictionary<string, PropertyBinding<TRecord>> _byCanonicalName;
        private readonly ConcurrentDictionary<string, Plan> _plans = new ConcurrentDictionary<string, Plan>(StringComparer.Ordinal);
        private readonly IDictionary _columnMap;

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

        public LocalRecord<TRecord> Read(object input)
        {
            var baseObject = input is PSObject pso ? pso.BaseObject : input;
            if (baseObject is TRecord typed) return new LocalRecord<TRecord>(typed, null, input);

            var record = new TRecord();
            var problems = new List<RecordProblem>();
            if (baseObject is IDictionary dictionary)
            {
                var known = 0;
                foreach (DictionaryEntry entry in dictionary)
                {
                    var binding = Resolve(Convert.ToString(entry.Key));
                    if (binding == null) continue;
                    known++;
                    binding.Assign(record, Unwrap(entry.Value), problems);
                }
                if (known == 0) problems.Add(NoKnownProperties());
                return new LocalRecord<TRecord>(record, problems, input);
            }

            var psObject = input as PSObject ?? PSObject.AsPSObject(input);
            var plan = PlanFor(psObject);
            for (var i = 0; i < plan.PropertyNames.Length; i++)
            {
                var value = psObject.Properties[plan.PropertyNames[i]]?.Value;
                plan.Bindings[i].Assign(record, Unwrap(value), problems);
            }
            if (plan.Bindings.Length == 0) problems.Add(NoKnownProperties());
            return new LocalRecord<TRecord>(record, problems, input);
        }

        /// <summary>Whether a column or property of this name feeds a field (by alias or -ColumnMap).</summary>
        public bool Binds(string sourceName) => Resolve(sourceName) != null;

        private RecordProblem NoKnownProperties() => new RecordProblem("NzqaNoKnownProperties", "InputObject",
            "The object has none of the expected properties (" + string.Join(", ", Names()) + "); use -ColumnMap to name its columns.");

        private IEnumerable<string> Names()
        {
            foreach (var b in _bindings) yield return b.Name;
        }

        private static object Unwrap(object value) => value is PSObject p ? p.BaseObject : value;

        private Plan PlanFor(PSObject psObject)
        {
            var names = new List<string>();
            foreach (var property in psObject.Properties)
                if (property.IsGettable) names.Add(property.Name);
            var planKey = string.Join("\u001f", names);
            return _plans.GetOrAdd(planKey, _ =>
            {
                var bound = new List<PropertyBinding<TRecord>>();
                var propertyNames = new List<string>();
                var taken = new HashSet<PropertyBinding<TRecord>>();
                foreach (var name in names)
                {
                    var binding = Resolve(name);
                    // The first column that maps to a field wins; later aliases of the same field are ignored.
                    if (binding == null || !taken.Add(binding)) continue;
                    bound.Add(binding);
                    propertyNames.Add(name);
                }
                return new Plan(propertyNames.ToArray(), bound.ToArray());
            });
        }

        private PropertyBinding<TRecord> Resolve(string sourceName)
        {
            if (sourceName == null) return null;
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
            public Plan(string[] propertyNames, PropertyBinding<TRecord>[] bindings)
            {
                PropertyNames = propertyNames;
                Bindings = bindings;
            }

            public string[] PropertyNames { get; }
            public PropertyBinding<TRecord>[] Bindings { get; }
        }
    }
}
