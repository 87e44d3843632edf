using System.Net;
using Newtonsoft.Json;

namespace NzqaSync.Report;

/// <summary>
/// The review page Export-NzqaReport writes: one self-contained HTML file (inline CSS and a small inline script,
/// no network) for a Principal's Nominee who never opens PowerShell. Rows are rendered here, HTML-encoded, so
/// the page reads in full without script; the script only filters.
/// </summary>
public static partial class ReviewPage
{
    /// <summary>The order (and colour) statuses appear in: compare statuses, then sync outcomes.</summary>
    private static readonly (string Status, string Colour, string Meaning)[] Known =
    {
        ("Match", "#2e7d32", "The school and NZQA hold the same values. Nothing to do."),
        ("New", "#1565c0", "In the school's data but not at NZQA. Syncing creates it."),
        ("Different", "#b26a00", "Both hold the record but some values differ. Syncing sends the school's values."),
        ("Leaver", "#6a1b9a", "The student has left; NZQA does not have the leaving date yet. Syncing records it."),
        ("NzqaOnly", "#546e7a", "NZQA has the record but the school's data does not. Check the SMS."),
        ("Invalid", "#c62828", "The school's record breaks a rule and cannot be sent. Correct it in the SMS."),
        ("Synced", "#2e7d32", "Sent to NZQA and accepted."),
        ("Failed", "#c62828", "Sent and refused (NZQA's reason is shown), or could not be sent."),
        ("Skipped", "#546e7a", "Nothing needed sending."),
    };

