using System;
using System.Linq;
using System.Text.RegularExpressions;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Report;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Report;

public class ReviewPageTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(13));

    private static EnrolmentDiff Different(string nsn, string first, string last) => new()
    {
        Key = nsn, Nsn = nsn, Name = $"{first} {last}", Status = DiffStatus.Different, SyncStatus = SyncStatus.Pending,
        Differences = new[] { new FieldDifference("YearLevel", "12", "11"), new FieldDifference("LocalStudentId", "S1", "") },
        Local = new EnrolmentRecord { Nsn = nsn, FirstName = first, LastName = last, YearLevel = 12 },
        Nzqa = new EnrolmentRecord { Nsn = nsn, FirstName = first, LastName = last, YearLevel = 11 },
    };

    [Fact]
    public void A_different_record_shows_each_differing_field_with_the_school_and_NZQA_values()
    {
        var row = ReportRow.FromDiff(Different("100000001", "Aroha", "Ngata"));
        Assert.Equal("Different", row.Status);
        Assert.Equal(new[] { ("YearLevel", "12", "11"), ("LocalStudentId", "S1", "") }, row.Fields.Select(f => (f.Field, f.Local, f.Nzqa)));

        var html = ReviewPage.Render("Review", Written, new[] { row });
        Assert.Contains("<th scope=\"row\">Year level</th><td class=\"local\">12</td><td class=\"nzqa\">11</td>", html);
        Assert.Contains("<td class=\"nzqa\"><span class=\"none\">(none)</span></td>", html);
    }

    [Fact]
    public void A_new_record_lists_what_the_school_holds_and_an_NzqaOnly_record_what_NZQA_holds()
    {
        var newRow = ReportRow.FromDiff(new EnrolmentDiff
        {
            Key = "100000003", Nsn = "100000003", Name = "Hēmi Walker", Status = DiffStatus.New,
            Local = new EnrolmentRecord { Nsn = "100000003", FirstName = "Hēmi", LastName = "Walker", EnrolmentDate = new DateTime(2026, 2, 2), YearLevel = 9 },
        });
        Assert.Contains(newRow.Fields, f => f.Field == "EnrolmentDate" && f.Local == "2026-02-02" && f.Nzqa == "");
        Assert.DoesNotContain(newRow.Fields, f => f.Field == "FirstName" || f.Field == "Nsn"); // already in the Name and NSN columns
        Assert.DoesNotContain(newRow.Fields, f => f.Field == "LeavingDate"); // empty values are left out
        Assert.Contains("Not at NZQA", newRow.Note);

        var onlyRow = ReportRow.FromDiff(new EnrolmentDiff
        {
            Key = "100000009", Nsn = "100000009", Name = "Mere Tūhoe", Status = DiffStatus.NzqaOnly,
            Nzqa = new EnrolmentRecord { Nsn = "100000009", FirstName = "Mere", LastName = "Tūhoe", YearLevel = 12 },
        });
        Assert.Contains(onlyRow.Fields, f => f.Field == "YearLevel" && f.Local == "" && f.Nzqa == "12");
    }

    [Fact]
    public void Invalid_problems_and_sync_errors_are_listed()
    {
        var invalid = ReportRow.FromDiff(new EnrolmentDiff
        {
            Key = "", Nsn = "abc", Name = "No Number", Status = DiffStatus.Invalid,
            Problems = new[] { new RecordProblem("NzqaInvalidNsn", "Nsn", "'abc' is not a valid NSN.") },
        });
        Assert.Equal(new[] { "'abc' is not a valid NSN." }, invalid.Problems);

        var failed = ReportRow.FromResult(new SyncResult
        {
            Kind = "Enrolment", Key = "100000001", Nsn = "100000001", Name = "Aroha Ngata", Action = SyncAction.Update,
            Outcome = SyncOutcome.Failed, Errors = new[] { "409 Conflict: enrolment is locked" }, Diff = Different("100000001", "Aroha", "Ngata"),
        });
        Assert.Equal("Failed", failed.Status);
        Assert.Equal("Update", failed.Action);
        Assert.Equal(new[] { "409 Conflict: enrolment is locked" }, failed.Problems);
        Assert.Equal(2, failed.Fields.Count); // what was being sent

        var html = ReviewPage.Render("Review", Written, new[] { invalid, failed });
        Assert.Contains("<li>409 Conflict: enrolment is locked</li>", html);
        Assert.Contains("<li>&#39;abc&#39; is not a valid NSN.</li>", html);
    }

    /// <summary>The page without its scripts (which name every class and attribute the page may use).</summary>
    private static string Rendered(string html) => html.Substring(0, html.IndexOf("<script", StringComparison.Ordinal));

    private static LearnerDiff LearnerChange(string nsn, string field, string local, string nzqa)
    {
        LearnerRecord Record(string value)
        {
            var r = new LearnerRecord { Nsn = nsn, FirstName = "Aroha", LastName = "Ngata", DateOfBirth = new DateTime(2009, 4, 1), Gender = "F" };
            var property = typeof(LearnerRecord).GetProperty(field)!;
            property.SetValue(r, field == "DateOfBirth" ? DateTime.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : value);
            return r;
        }
        return new LearnerDiff
        {
            Key = nsn, Nsn = nsn, Name = "Aroha Ngata", Status = DiffStatus.Different, SyncStatus = SyncStatus.Pending,
            Differences = new[] { new FieldDifference(field, local, nzqa) }, Local = Record(local), Nzqa = Record(nzqa),
        };
    }

    [Fact]
    public void An_identity_change_is_marked_on_its_row_and_approved_as_New_NzqaApproval_AllowIdentityChange_approves_it()
    {
        // A changed legal last name of a learner NZQA holds: the sync sends it only with -AllowIdentityChange.
        var identity = LearnerChange("100000001", "LastName", "Ngata-Smith", "Ngata");
        Assert.True(identity.IdentityChange);
        var row = ReportRow.FromDiff(identity);
        Assert.True(row.IdentityChange);

        // The page's entry is New-NzqaApproval -AllowIdentityChange's: the same fingerprint (what that sync sends) and summary.
        var entry = Assert.Single(ApprovalFile.FromDiffs(new[] { identity }, "Jane Smith", Written, "New-NzqaApproval", allowIdentityChange: true).Approved);
        Assert.True(entry.IdentityChange);
        Assert.Equal(entry.Fingerprint, row.Fingerprint);
        Assert.Equal(entry.Summary, row.ChangeSummary);
        Assert.StartsWith("Identity change", row.ChangeSummary);
        Assert.Empty(ApprovalFile.FromDiffs(new[] { identity }, "Jane Smith", Written, "New-NzqaApproval").Approved); // left out without the switch

        var html = ReviewPage.Render("Learners", Written, new[] { row });
        var tr = Regex.Match(html, "<tr class=\"identity-change\" data-identity-change=\"true\" data-status=\"Different\"[^>]*>.*?</tr>\n", RegexOptions.Singleline).Value;
        Assert.Contains("<span class=\"badge identity-badge\">Identity change</span>", tr);
        Assert.Contains("Sent only with -AllowIdentityChange", tr);
        Assert.Contains("data-identity-change=\"true\" aria-label=\"Approve identity change of learner 100000001\"", tr);
        Assert.Contains("data-fingerprint=\"" + entry.Fingerprint + "\"", tr);
        Assert.Contains("<strong>1 identity change</strong>", html); // said again next to Tick all shown, which leaves it out
    }

    [Fact]
    public void A_learner_change_that_is_not_an_identity_change_is_not_marked()
    {
        var gender = LearnerChange("100000002", "Gender", "M", "F");
        Assert.False(gender.IdentityChange);
        var row = ReportRow.FromDiff(gender);
        Assert.False(row.IdentityChange);
        var entry = Assert.Single(ApprovalFile.FromDiffs(new[] { gender }, "Jane Smith", Written, "New-NzqaApproval").Approved);
        Assert.Null(entry.IdentityChange);
        Assert.Equal(entry.Fingerprint, row.Fingerprint);

        var html = Rendered(ReviewPage.Render("Learners", Written, new[] { row }));
        Assert.DoesNotContain("Identity change", html);
        Assert.DoesNotContain("data-identity-change", html);
        Assert.Contains("aria-label=\"Approve learner 100000002\"", html);
    }

    [Fact]
    public void A_skipped_identity_change_in_sync_results_is_marked_without_an_approve_tick()
    {
        var identity = LearnerChange("100000001", "DateOfBirth", "2009-04-02", "2009-04-01");
        var row = ReportRow.FromResult(new SyncResult
        {
            Kind = "Learner", Key = "100000001", Nsn = "100000001", Name = "Aroha Ngata", Action = SyncAction.None, Outcome = SyncOutcome.Skipped,
            Errors = new[] { "Identity change not sent: NZQA already holds NSN 100000001 as DateOfBirth 2009-04-01 (the SMS has 2009-04-02)." }, Diff = identity,
        });
        Assert.True(row.IdentityChange);
        Assert.Equal("", row.Fingerprint);
        var html = Rendered(ReviewPage.Render("Last night", Written, new[] { row }));
        Assert.Contains("<span class=\"badge identity-badge\">Identity change</span>", html);
        Assert.DoesNotContain("approve-box", html);
        Assert.DoesNotContain("Tick all shown", html);
    }

    [Fact]
    public void Counts_are_in_the_usual_status_order()
    {
        var rows = new[] { "Invalid", "Match", "New", "Match", "Different", "Custom" }.Select(s => new ReportRow { Status = s }).ToList();
        Assert.Equal(new[] { ("Match", 2), ("New", 1), ("Different", 1), ("Invalid", 1), ("Custom", 1) },
            ReviewPage.Counts(rows).Select(c => (c.Key, c.Value)));
        var html = ReviewPage.Render("t", Written, rows);
        Assert.Contains("data-count-for=\"Match\">2</span>", html);
        Assert.Contains("<option value=\"Invalid\">Invalid (1)</option>", html);
    }

    [Fact]
    public void Every_value_is_HTML_encoded_and_the_page_loads_nothing_from_outside()
    {
        var hostile = "<script>alert(1)</script>";
        var row = ReportRow.FromDiff(new EnrolmentDiff
        {
            Key = "100000004", Nsn = "100000004", Name = hostile + " \"quoted\" & <b>", Status = DiffStatus.Different,
            Differences = new[] { new FieldDifference("LeavingReason", "<img src=x onerror=alert(2)>", "a&b") },
        });
        var html = ReviewPage.Render("Title </script><script>alert(3)</script>", Written, new[] { row });

        // Exactly the two scripts the page ships; no other tags from the data.
        Assert.Equal(2, Regex.Matches(html, "<script").Count);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("alert(1)</script>", html.Replace("&lt;/script&gt;", ""));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &lt;b&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html);
        Assert.Contains("data-search=\"100000004 &lt;script&gt;alert(1)&lt;/script&gt;", html);

        // Self-contained: no external resources of any kind.
        Assert.DoesNotMatch("(src|href)\\s*=\\s*\"?(https?:)?//", html);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("url(", html);
        Assert.Contains("default-src 'none'", html);
    }

    [Fact]
    public void Json_in_a_script_element_cannot_close_it()
    {
        var json = ReviewPage.JsonForScript(new { title = "</script><script>alert(1)</script> & Ngā" });
        Assert.DoesNotContain("<", json);
        Assert.DoesNotContain(">", json);
        Assert.DoesNotContain("&", json);
        Assert.Contains("\\u003c/script\\u003e", json);
        Assert.Contains("Ngā", json);
        Assert.Equal("</script><script>alert(1)</script> & Ngā", Newtonsoft.Json.Linq.JObject.Parse(json)["title"]!.ToString());
    }

    [Fact]
    public void Macrons_are_kept_as_they_are()
    {
        var row = new ReportRow { Status = "New", Nsn = "100000003", Name = "Hēmi Tūhoe-Ngāti" };
        var html = ReviewPage.Render("Ngā ākonga", Written, new[] { row });
        Assert.Contains("<meta charset=\"utf-8\">", html);
        Assert.Contains(">Hēmi Tūhoe-Ngāti<", html);
        Assert.Contains("<h1>Ngā ākonga</h1>", html);
    }

    [Theory]
    [InlineData("EnrolmentDate", "Enrolment date")]
    [InlineData("RecordLeaving", "Record leaving")]
    [InlineData("Nsn", "Nsn")]
    public void Field_names_read_as_words(string name, string words) => Assert.Equal(words, ReviewPage.Words(name));

    [Fact]
    public void Anything_else_is_not_a_report_row() => Assert.Null(ReportRow.From("a string"));
}
