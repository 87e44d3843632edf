using NzqaSync.Domain;

namespace NzqaSync.Sources;

/// <summary>How one CSV header binds to a record kind's fields (<see cref="LocalRecordReader{TRecord}.PlanFor(string[])"/>).</summary>
public sealed class CsvHeaderPlan<TRecord>
{
    internal CsvHeaderPlan(string[] headers, int[] columns, PropertyBinding<TRecord>[] bindings)
    {
        Headers = headers;
        Columns = columns;
        Bindings = bindings;
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in bindings)
            if (b != null) present.Add(b.Name);
        Present = present;
    }

    public string[] Headers { get; }
    /// <summary>The positions of the columns read (blank and repeated headers left out), in header order.</summary>
    internal int[] Columns { get; }
    /// <summary>The field each read column feeds, or null.</summary>
    internal PropertyBinding<TRecord>[] Bindings { get; }
    /// <summary>The fields the header has a column for.</summary>
    public IReadOnlyCollection<string> Present { get; }

    /// <summary>
    /// Marks <paramref name="line"/> NzqaCsvControlCharacter when a column that feeds a field holds a control
    /// character (<see cref="CsvRecordSource.ControlCharacterRule"/>); the first such cell in column order is named.
    /// </summary>
    public bool CheckControlCharacters(CsvLine line)
    {
        for (var c = 0; c < Columns.Length; c++)
        {
            if (Bindings[c] == null) continue;
            var value = line.Values[Columns[c]];
            if (string.IsNullOrEmpty(value)) continue;
            for (var i = 0; i < value.Length; i++)
            {
                var ch = value[i];
                if (ch >= 0x20 && (ch < 0x7F || ch > 0x9F)) continue;
                line.DefectId = "NzqaCsvControlCharacter";
                line.Defect = $"column '{Headers[Columns[c]]}' holds the control character U+{(int)ch:X4} at position {i + 1}; {CsvRecordSource.ControlCharacterRule}.";
                return true;
            }
        }
        return false;
    }
}
