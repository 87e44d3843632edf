namespace NzqaSync.Sources;

/// <summary>A kind of SMS export (the -Kind of Import-NzqaRecord): its name, a noun for messages and its fields.</summary>
public sealed class RecordKind
{
    public RecordKind(string name, string noun, IEnumerable<IRecordField> fields)
    {
        Name = name;
        Noun = noun;
        Fields = fields.ToArray();
    }

    public string Name { get; }
    public string Noun { get; }
    public IReadOnlyList<IRecordField> Fields { get; }
    public IEnumerable<IRecordField> RequiredFields => Fields.Where(f => f.Required);
}

/// <summary>
/// Every kind Import-NzqaRecord reads. A file's header is checked against its own kind's fields and, to tell a
/// file of another kind, against every kind here: a new kind added here (with its required fields marked on its
/// bindings) is recognised by the header check without further code.
/// </summary>
public static class RecordKinds
{
    public static readonly IReadOnlyList<RecordKind> All = new[]
    {
        new RecordKind("Enrolment", "enrolment", EnrolmentBindings.All),
        new RecordKind("Learner", "learner", LearnerBindings.All),
        new RecordKind("Standard", "standard", StandardBindings.All),
        new RecordKind("CourseEnrolment", "course enrolment", DxpBindings.CourseEnrolment),
        new RecordKind("QualificationCompletion", "qualification completion", DxpBindings.QualificationCompletion),
        new RecordKind("DxpLearner", "DXP learner", DxpBindings.Learner),
        new RecordKind("DxpCourse", "DXP course", DxpBindings.Course),
        new RecordKind("DxpCourseCompletion", "DXP course completion", DxpBindings.CourseCompletion),
    };

