using NzqaSync.Domain;

namespace NzqaSync.Sources;

/// <summary>A field of a record kind as a file's header sees it: its name, the headers that name it, whether a file must have it.</summary>
public interface IRecordField
{
    string Name { get; }
    IReadOnlyList<string> Aliases { get; }
    /// <summary>A file of this kind without a column for the field cannot be read (every row would lack it).</summary>
    bool Required { get; }
}

/// <summary>One target field of a typed record: the names a source column may carry and how its value is read.</summary>
public sealed class PropertyBinding<TRecord> : IRecordField
{
    public PropertyBinding(string name, IEnumerable<string> aliases, Action<TRecord, object, List<RecordProblem>> assign, bool required = false)
    {
        Name = name;
        Aliases = new[] { name }.Concat(aliases).ToArray();
        Assign = assign;
        Required = required;
    }

    public string Name { get; }
    public IReadOnlyList<string> Aliases { get; }
    public Action<TRecord, object, List<RecordProblem>> Assign { get; }
    public bool Required { get; }

    /// <summary>How column names are matched: case, spaces, dashes, underscores and dots do not count.</summary>
    public static string Canonical(string name)
    {
        var chars = new char[name.Length];
        var n = 0;
        foreach (var c in name)
            if (char.IsLetterOrDigit(c)) chars[n++] = char.ToLowerInvariant(c);
        return new string(chars, 0, n);
    }
}

/// <summary>Readers for the value types local records use, reporting a problem instead of throwing.</summary>
public static class ValueReader
{
    public static string Text(object value)
    {
        if (value == null) return null;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture);
        if (text == null) return null;
        text = text.Trim();
        return text.Length == 0 ? null : UnicodeText.Nfc(text);
    }

    public static DateTime? Date(object value, string field, List<RecordProblem> problems)
    {
        if (CalendarDate.TryRead(value, out var date)) return date;
        problems.Add(new RecordProblem("NzqaInvalidDate", field, CalendarDate.NotADate(field, value)));
        return null;
    }

    private static readonly System.Text.RegularExpressions.Regex YearLevelWord = new System.Text.RegularExpressions.Regex(
        "^(?:Y|Yr|Year)\\s*\\.?\\s*([0-9]{1,2})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// A year level: a whole number, or the way New Zealand schools write it ("Y13", "Yr 13", "Year 13" are 13).
    /// The range (1–15) is the area's check.
    /// </summary>
    public static int? YearLevel(object value, string field, List<RecordProblem> problems)
    {
        if (Text(value) is string text && YearLevelWord.Match(text) is var m && m.Success)
            return int.Parse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var before = problems.Count;
        var level = Integer(value, field, problems, "NzqaInvalidYearLevel");
        if (problems.Count > before)
            problems[problems.Count - 1] = new RecordProblem("NzqaInvalidYearLevel", field, $"{field} '{Text(value)}' is not a year level: write a number such as 13 (Y13, Yr 13 and Year 13 are read too).");
        return level;
    }

    public static int? Integer(object value, string field, List<RecordProblem> problems, string errorId = "NzqaInvalidNumber")
    {
        switch (value)
        {
            case null: return null;
            case int i: return i;
            case long l when l >= int.MinValue && l <= int.MaxValue: return (int)l;
        }
        var text = Text(value);
        if (text == null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        problems.Add(new RecordProblem(errorId, field, $"{field} '{text}' is not a whole number."));
        return null;
    }
}
