using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using static NzqaSync.Tests.Sandbox.SandboxTestClient;

namespace NzqaSync.Tests.Sandbox;

public sealed class NzqaRecordsTests
{
    private const string Enrolments = "nzqa/v1/providers/{0}/enrolments";
    private const string Learners = "nzqa/v1/providers/{0}/learners";
    private static string P(string template, int p) => string.Format(template, p);

    private static object Learner(string nsn, string dob = "2010-04-05", string last = "Ngātai") => new
    {
        nsn, firstName = "Aroha", middleName = (string)null, lastName = last, dateOfBirth = dob, gender = "F", ethnicities = new[] { "211", "111" }, localStudentId = "L1",
    };

    private static object Enrolment(string nsn, int yearLevel = 11, string id = "99001") => new { nsn, localStudentId = id, enrolmentDate = "2026-02-02", yearLevel };

    [Fact]
    public async Task Paging_covers_every_enrolment_learner_and_entry_exactly_once()
    {
        await using var c = await StartAsync();
        var token = await c.TokenAsync(257);
        foreach (var (path, key, expected) in new[]
        {
            (P(Enrolments, 257), "nsn", c.State.Nzqa.Enrolments(257).Select(e => e.Nsn).ToList()),
            (P(Learners, 257), "nsn", c.State.Nzqa.Learners(257).Select(e => e.Nsn).ToList()),
            ($"nzqa/v1/providers/257/standards?academicYear={c.Year}", "", c.State.Nzqa.Entries(257, c.Year).Select(e => e.Key).ToList()),
        })
        {
            var seen = new List<string>();
            for (var page = 1; ; page++)
            {
                var sep = path.Contains('?') ? "&" : "?";
                using var res = await c.SendAsync(HttpMethod.Get, $"{path}{sep}page={page}&pageSize=37", token, "257");
                var body = await ReadJsonAsync(res);
                Assert.Equal(expected.Count, body.GetProperty("totalCount").GetInt32());
                var rows = body.GetProperty("results").EnumerateArray().ToList();
                if (rows.Count == 0) break;
                seen.AddRange(rows.Select(r => key.Length > 0 ? r.GetProperty(key).GetString()
                    : $"{r.GetProperty("nsn").GetString()}:{r.GetProperty("standardNumber").GetString()}:{r.GetProperty("standardVersion").GetInt32()}:{r.GetProperty("academicYear").GetInt32()}"));
            }
            Assert.True(expected.Count > 100, path);
            Assert.Equal(expected.OrderBy(x => x, StringComparer.Ordinal), seen.OrderBy(x => x, StringComparer.Ordinal));
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
        // The year filter matters: last year's entries exist but are not in this year's pages.
        Assert.NotEmpty(c.State.Nzqa.Entries(257, c.Year - 1));
        using var tooBig = await c.SendAsync(HttpMethod.Get, P(Enrolments, 257) + "?pageSize=5001", token, "257");
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
    }

    [Fact]
    public async Task Enrolment_create_is_idempotent_patch_changes_only_sent_fields_and_leaving_keeps_entries()
    {
        await using var c = await StartAsync();
        const string nsn = "987654321";
        Assert.Equal("LEARNER_UNKNOWN", Codes((await c.BatchAsync(257, HttpMethod.Post, P(Enrolments, 257), Enrolment(nsn)))[0]).Single());

        Assert.Equal("Created", Outcome((await c.BatchAsync(257, HttpMethod.Post, P(Learners, 257), Learner(nsn)))[0]));
        var created = await c.BatchAsync(257, HttpMethod.Post, P(Enrolments, 257), Enrolment(nsn), Enrolment("12AB"));
        Assert.Equal("Created", Outcome(created[0]));
        Assert.Equal(nsn, created[0].GetProperty("key").GetString());
        Assert.Equal(new[] { "NSN_INVALID" }, Codes(created[1]));
        Assert.Equal("Unchanged", Outcome((await c.BatchAsync(257, HttpMethod.Post, P(Enrolments, 257), Enrolment(nsn)))[0]));

        var patched = await c.BatchAsync(257, HttpMethod.Patch, P(Enrolments, 257), new { nsn, yearLevel = 12 });
        Assert.Equal("Updated", Outcome(patched[0]));
        var e = c.State.Nzqa.Enrolment(nsn);
        Assert.Equal((12, "99001", new DateOnly(2026, 2, 2), "Active"), (e.YearLevel, e.LocalStudentId, e.EnrolmentDate, e.Status));
        Assert.Equal("Ngātai", e.LastName);

        var entry = await c.BatchAsync(257, HttpMethod.Post, "nzqa/v1/providers/257/standards/entries",
            new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = c.Year });
        Assert.Equal("Created", Outcome(entry[0]));

        var leaving = await c.BatchAsync(257, HttpMethod.Post, P(Enrolments, 257) + "/leaving",
            new { nsn, leavingDate = "2026-04-01", leavingReason = "EMPLOYMENT" },
            new { nsn, leavingDate = "2026-01-01", leavingReason = "EMPLOYMENT" },
            new { nsn = "555555555", leavingDate = "2026-04-01", leavingReason = "EMPLOYMENT" });
        Assert.Equal("Updated", Outcome(leaving[0]));
        Assert.Equal(new[] { "LEAVING_DATE_INVALID" }, Codes(leaving[1]));
        Assert.Equal(new[] { "NOT_ENROLLED" }, Codes(leaving[2]));
        e = c.State.Nzqa.Enrolment(nsn);
        Assert.Equal(("Leaving", new DateOnly(2026, 4, 1), "EMPLOYMENT"), (e.Status, e.LeavingDate, e.LeavingReason));
        Assert.Equal("Entered", c.State.Nzqa.Entry(nsn, "91944", 1, c.Year).Status); // leaving never withdraws
        Assert.Contains(c.State.Nzqa.Enrolments(257), x => x.Nsn == nsn);

        Assert.Equal(new[] { "NOT_ENROLLED" }, Codes((await c.BatchAsync(257, HttpMethod.Patch, P(Enrolments, 257), new { nsn = "555555555", yearLevel = 10 }))[0]));
    }

