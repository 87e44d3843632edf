using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using static NzqaSync.Tests.Sandbox.SandboxTestClient;

namespace NzqaSync.Tests.Sandbox;

public sealed class NzqaStandardsTests
{
    private const string Entries = "nzqa/v1/providers/257/standards/entries";
    private const string Results = "nzqa/v1/providers/257/standards/results";
    private const string Withdrawals = "nzqa/v1/providers/257/standards/withdrawals";

    /// <summary>A new learner enrolled at 257 through the API, with no entries yet.</summary>
    private static async Task<string> ActiveStudent(SandboxTestClient c)
    {
        const string nsn = "876543210";
        var l = await c.BatchAsync(257, HttpMethod.Post, "nzqa/v1/providers/257/learners",
            new { nsn, firstName = "Hēmi", lastName = "Parata", dateOfBirth = "2010-06-30", gender = "M", ethnicities = new[] { "211" } });
        var e = await c.BatchAsync(257, HttpMethod.Post, "nzqa/v1/providers/257/enrolments",
            new { nsn, localStudentId = "77777", enrolmentDate = "2026-01-28", yearLevel = 11 });
        Assert.Equal(new[] { "Created", "Created" }, new[] { Outcome(l[0]), Outcome(e[0]) });
        return nsn;
    }

    [Fact]
    public async Task Results_follow_NZQA_rules_per_standard_type_and_provider_code()
    {
        await using var c = await StartAsync();
        var nsn = await ActiveStudent(c);
        int y = c.Year;
        var created = await c.BatchAsync(257, HttpMethod.Post, Entries,
            new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = y },                       // achievement, internal
            new { nsn, standardNumber = "27112", standardVersion = 2, academicYear = y },                       // unit, no merit
            new { nsn, standardNumber = "32403", standardVersion = 1, academicYear = y },                       // unit, allows merit
            new { nsn, standardNumber = "99999", standardVersion = 1, academicYear = y },
            new { nsn = "555000555", standardNumber = "91925", standardVersion = 1, academicYear = y });
        Assert.Equal(new[] { "Created", "Created", "Created" }, created.Take(3).Select(Outcome));
        Assert.Equal(new[] { "STANDARD_UNKNOWN" }, Codes(created[3]));
        Assert.Equal(new[] { "NOT_ENROLLED" }, Codes(created[4]));

