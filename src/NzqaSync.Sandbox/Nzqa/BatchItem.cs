using System.Text.Json;

namespace NzqaSync.Sandbox.Nzqa;

/// <summary>One field of a batch item: whether it was present, whether it had the right JSON type, and its value.</summary>
internal readonly record struct Field<T>(bool Present, bool Ok, T Value)
{
    public bool Bad => Present && !Ok;
}

/// <summary>Reads one item of a batch body. Keeps "absent" apart from "null" so PATCH changes only the fields sent.</summary>
internal readonly struct BatchItem
{
    private readonly JsonElement _e;

    public BatchItem(JsonElement e) => _e = e;

    public bool IsObject => _e.ValueKind == JsonValueKind.Object;

    public bool Has(string name) => TryGet(name, out _);

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        if (!IsObject) return false;
        if (_e.TryGetProperty(name, out value)) return true;
        foreach (var p in _e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) { value = p.Value; return true; }
        return false;
    }

    public Field<string> Str(string name)
    {
        if (!TryGet(name, out var v)) return new(false, true, null);
        return v.ValueKind switch
        {
            JsonValueKind.Null => new(true, true, null),
            JsonValueKind.String => new(true, true, v.GetString()),
            // A standard number or NSN sent as a JSON number is read as its digits.
            JsonValueKind.Number => new(true, true, v.GetRawText()),
            _ => new(true, false, null),
        };
    }

    public Field<int?> Int(string name)
    {
        if (!TryGet(name, out var v)) return new(false, true, null);
        if (v.ValueKind == JsonValueKind.Null) return new(true, true, null);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return new(true, true, i);
        return new(true, false, null);
    }

    /// <summary>A yyyy-MM-dd date. "2026-02-30" is present but not Ok.</summary>
    public Field<DateOnly?> Date(string name)
    {
        if (!TryGet(name, out var v)) return new(false, true, null);
        if (v.ValueKind == JsonValueKind.Null) return new(true, true, null);
        if (v.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return new(true, true, d);
        return new(true, false, null);
    }

    public Field<string[]> StrArray(string name)
    {
        if (!TryGet(name, out var v)) return new(false, true, null);
        if (v.ValueKind == JsonValueKind.Null) return new(true, true, null);
        if (v.ValueKind != JsonValueKind.Array) return new(true, false, null);
        var list = new List<string>();
        foreach (var x in v.EnumerateArray())
        {
            if (x.ValueKind != JsonValueKind.String) return new(true, false, null);
            list.Add(x.GetString());
        }
        return new(true, true, list.ToArray());
    }

    /// <summary>A field's raw text for messages ("2026-02-30").</summary>
    public string Raw(string name) => TryGet(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
}