    [Fact]
    public async Task Enrolling_at_another_school_moves_the_enrolment_and_leaves_results_with_the_old_school()
    {
        await using var c = await StartAsync();
        var fromA = c.State.Nzqa.Enrolments(257).First(e => e.Status == "Active" && c.State.Nzqa.Entries(257, c.Year).Any(x => x.Nsn == e.Nsn && x.Result != null));
        var aEntries = c.State.Nzqa.Entries(257).Where(x => x.Nsn == fromA.Nsn).ToList();

        var moved = await c.BatchAsync(311, HttpMethod.Post, P(Enrolments, 311), Enrolment(fromA.Nsn, fromA.YearLevel, "H77"));
        Assert.Equal("Created", Outcome(moved[0]));

        Assert.Equal(311, c.State.Nzqa.Enrolment(fromA.Nsn).ProviderNumber);
        using var aGet = await c.AsProviderAsync(257, HttpMethod.Get, P(Enrolments, 257) + "?pageSize=5000");
        Assert.DoesNotContain((await ReadJsonAsync(aGet)).GetProperty("results").EnumerateArray(), r => r.GetProperty("nsn").GetString() == fromA.Nsn);
        Assert.DoesNotContain(c.State.Nzqa.Learners(257), l => l.Nsn == fromA.Nsn);
        Assert.Contains(c.State.Nzqa.Learners(311), l => l.Nsn == fromA.Nsn);

        // A's entries and results stay intact under A; B's standards read shows none of them.
        Assert.Equal(aEntries, c.State.Nzqa.Entries(257).Where(x => x.Nsn == fromA.Nsn).ToList());
        using var aStd = await c.AsProviderAsync(257, HttpMethod.Get, "nzqa/v1/providers/257/standards?pageSize=5000");
        Assert.Equal(aEntries.Count, (await ReadJsonAsync(aStd)).GetProperty("results").EnumerateArray().Count(r => r.GetProperty("nsn").GetString() == fromA.Nsn));
        using var bStd = await c.AsProviderAsync(311, HttpMethod.Get, "nzqa/v1/providers/311/standards?pageSize=5000");
        Assert.DoesNotContain((await ReadJsonAsync(bStd)).GetProperty("results").EnumerateArray(), r => r.GetProperty("nsn").GetString() == fromA.Nsn);

        // A may still report a result on its own entry; it may no longer create entries for the student.
        var internalEntry = aEntries.First(x => x.EntryMethod == null && x.AcademicYear == c.Year);
        var newResult = internalEntry.Result == "N" ? "A" : "N";
        var result = await c.BatchAsync(257, HttpMethod.Put, "nzqa/v1/providers/257/standards/results",
            new { nsn = fromA.Nsn, standardNumber = internalEntry.StandardNumber, standardVersion = internalEntry.StandardVersion, academicYear = c.Year, result = newResult });
        Assert.True(Outcome(result[0]) != "Failed", result[0].ToString());
        Assert.Equal((newResult, 257), (c.State.Nzqa.Entry(fromA.Nsn, internalEntry.StandardNumber, internalEntry.StandardVersion, c.Year).Result,
            c.State.Nzqa.Entry(fromA.Nsn, internalEntry.StandardNumber, internalEntry.StandardVersion, c.Year).ResultProviderCode));
        var newEntry = await c.BatchAsync(257, HttpMethod.Post, "nzqa/v1/providers/257/standards/entries",
            new { nsn = fromA.Nsn, standardNumber = "91580", standardVersion = 3, academicYear = c.Year });
        Assert.Equal(new[] { "NOT_ENROLLED" }, Codes(newEntry[0]));
    }

