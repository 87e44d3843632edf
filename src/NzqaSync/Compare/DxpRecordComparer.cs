using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Compare;

/// <summary>
/// Joins local SDR records of one dataset to the submission's by localId (DXP's own key: "the same localId replaces")
/// and says for each what differs, field by field, in the form the fields are sent (JSON names, dates as sent, numbers
/// by value so 0.125 = 0.1250, dates as calendar dates, arrays joined with ';'). Every local record comes out once, in input order, then the
/// DxpOnly records. A localId used by two local records is one problem shared by all of them (all Invalid: which one
/// DXP should hold is not for the module to guess); an Invalid record claims its localId, so its DXP record is never
/// deleted as DxpOnly.
/// </summary>
public static class DxpRecordComparer
{
    public static IEnumerable<DxpRecordDiff> Compare(string dataset, IReadOnlyList<DxpLocalItem> local, IEnumerable<IDxpRecord> dxp, string returnId)
    {
        var kind = DxpDatasets.KindOf(dataset);
        var remote = new Dictionary<string, IDxpRecord>(StringComparer.Ordinal);
        foreach (var r in dxp)
            if (r?.LocalId != null) remote[r.LocalId] = r;

        var duplicates = local.Where(l => !string.IsNullOrEmpty(l.Record?.LocalId)).GroupBy(l => l.Record.LocalId, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => new DxpFieldProblem("localId", "DxpLocalIdDuplicate",
                $"localId '{g.Key}' is used by {g.Count()} {kind} records ({string.Join("; ", g.Select(x => Describe(x.Record)))}): " +
                "\"The value of localId must be unique within the submission\"; a second record with it would replace the first, so none is sent.",
                localId: g.Key), StringComparer.Ordinal);

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in local)
        {
            var record = item.Record;
            var id = record?.LocalId;
            var problems = item.Problems.ToList();
            if (id != null && duplicates.TryGetValue(id, out var dup)) problems.Add(dup);
            IDxpRecord held = null;
            var hasRemote = id != null && remote.TryGetValue(id, out held);
            if (hasRemote) claimed.Add(id);
            var diff = New(dataset, kind, returnId, record, hasRemote ? held : null);
            if (problems.Count > 0)
            {
                diff.Status = DxpDiffStatus.Invalid;
                diff.Problems = problems;
                diff.Source = item.Source;
            }
            else if (!hasRemote) diff.Status = DxpDiffStatus.New;
            else
            {
                diff.Differences = Differences(record, held);
                diff.Status = diff.Differences.Count == 0 ? DxpDiffStatus.Match : DxpDiffStatus.Different;
            }
            yield return diff;
        }
        foreach (var pair in remote)
        {
            if (claimed.Contains(pair.Key)) continue;
            var diff = New(dataset, kind, returnId, null, pair.Value);
            diff.Status = DxpDiffStatus.DxpOnly;
            yield return diff;
        }
    }

    /// <summary>The fields whose sent form differs (localId excepted: it is the key).</summary>
    public static IReadOnlyList<DxpFieldDifference> Differences(IDxpRecord local, IDxpRecord dxp)
    {
        var l = Fields(local);
        var d = Fields(dxp);
        List<DxpFieldDifference> found = null;
        foreach (var name in l.Keys.Concat(d.Keys.Where(k => !l.ContainsKey(k))))
        {
            if (name == "localId") continue;
            l.TryGetValue(name, out var lv);
            d.TryGetValue(name, out var dv);
            if (string.Equals(lv ?? "", dv ?? "", StringComparison.Ordinal)) continue;
            (found ?? (found = new List<DxpFieldDifference>())).Add(new DxpFieldDifference(name, lv ?? "", dv ?? ""));
        }
        return (IReadOnlyList<DxpFieldDifference>)found ?? Array.Empty<DxpFieldDifference>();
    }

    /// <summary>JSON name → the value as sent, in a form where equal values are equal strings.</summary>
    public static Dictionary<string, string> Fields(IDxpRecord record)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (record == null) return fields;
        foreach (var (name, property) in DxpFields.Of(record.GetType()))
        {
            var v = Canonical(property.GetValue(record));
            if (!string.IsNullOrEmpty(v)) fields[name] = v;
        }
        return fields;
    }

    private static string Canonical(object value)
    {
        switch (value)
        {
            case null: return null;
            case string s: return s;
            // Date-only values (the normaliser keeps the calendar date): equal dates are equal strings.
            case DateTime d: return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case decimal m: return (m / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
            case bool b: return b ? "true" : "false";
            case int i: return i.ToString(CultureInfo.InvariantCulture);
            case System.Collections.IEnumerable e: return string.Join(";", e.Cast<object>().Select(Canonical));
            default: return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private static DxpRecordDiff New(string dataset, string kind, string returnId, IDxpRecord local, IDxpRecord dxp)
    {
        var either = local ?? dxp;
        return new DxpRecordDiff
        {
            Dataset = dataset,
            Kind = kind,
            LocalId = either?.LocalId,
            StudentIdentificationCode = DxpDatasets.StudentOf(either),
            CourseCode = CourseOf(either),
            Local = local,
            Dxp = dxp,
            ReturnId = returnId,
        };
    }

    private static string CourseOf(IDxpRecord r) =>
        r is CourseEnrolmentRecord ce ? ce.CourseCode : r is DxpCourseRecord c ? c.CourseCode : r is DxpCourseCompletionRecord cc ? cc.CourseCode : null;

    private static string Describe(IDxpRecord r)
    {
        var student = DxpDatasets.StudentOf(r);
        var course = CourseOf(r);
        return string.Join(", ", new[] { student != null ? "student " + student : null, course != null ? "course " + course : null }.Where(x => x != null)) is var s && s.Length > 0 ? s : r.LocalId;
    }
}