        var results = await c.BatchAsync(257, HttpMethod.Put, Results,
            new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = y, result = "X" },
            new { nsn, standardNumber = "27112", standardVersion = 2, academicYear = y, result = "M" },
            new { nsn, standardNumber = "32403", standardVersion = 1, academicYear = y, result = "E", resultProviderCode = 498 },
            new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = y, result = "M" },
            new { nsn, standardNumber = "27112", standardVersion = 2, academicYear = y, result = "SNA", resultProviderCode = 4242 },
            new { nsn, standardNumber = "91925", standardVersion = 1, academicYear = y, result = "A" });
        Assert.Equal(new[] { "RESULT_INVALID" }, Codes(results[0]));
        Assert.Equal(new[] { "RESULT_INVALID" }, Codes(results[1]));
        Assert.Contains("Merit", results[1].GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("Created", Outcome(results[2]));
        Assert.Equal("Created", Outcome(results[3]));
        Assert.Equal(new[] { "PROVIDER_CODE_INVALID" }, Codes(results[4]));
        Assert.Equal(new[] { "ENTRY_NOT_FOUND" }, Codes(results[5]));

        Assert.Equal(("E", 498), (c.State.Nzqa.Entry(nsn, "32403", 1, y).Result, c.State.Nzqa.Entry(nsn, "32403", 1, y).ResultProviderCode));
        Assert.Equal(("M", 257), (c.State.Nzqa.Entry(nsn, "91944", 1, y).Result, c.State.Nzqa.Entry(nsn, "91944", 1, y).ResultProviderCode));
        Assert.Null(c.State.Nzqa.Entry(nsn, "27112", 2, y).Result);

        var again = await c.BatchAsync(257, HttpMethod.Put, Results, new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = y, result = "M" });
        Assert.Equal("Unchanged", Outcome(again[0]));
        var changed = await c.BatchAsync(257, HttpMethod.Put, Results, new { nsn, standardNumber = "91944", standardVersion = 1, academicYear = y, result = "E" });
        Assert.Equal("Updated", Outcome(changed[0]));
    }

    [Fact]
    public async Task External_entries_and_withdrawals_close_after_1_September()
    {
        await using var c = await StartAsync(o => o.Today = new DateOnly(2026, 9, 1));
        var nsn = await ActiveStudent(c);
        var external = new { nsn, standardNumber = "91946", standardVersion = 1, academicYear = 2026, entryMethod = "Digital" };
        var external2 = new { nsn, standardNumber = "91947", standardVersion = 1, academicYear = 2026, entryMethod = "Paper" };
        var internalOne = new { nsn, standardNumber = "91945", standardVersion = 1, academicYear = 2026, entryMethod = (string)null };
        var key = new { nsn, standardNumber = "91946", standardVersion = 1, academicYear = 2026 };

        // 1 September is still open.
        var open = await c.BatchAsync(257, HttpMethod.Post, Entries, external, external2,
            new { nsn, standardNumber = "91947", standardVersion = 1, academicYear = 2026 });
        Assert.Equal(new[] { "Created", "Created" }, open.Take(2).Select(Outcome));
        Assert.Equal(new[] { "FIELD_INVALID" }, Codes(open[2])); // same key, but an external entry needs Paper or Digital
        Assert.Equal("Digital", c.State.Nzqa.Entry(nsn, "91946", 1, 2026).EntryMethod);

        c.State.SetToday(new DateOnly(2026, 9, 2));
        var late = await c.BatchAsync(257, HttpMethod.Post, Entries,
            new { nsn, standardNumber = "91027", standardVersion = 4, academicYear = 2026, entryMethod = "Paper" }, internalOne, external);
        Assert.Equal(new[] { "EXTERNAL_ENTRY_CLOSED" }, Codes(late[0]));
        Assert.Contains("1 September", late[0].GetProperty("errors")[0].GetProperty("message").GetString());
        Assert.Equal("Created", Outcome(late[1]));      // internal entries stay open
        Assert.Equal("Unchanged", Outcome(late[2]));    // a retry of an entry made in time is still answered
        Assert.Null(c.State.Nzqa.Entry(nsn, "91027", 4, 2026));

        var withdrawn = await c.BatchAsync(257, HttpMethod.Post, Withdrawals, key,
            new { nsn, standardNumber = "91945", standardVersion = 1, academicYear = 2026 },
            new { nsn, standardNumber = "91580", standardVersion = 3, academicYear = 2026 });
        Assert.Equal(new[] { "EXTERNAL_ENTRY_CLOSED" }, Codes(withdrawn[0]));
        Assert.Equal("Updated", Outcome(withdrawn[1]));
        Assert.Equal(new[] { "ENTRY_NOT_FOUND" }, Codes(withdrawn[2]));
        Assert.Equal("Entered", c.State.Nzqa.Entry(nsn, "91946", 1, 2026).Status);
        Assert.Equal("Withdrawn", c.State.Nzqa.Entry(nsn, "91945", 1, 2026).Status);

        c.State.SetToday(new DateOnly(2026, 8, 20));
        Assert.Equal("Updated", Outcome((await c.BatchAsync(257, HttpMethod.Post, Withdrawals, key))[0]));
        Assert.Equal("Withdrawn", c.State.Nzqa.Entry(nsn, "91946", 1, 2026).Status);
    }

    [Fact]
    public async Task Catalogue_lists_achievement_unit_and_scholarship_standards()
    {
        await using var c = await StartAsync();
        using var res = await c.AsProviderAsync(257, HttpMethod.Get, "nzqa/v1/standards?pageSize=5000");
        var body = await ReadJsonAsync(res);
        var rows = body.GetProperty("results").EnumerateArray().ToList();
        Assert.True(rows.Count >= 55);
        Assert.Equal(rows.Count, body.GetProperty("totalCount").GetInt32());
        Assert.Equal(new[] { "A", "S", "U" }, rows.Select(r => r.GetProperty("type").GetString()).Distinct().OrderBy(t => t));
        Assert.Contains(rows, r => r.GetProperty("type").GetString() == "U" && r.GetProperty("allowsMerit").GetBoolean());
        Assert.All(rows.Where(r => r.GetProperty("type").GetString() == "A"), r => Assert.Matches("^9[0-9]{4}$", r.GetProperty("number").GetString()));
        Assert.Equal(new[] { "External", "Internal" }, rows.Select(r => r.GetProperty("assessment").GetString()).Distinct().OrderBy(t => t));
    }
}