    [Fact]
    public async Task Learner_create_links_an_existing_NSN_with_the_same_birth_date_and_refuses_a_different_one()
    {
        await using var c = await StartAsync();
        var other = c.State.Nzqa.Learners(311).First();
        var link = new { other.Nsn, other.FirstName, other.MiddleName, other.LastName, dateOfBirth = other.DateOfBirth.ToString("yyyy-MM-dd"), other.Gender, other.Ethnicities, other.LocalStudentId };
        var camel = System.Text.Json.JsonSerializer.Serialize(new { items = new[] { link } }, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        using (var res = await c.AsProviderAsync(257, HttpMethod.Post, P(Learners, 257), camel))
            Assert.Equal("Created", Outcome((await ReadJsonAsync(res)).GetProperty("results")[0]));
        Assert.Contains(c.State.Nzqa.Learners(257), l => l.Nsn == other.Nsn);
        using (var again = await c.AsProviderAsync(257, HttpMethod.Post, P(Learners, 257), camel))
            Assert.Equal("Unchanged", Outcome((await ReadJsonAsync(again)).GetProperty("results")[0]));

        var conflict = await c.BatchAsync(257, HttpMethod.Post, P(Learners, 257), Learner(other.Nsn, other.DateOfBirth.AddDays(3).ToString("yyyy-MM-dd")));
        Assert.Equal(new[] { "NSN_CONFLICT" }, Codes(conflict[0]));
        Assert.Equal(other.DateOfBirth, c.State.Nzqa.Learner(other.Nsn).DateOfBirth);

        var bad = await c.BatchAsync(257, HttpMethod.Post, P(Learners, 257),
            new { nsn = "123", firstName = "", lastName = "X", dateOfBirth = "2011-02-30", gender = "Q", ethnicities = new[] { "11" } });
        Assert.Equal(new[] { "NAME_REQUIRED", "DOB_INVALID", "GENDER_INVALID", "ETHNICITY_INVALID" }, Codes(bad[0]));
        Assert.Null(c.State.Nzqa.Learner("123"));

        var patch = await c.BatchAsync(257, HttpMethod.Patch, P(Learners, 257), new { nsn = other.Nsn, lastName = "Pōmare-Smith" }, new { nsn = "444444444", lastName = "Nobody" });
        Assert.Equal("Updated", Outcome(patch[0]));
        Assert.Equal(new[] { "NOT_FOUND" }, Codes(patch[1]));
        var after = c.State.Nzqa.Learner(other.Nsn);
        Assert.Equal(("Pōmare-Smith", other.FirstName, other.DateOfBirth), (after.LastName, after.FirstName, after.DateOfBirth));
    }

    [Fact]
    public async Task Batches_over_100_items_or_unreadable_bodies_are_refused_whole()
    {
        await using var c = await StartAsync();
        var items = Enumerable.Range(0, 101).Select(i => Enrolment((900000000 + i).ToString())).ToArray();
        using var tooMany = await c.AsProviderAsync(257, HttpMethod.Post, P(Enrolments, 257), new { items });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal("BATCH_TOO_LARGE", (await ReadJsonAsync(tooMany)).GetProperty("errorCode").GetString());
        using var notJson = await c.AsProviderAsync(257, HttpMethod.Post, P(Enrolments, 257), "{not json");
        Assert.Equal("BAD_REQUEST", (await ReadJsonAsync(notJson)).GetProperty("errorCode").GetString());
    }
}