    public static RecordKind Named(string name) =>
        All.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)) ??
        // Import-NzqaRecord's Dxp-prefixed names for the two original DXP kinds.
        All.FirstOrDefault(k => string.Equals("Dxp" + k.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>What a file's header says about whether it can be read as the kind asked for.</summary>
public sealed class HeaderVerdict
{
    /// <summary>Required fields of the asked kind that no column names.</summary>
    public IReadOnlyList<IRecordField> Missing { get; set; } = Array.Empty<IRecordField>();

    /// <summary>For each missing field, the header that feeds no field and is a near miss of one of its names (null when none is close).</summary>
    public IReadOnlyDictionary<string, string> Nearest { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// Columns that feed no field but are a near miss of a name of a field no column feeds ("Ethnicty 1" for
    /// Ethnicity1): read as they are, that field would be blank and a sync would send the difference.
    /// </summary>
    public IReadOnlyList<ColumnNearMiss> Mistyped { get; set; } = Array.Empty<ColumnNearMiss>();

    /// <summary>Columns that feed no field of the asked kind.</summary>
    public IReadOnlyList<string> Unknown { get; set; } = Array.Empty<string>();

    /// <summary>Whether any column feeds a field of the asked kind.</summary>
    public bool BindsAny { get; set; }

    /// <summary>Another kind this file plainly is: the asked kind's required columns are missing and all of that kind's are there.</summary>
    public RecordKind LooksLike { get; set; }

    /// <summary>The columns that make it look like <see cref="LooksLike"/> (its required fields the asked kind lacks).</summary>
    public IReadOnlyList<string> LooksLikeColumns { get; set; } = Array.Empty<string>();
}

/// <summary>A header that feeds no field and is a near miss of <see cref="Alias"/>, a name of <see cref="Field"/>.</summary>
public sealed class ColumnNearMiss
{
    public string Column { get; set; }
    public IRecordField Field { get; set; }
    public string Alias { get; set; }
}

/// <summary>Checks a CSV header against a kind's fields (for Import-NzqaRecord), before any row is read.</summary>
public static class HeaderCheck
{
    /// <param name="fields">The asked kind's fields.</param>
    /// <param name="resolve">Header → the asked kind's field name it feeds (by alias or -ColumnMap), or null.</param>
    /// <param name="askedKind">The asked kind's name (excluded from the look-alike search).</param>
    public static HeaderVerdict Check(IReadOnlyList<IRecordField> fields, IReadOnlyList<string> header, Func<string, string> resolve, string askedKind)
    {
        var columns = header.Where(h => !string.IsNullOrWhiteSpace(h)).ToList();
        var fed = new HashSet<string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var column in columns)
        {
            var field = resolve(column);
            if (field == null) unknown.Add(column);
            else fed.Add(field);
        }
        var missing = fields.Where(f => f.Required && !fed.Contains(f.Name)).ToList();
        var verdict = new HeaderVerdict { Missing = missing, Unknown = unknown, BindsAny = fed.Count > 0 };
        var unfed = fields.Where(f => !fed.Contains(f.Name)).ToList();
        verdict.Mistyped = unknown.Select(column => NearMiss(column, unfed)).Where(m => m != null).ToList();
        if (missing.Count == 0) return verdict;

        // Only a column that feeds nothing else is suggested, and only when it is really close (a typo, or the
        // field's name inside it: 'Student NSN'); 'First Name' is never offered for a missing date of birth.
        var nearest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in missing) nearest[field.Name] = Nearest(field, unknown);
        verdict.Nearest = nearest;

        // Plainly another kind: every required field of that kind is named by a column, and it has some the asked kind lacks.
        var present = new HashSet<string>(columns.Select(PropertyBinding<object>.Canonical), StringComparer.Ordinal);
        foreach (var other in RecordKinds.All)
        {
            // The asked kind itself, under its name or another (DxpCourseEnrolment is CourseEnrolment).
            if (string.Equals(other.Name, askedKind, StringComparison.OrdinalIgnoreCase) || other.Fields.SequenceEqual(fields)) continue;
            var required = other.RequiredFields.ToList();
            if (required.Count == 0) continue;
            var named = required.Select(f => (Field: f, Column: columns.FirstOrDefault(c => f.Aliases.Any(a => PropertyBinding<object>.Canonical(a) == PropertyBinding<object>.Canonical(c))))).ToList();
            if (named.Any(n => n.Column == null)) continue;
            var distinctive = named.Where(n => !fields.Any(f => f.Aliases.Any(a => PropertyBinding<object>.Canonical(a) == PropertyBinding<object>.Canonical(n.Column)))).Select(n => n.Column).ToList();
            if (distinctive.Count == 0) continue;
            verdict.LooksLike = other;
            verdict.LooksLikeColumns = distinctive;
            break;
        }
        return verdict;
    }

    /// <summary>
    /// The most edits (case, spaces and punctuation aside) for a header to count as a typo of a field's name: at
    /// most two, and fewer than half the shorter name's letters (so 'IRD' is not a typo of 'ID').
    /// </summary>
    public const int MaxTypoEdits = 2;

    private static bool IsTypo(string canonicalAlias, string canonicalColumn, out int edits)
    {
        edits = 0;
        // Names that differ only in their numbers are other numbered columns ('Ethnicity 4'), not typos.
        if (LettersOf(canonicalAlias) == LettersOf(canonicalColumn)) return false;
        edits = Distance(canonicalAlias, canonicalColumn);
        return edits > 0 && edits <= MaxTypoEdits && 2 * edits < Math.Min(canonicalAlias.Length, canonicalColumn.Length);
    }

    private static string LettersOf(string canonical) => new string(canonical.Where(char.IsLetter).ToArray());

    /// <summary>The field name <paramref name="column"/> is a typo of (the closest), among <paramref name="fields"/>; null when none.</summary>
    private static ColumnNearMiss NearMiss(string column, IReadOnlyList<IRecordField> fields)
    {
        var c = PropertyBinding<object>.Canonical(column);
        ColumnNearMiss best = null;
        var bestEdits = int.MaxValue;
        foreach (var field in fields)
            // The SMS's spellings ('Ethnicity 1') before the field's own name, which they spell the same way.
            foreach (var alias in field.Aliases.Skip(1).Concat(field.Aliases.Take(1)))
                if (IsTypo(PropertyBinding<object>.Canonical(alias), c, out var edits) && edits < bestEdits)
                {
                    bestEdits = edits;
                    best = new ColumnNearMiss { Column = column, Field = field, Alias = alias };
                }
        return best;
    }

    /// <summary>
    /// The column (among those that feed no field) that is a typo of one of the field's names, or holds one of them
    /// whole ('Student NSN'); the closest wins. Null when none is that close.
    /// </summary>
    private static string Nearest(IRecordField field, IReadOnlyList<string> unknown)
    {
        string best = null;
        var bestScore = int.MaxValue;
        foreach (var column in unknown)
        {
            var c = PropertyBinding<object>.Canonical(column);
            foreach (var alias in field.Aliases)
            {
                var a = PropertyBinding<object>.Canonical(alias);
                int score;
                if (IsTypo(a, c, out var edits)) score = edits;
                else if (a.Length >= 3 && c.Contains(a)) score = MaxTypoEdits + c.Length - a.Length;
                else continue;
                if (score < bestScore)
                {
                    bestScore = score;
                    best = column;
                }
            }
        }
        return best;
    }

    /// <summary>Edit distance where a swap of two neighbours (Levle for Level) counts as one edit.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
