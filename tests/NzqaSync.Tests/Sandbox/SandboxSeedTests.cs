using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Seeding;
using static NzqaSync.Tests.Sandbox.SandboxTestClient;

namespace NzqaSync.Tests.Sandbox;

public sealed class SandboxSeedTests
{
    private static string Snapshot(SandboxState s) => string.Join("\n",
        s.Nzqa.Enrolments(257).Select(e => e.ToString())
            .Concat(s.Nzqa.Learners(257).Select(l => $"{l} {string.Join("/", l.Ethnicities)}"))
            .Concat(s.Nzqa.Entries(257).Select(e => e.ToString()))
            .Concat(s.Nzqa.Enrolments(311).Select(e => e.ToString()))
            .Concat(new[] { "enrolments", "learners", "standards" }.Select(a => s.SmsExport(257).ToCsv(a))));

    [Fact]
    public async Task The_same_seed_gives_the_same_data_and_another_seed_does_not()
    {
        await using var a = await StartAsync(o => o.Seed = 11);
        await using var b = await StartAsync(o => o.Seed = 11);
        await using var other = await StartAsync(o => o.Seed = 12);
        Assert.Equal(Snapshot(a.State), Snapshot(b.State));
        Assert.NotEqual(Snapshot(a.State), Snapshot(other.State));
    }