    public static string Render(string title, DateTimeOffset written, IReadOnlyList<ReportRow> rows)
    {
        title = string.IsNullOrWhiteSpace(title) ? "NZQA sync review" : title;
        var counts = Counts(rows);
        var total = rows.Count;
        var max = counts.Count == 0 ? 1 : Math.Max(1, counts.Max(c => c.Value));
        var kinds = rows.Select(r => r.Kind).Where(k => k.Length > 0).Distinct().ToList();

        var html = new StringBuilder(4096 + rows.Count * 400);
        html.Append("<!DOCTYPE html>\n<html lang=\"en-NZ\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");

        html.Append("<header>\n<h1>").Append(E(title)).Append("</h1>\n<p class=\"meta\">Written ")
            .Append(E(written.ToString("d MMMM yyyy, HH:mm", CultureInfo.InvariantCulture)))
            .Append(" · ").Append(total).Append(total == 1 ? " record" : " records");
        if (kinds.Count > 0) html.Append(" · ").Append(E(string.Join(", ", kinds)));
        html.Append("</p>\n</header>\n<main>\n");

        // Counts by status: a bar chart whose bars are also filter buttons.
        html.Append("<section class=\"summary\" aria-labelledby=\"counts-h\">\n<h2 id=\"counts-h\">Records by status</h2>\n<div class=\"chart\" role=\"list\">\n");
        foreach (var c in counts)
        {
            var pct = (int)Math.Round(100.0 * c.Value / max);
            html.Append("<button type=\"button\" class=\"bar-row\" role=\"listitem\" data-status=\"").Append(E(c.Key)).Append("\" aria-pressed=\"false\" title=\"Show only ")
                .Append(E(c.Key)).Append("\"><span class=\"bar-label\">").Append(E(c.Key)).Append("</span><span class=\"bar\"><span class=\"fill\" style=\"width:")
                .Append(pct.ToString(CultureInfo.InvariantCulture)).Append("%;background:").Append(ColourOf(c.Key)).Append("\"></span></span><span class=\"count\" data-count-for=\"")
                .Append(E(c.Key)).Append("\">").Append(c.Value).Append("</span></button>\n");
        }
        if (counts.Count == 0) html.Append("<p>No records were given.</p>\n");
        html.Append("</div>\n");
        html.Append("<details class=\"legend\"><summary>What the statuses mean</summary>\n<dl>\n");
        foreach (var c in counts)
            html.Append("<dt>").Append(E(c.Key)).Append("</dt><dd>").Append(E(MeaningOf(c.Key))).Append("</dd>\n");
        var identityChanges = rows.Count(r => r.IdentityChange);
        if (identityChanges > 0)
            html.Append("<dt>").Append(IdentityBadgeText).Append("</dt><dd>").Append(E(IdentityMeaning)).Append("</dd>\n");
        html.Append("</dl>\n</details>\n</section>\n");

        // Filters.
        html.Append("<section class=\"controls\" aria-label=\"Filter\">\n<label>Status <select id=\"status-filter\">\n<option value=\"\">All statuses</option>\n");
        foreach (var c in counts)
            html.Append("<option value=\"").Append(E(c.Key)).Append("\">").Append(E(c.Key)).Append(" (").Append(c.Value).Append(")</option>\n");
        html.Append("</select></label>\n<label>Search name or NSN <input id=\"search\" type=\"search\" placeholder=\"e.g. 0123456789 or Ngata\" autocomplete=\"off\"></label>\n")
            .Append("<span id=\"shown\" aria-live=\"polite\">Showing ").Append(total).Append(" of ").Append(total).Append(" records</span>\n</section>\n");

        // The Principal's Nominee's sign-off: tick the changes to send, type a name, download the approval file.
        var approvable = rows.Count(r => r.Fingerprint.Length > 0);
        if (approvable > 0)
        {
            html.Append("<section class=\"approval\" aria-labelledby=\"approval-h\">\n<h2 id=\"approval-h\">Approve changes to send to NZQA</h2>\n")
                .Append("<p>Tick each change you approve (or use the buttons), type your name, and download the approval file. Give the file to whoever runs the sync: ")
                .Append("only the ticked changes are sent, and only while the school's data and NZQA's are still as shown here.</p>\n")
                .Append("<div class=\"approval-controls\"><button type=\"button\" id=\"tick-shown\">Tick all shown</button> <button type=\"button\" id=\"untick-all\">Untick all</button> ")
                .Append("<span id=\"ticked\" aria-live=\"polite\">0 of ").Append(approvable).Append(" changes ticked</span></div>\n");
            var identityApprovable = rows.Count(r => r.IdentityChange && r.Fingerprint.Length > 0);
            if (identityApprovable > 0)
                html.Append("<p class=\"identity-warning\" id=\"identity-warning\"><strong>").Append(identityApprovable)
                    .Append(identityApprovable == 1 ? " identity change" : " identity changes").Append("</strong> (marked <em>").Append(IdentityBadgeText)
                    .Append("</em>): <em>Tick all shown</em> leaves ").Append(identityApprovable == 1 ? "it" : "them").Append(" out; tick each one you approve on its own. ")
                    .Append(E(IdentitySentOnly)).Append("</p>\n");
            html
                .Append("<div class=\"approval-controls\"><label>Your name (Principal's Nominee) <input id=\"signer\" type=\"text\" autocomplete=\"name\"></label> ")
                .Append("<button type=\"button\" id=\"download-approval\" disabled>Download approval file</button> <span id=\"approval-status\" aria-live=\"polite\"></span></div>\n</section>\n");
        }

        // The records.
        html.Append("<table id=\"records\">\n<thead><tr><th scope=\"col\">Status</th><th scope=\"col\">NSN</th><th scope=\"col\">Name</th><th scope=\"col\">What differs: the school's value and NZQA's</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows) AppendRow(html, row);
        html.Append("</tbody>\n</table>\n<p id=\"empty\" hidden>No records match the filter.</p>\n</main>\n");
        html.Append("<footer>Written by NzqaSync Export-NzqaReport. This page works offline; nothing on it is sent anywhere.</footer>\n");

        var data = new { title, written = written.ToString("o", CultureInfo.InvariantCulture), total, counts = counts.ToDictionary(c => c.Key, c => c.Value) };
        html.Append("<script type=\"application/json\" id=\"report-data\">").Append(JsonForScript(data)).Append("</script>\n");
        html.Append("<script>").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The mark on an identity change's row (and in the legend).</summary>
    public const string IdentityBadgeText = "Identity change";
    private const string IdentityMeaning =
        "The school's legal name or date of birth for this NSN differs from what NZQA holds: syncing would change who NZQA has " +
        "the NSN as. Check the NSN is this student's before approving.";
    private const string IdentitySentOnly =
        "Sent only with -AllowIdentityChange (Sync-NzqaLearner -ApprovalPath approval.json -AllowIdentityChange); without it the sync skips it.";

    private static void AppendRow(StringBuilder html, ReportRow row)
    {
        var search = string.Join(" ", new[] { row.Nsn, row.Key, row.Name }.Where(s => !string.IsNullOrEmpty(s)).Distinct()).ToLowerInvariant();
        html.Append("<tr");
        if (row.IdentityChange) html.Append(" class=\"identity-change\" data-identity-change=\"true\"");
        html.Append(" data-status=\"").Append(E(row.Status)).Append("\" data-search=\"").Append(E(search)).Append("\">")
            .Append("<td><span class=\"badge\" style=\"background:").Append(ColourOf(row.Status)).Append("\">").Append(E(row.Status)).Append("</span>");
        if (row.IdentityChange) html.Append(" <span class=\"badge identity-badge\">").Append(IdentityBadgeText).Append("</span>");
        if (row.Fingerprint.Length > 0)
        {
            html.Append("<label class=\"approve\"><input type=\"checkbox\" class=\"approve-box\" data-kind=\"").Append(E(row.Kind)).Append("\" data-key=\"").Append(E(row.Key))
                .Append("\" data-fingerprint=\"").Append(E(row.Fingerprint)).Append("\" data-status=\"").Append(E(row.Status)).Append("\" data-name=\"").Append(E(row.Name))
                .Append("\" data-summary=\"").Append(E(row.ChangeSummary)).Append('"');
            if (row.IdentityChange)
                html.Append(" data-identity-change=\"true\" aria-label=\"Approve identity change of ").Append(E(row.Kind.ToLowerInvariant())).Append(' ').Append(E(row.Key)).Append("\"> Approve identity change</label>");
            else
                html.Append(" aria-label=\"Approve ").Append(E(row.Kind.ToLowerInvariant())).Append(' ').Append(E(row.Key)).Append("\"> Approve</label>");
        }
        if (row.Action.Length > 0 && row.Action != "None") html.Append("<div class=\"action\">").Append(E(Words(row.Action))).Append("</div>");
        html.Append("</td><td class=\"nsn\">").Append(E(row.Nsn)).Append("</td><td class=\"name\">").Append(E(row.Name));
        if (row.Kind.Length > 0 && row.Key.Length > 0 && row.Key != row.Nsn)
            html.Append("<div class=\"key\">").Append(E(row.Kind)).Append(' ').Append(E(row.Key)).Append("</div>");
        html.Append("</td><td>");
        if (row.IdentityChange)
            html.Append("<p class=\"identity-note\"><strong>").Append(IdentityBadgeText).Append(":</strong> ").Append(E(IdentityMeaning)).Append(' ').Append(E(IdentitySentOnly))
                .Append(row.Fingerprint.Length > 0 ? " <em>Tick all shown</em> leaves it out." : "").Append("</p>");
        if (row.Note.Length > 0) html.Append("<p class=\"note\">").Append(E(row.Note)).Append("</p>");
        if (row.Problems.Count > 0)
        {
            html.Append("<ul class=\"problems\">");
            foreach (var p in row.Problems) html.Append("<li>").Append(E(p)).Append("</li>");
            html.Append("</ul>");
        }
        if (row.Fields.Count > 0)
        {
            html.Append("<table class=\"fields\"><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">School (SMS)</th><th scope=\"col\">NZQA</th></tr></thead><tbody>");
            foreach (var f in row.Fields)
                html.Append("<tr><th scope=\"row\">").Append(E(Words(f.Field))).Append("</th><td class=\"local\">").Append(Value(f.Local))
                    .Append("</td><td class=\"nzqa\">").Append(Value(f.Nzqa)).Append("</td></tr>");
            html.Append("</tbody></table>");
        }
        html.Append("</td></tr>\n");
    }

    /// <summary>Counts per status, known statuses first in their usual order, then any others by name.</summary>
    public static List<KeyValuePair<string, int>> Counts(IEnumerable<ReportRow> rows)
    {
        var order = Known.Select((k, i) => (k.Status, i)).ToDictionary(x => x.Status, x => x.i, StringComparer.Ordinal);
        return rows.GroupBy(r => r.Status, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .OrderBy(p => order.TryGetValue(p.Key, out var i) ? i : int.MaxValue)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>JSON that is safe inside a &lt;script&gt; element: &lt;, &gt;, &amp; and quotes become \u escapes.</summary>
    public static string JsonForScript(object value)
    {
        var json = JsonConvert.SerializeObject(value, new JsonSerializerSettings { StringEscapeHandling = StringEscapeHandling.EscapeHtml });
        // Belt and braces (EscapeHtml already does these), plus the two line separators JavaScript dislikes.
        return json.Replace("<", "\\u003c").Replace(">", "\\u003e").Replace("&", "\\u0026").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text ?? "");

    private static string Value(string text) => string.IsNullOrEmpty(text) ? "<span class=\"none\">(none)</span>" : E(text);

    private static string ColourOf(string status) => Known.FirstOrDefault(k => k.Status == status).Colour ?? "#37474f";

    private static string MeaningOf(string status) => Known.FirstOrDefault(k => k.Status == status).Meaning ?? "";

    /// <summary>"EnrolmentDate" → "Enrolment date", "RecordLeaving" → "Record leaving".</summary>
    public static string Words(string name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1])) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