    [Fact]
    public async Task Sms_export_is_served_as_UTF8_CSV_with_BOM_the_SMS_headers_and_escaped_names()
    {
        await using var c = await StartAsync();
        using var res = await c.Http.GetAsync("sandbox/sms-export/257/learners.csv");
        var bytes = await res.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.StartsWith("text/csv", res.Content.Headers.ContentType.ToString());
        var rows = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        Assert.Equal(SmsExport.LearnerHeaders, rows[0]);
        Assert.Equal(c.State.SmsExport(257).Learners.Count, rows.Count - 1);
        Assert.All(rows, r => Assert.Equal(10, r.Length));
        Assert.Contains(rows, r => r[4] == "O'Brien <b>" && r[3] == "<script>alert(1)</script>");
        Assert.Contains(rows, r => r[4] == "Smith, Jr" && r[2] == "Mary-Jane \"MJ\"");
        Assert.Contains(rows, r => r[4] == "Ngātai" || r[4] == "Pōmare");

        foreach (var (file, headers) in new[] { ("enrolments.csv", SmsExport.EnrolmentHeaders), ("standards.csv", SmsExport.StandardHeaders) })
        {
            var text = await c.Http.GetStringAsync($"sandbox/sms-export/257/{file}");
            Assert.Equal(headers, Csv.Parse(text)[0]);
        }
        using var none = await c.Http.GetAsync("sandbox/sms-export/311/learners.csv");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Te_Kura_results_transfers_and_other_schools_are_seeded()
    {
        await using var c = await StartAsync();
        var n = c.State.Nzqa;
        Assert.Contains(n.Entries(257), e => e.ResultProviderCode == 498 && e.ProviderNumber == 257);
        Assert.NotEmpty(n.Enrolments(311));
        Assert.NotEmpty(n.Enrolments(498));
        // Transferred out: 257 entries for a student whose enrolment is now at 311.
        Assert.Contains(n.Entries(257), e => n.Enrolment(e.Nsn)?.ProviderNumber == 311);
        // Transfer in: a student the SMS enrols who is active at 311 in NZQA.
        Assert.Contains(c.State.SmsExport(257).Enrolments, r => n.Enrolment(r.Nsn)?.ProviderNumber == 311);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(42, 300)]
    [InlineData(9, 2000)]
    public async Task Every_compare_status_occurs_in_every_area(int seed, int students)
    {
        await using var c = await StartAsync(o => { o.Seed = seed; o.Students = students; });
        var s = c.State;
        var export = s.SmsExport(257);
        int y = c.Year;

        bool ValidNsn(string nsn) => nsn.Length is > 0 and <= 10 && nsn.All(char.IsAsciiDigit);
        var duplicates = export.Enrolments.GroupBy(r => r.Nsn).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        bool Sendable(string nsn) => ValidNsn(nsn) && !duplicates.Contains(nsn);

        // Enrolments
        var nz = s.Nzqa.Enrolments(257).ToDictionary(e => e.Nsn);
        var enrol = new Dictionary<string, string>();
        var leavers = new HashSet<string>();
        foreach (var r in export.Enrolments)
        {
            if (!Sendable(r.Nsn)) { enrol[r.Nsn + "#" + r.StudentId] = "Invalid"; continue; }
            if (!nz.TryGetValue(r.Nsn, out var e)) { enrol[r.Nsn] = "New"; continue; }
            if (r.LeavingDate != null && e.LeavingDate == null) { enrol[r.Nsn] = "Leaver"; leavers.Add(r.Nsn); continue; }
            var same = r.StudentId == e.LocalStudentId && r.EnrolmentDate == e.EnrolmentDate.ToString("yyyy-MM-dd") && r.YearLevel == e.YearLevel.ToString()
                       && r.LeavingReason == e.LeavingReason;
            enrol[r.Nsn] = same ? "Match" : "Different";
        }
        foreach (var k in nz.Keys.Where(k => !export.Enrolments.Any(r => r.Nsn == k))) enrol[k] = "NzqaOnly";
        AssertAllStatuses("enrolments", enrol.Values);

        // Learner details
        var nl = s.Nzqa.Learners(257).ToDictionary(l => l.Nsn);
        var learners = new Dictionary<string, string>();
        var smsLearnerNsns = export.Learners.Select(r => r.Nsn).ToHashSet();
        foreach (var r in export.Learners)
        {
            var dobOk = DateOnly.TryParseExact(r.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob);
            if (!Sendable(r.Nsn) || !dobOk) { learners[r.Nsn + "#" + r.StudentId] = "Invalid"; continue; }
            if (!nl.TryGetValue(r.Nsn, out var l)) { learners[r.Nsn] = "New"; continue; }
            if (leavers.Contains(r.Nsn)) { learners[r.Nsn] = "Leaver"; continue; }
            var eth = new[] { r.Ethnicity1, r.Ethnicity2, r.Ethnicity3 }.Where(x => x != null);
            var same = r.FirstName == l.FirstName && r.MiddleName == l.MiddleName && r.LastName == l.LastName && dob == l.DateOfBirth
                       && r.Gender == l.Gender && eth.SequenceEqual(l.Ethnicities) && r.StudentId == l.LocalStudentId;
            learners[r.Nsn] = same ? "Match" : "Different";
        }
        foreach (var k in nl.Keys.Where(k => !smsLearnerNsns.Contains(k))) learners[k] = "NzqaOnly";
        AssertAllStatuses("learners", learners.Values);

        // Standards (this academic year)
        var ne = s.Nzqa.Entries(257, y).ToDictionary(e => e.Key);
        var std = new Dictionary<string, string>();
        var results = new[] { null, "N", "A", "M", "E", "SNA" };
        foreach (var r in export.Standards)
        {
            if (!Sendable(r.Nsn) || !s.Nzqa.Catalogue.Any(x => x.Number == r.Standard) || !results.Contains(r.Result)) { std[r.Key + "#"] = "Invalid"; continue; }
            if (!ne.TryGetValue(r.Key, out var e)) { std[r.Key] = "New"; continue; }
            if (leavers.Contains(r.Nsn)) { std[r.Key] = "Leaver"; continue; }
            var same = r.EntryMethod == e.EntryMethod && r.Result == e.Result && r.ResultProvider == e.ResultProviderCode?.ToString()
                       && (r.Withdrawn == "Y") == (e.Status == "Withdrawn");
            std[r.Key] = same ? "Match" : "Different";
        }
        var smsKeys = export.Standards.Select(r => r.Key).ToHashSet();
        foreach (var k in ne.Keys.Where(k => !smsKeys.Contains(k))) std[k] = "NzqaOnly";
        AssertAllStatuses("standards", std.Values);

        // The specific unsendable rows the demo relies on.
        Assert.Contains(export.Enrolments, r => r.Nsn == "12AB");
        Assert.Contains(export.Learners, r => r.DateOfBirth.EndsWith("-02-30"));
        Assert.NotEmpty(duplicates);
        Assert.Contains(export.Standards, r => r.Result == "X");
        Assert.Contains(export.Standards, r => r.Standard == "99999");
        Assert.InRange(export.Enrolments.Count, students * 9 / 10, students + 20);
    }

    [Fact]
    public async Task Standards_per_student_seeds_a_large_schools_year_that_NZQA_would_hold()
    {
        // The benchmark's largest school: --standards-per-student gives each year 11-13 student that many entries this
        // year (past their own level's standards, the adjacent levels'), every one a real catalogue standard with a
        // result it allows and an entry method if external, no standard twice for a student in a year.
        await using var usual = await StartAsync(o => { o.Students = 300; });
        await using var large = await StartAsync(o => { o.Students = 300; o.StandardsPerStudent = 20; });
        int y = large.Year;
        var entries = large.State.Nzqa.Entries(257, y);
        var yearLevels = large.State.Nzqa.Enrolments(257).ToDictionary(e => e.Nsn, e => e.YearLevel);
        var perStudent = entries.GroupBy(e => e.Nsn).ToDictionary(g => g.Key, g => g.ToList());
        var ncea = yearLevels.Where(kv => kv.Value >= 11 && perStudent.ContainsKey(kv.Key)).Select(kv => kv.Key).ToList();
        Assert.NotEmpty(ncea);
        Assert.True(ncea.Count(n => perStudent[n].Count >= 20) >= ncea.Count * 8 / 10,
            $"most year 11-13 students have 20 entries: {string.Join(",", ncea.Select(n => perStudent[n].Count).Take(30))}");
        foreach (var e in entries)
        {
            var standard = NzqaSync.Sandbox.Nzqa.StandardsCatalogue.Find(e.StandardNumber, e.StandardVersion);
            Assert.NotNull(standard);
            if (e.Result != null) Assert.True(NzqaSync.Sandbox.Nzqa.StandardsCatalogue.ResultAllowed(standard, e.Result), $"{e.Key}: {e.Result}");
            if (standard.Assessment == "External" && e.Status == "Entered") Assert.NotNull(e.EntryMethod);
        }
        Assert.All(perStudent.Values, list => Assert.Equal(list.Count, list.Select(e => e.StandardNumber).Distinct().Count()));
        Assert.True(large.State.SmsExport(257).Standards.Count > 3 * usual.State.SmsExport(257).Standards.Count);
    }

    private static void AssertAllStatuses(string area, IEnumerable<string> statuses)
    {
        var counts = statuses.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        foreach (var status in new[] { "Match", "New", "Different", "Leaver", "NzqaOnly", "Invalid" })
            Assert.True(counts.ContainsKey(status), $"{area}: no {status} ({string.Join(", ", counts.Select(kv => kv.Key + "=" + kv.Value))})");
        Assert.Equal("Match", counts.OrderByDescending(kv => kv.Value).First().Key);
    }
}
