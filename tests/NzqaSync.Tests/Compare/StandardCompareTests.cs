using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

public class StandardCompareTests
{
    private static readonly Dictionary<string, StandardDefinition> Catalogue = new()
    {
        ["91027"] = new() { Number = "91027", Version = 4, Type = "A", Assessment = "External" },
        ["26622"] = new() { Number = "26622", Version = 2, Type = "U", AllowsMerit = false },
        ["27112"] = new() { Number = "27112", Version = 1, Type = "U", AllowsMerit = true },
    };

    private static readonly StandardArea Area = new(257, Catalogue, new HashSet<string> { "100", "200" });

    private static StandardRecord S(string nsn, string number, string result = null, int year = 2026, string status = null, int? provider = null) =>
        new() { Nsn = nsn, StandardNumber = number, AcademicYear = year, Result = result, Status = status, ResultProviderCode = provider, FirstName = "Tama", LastName = "Rāwiri" };

    private static List<StandardDiff> Run(IEnumerable<StandardRecord> local, IEnumerable<StandardRecord> nzqa) =>
        RecordComparer.Compare(Area, local.Select(r => new LocalRecord<StandardRecord>(r, null, r)).ToList(), nzqa).ToList();

    [Fact]
    public void A_changed_result_shows_local_and_nzqa_side_by_side()
    {
        var diff = Run(new[] { S("100", "91027", "E") }, new[] { S("100", "91027", "M")}).Single();
        Assert.Equal(DiffStatus.Different, diff.Status);
        Assert.Equal(("E", "M", "91027", 2026), (diff.LocalResult, diff.NzqaResult, diff.StandardNumber, diff.AcademicYear));
        Assert.Equal("Result", Assert.Single(diff.Differences).Field);
        var plan = StandardSyncPlanner.Plan(diff, 257);
        var op = Assert.Single(plan.Operations);
        Assert.Equal((SyncAction.SubmitResult, "PUT", "providers/257/standards/results"), (op.Action, op.Verb, op.Route));
        Assert.Equal(("E", 257, 4), ((string)op.Item["result"], (int)op.Item["resultProviderCode"], (int)op.Item["standardVersion"]));
    }

    [Theory]
    [InlineData("91027", "X", "NzqaInvalidResult")]
    [InlineData("26622", "M", "NzqaInvalidResult")]     // unit standard that allows Achieved only
    [InlineData("99999", "A", "NzqaUnknownStandard")]
    [InlineData("9102A", "A", "NzqaInvalidStandard")]
    public void Results_and_standards_are_checked_against_the_catalogue(string number, string result, string id)
    {
        var diff = Run(new[] { S("100", number, result) }, Array.Empty<StandardRecord>()).Single();
        Assert.Equal(DiffStatus.Invalid, diff.Status);
        Assert.Equal(id, diff.Problems[0].ErrorId);
    }

    [Fact]
    public void Merit_on_a_unit_standard_that_allows_it_and_sna_anywhere_are_fine()
    {
        var diffs = Run(new[] { S("100", "27112", "M"), S("200", "26622", "sna") }, Array.Empty<StandardRecord>());
        Assert.All(diffs, d => Assert.Equal(DiffStatus.New, d.Status));
    }

    [Fact]
    public void A_student_with_no_active_enrolment_is_held_back()
    {
        var diff = Run(new[] { S("300", "91027", "A") }, Array.Empty<StandardRecord>()).Single();
        Assert.Equal("NzqaNoActiveEnrolment", Assert.Single(diff.Problems).ErrorId);
    }

    [Fact]
    public void A_student_who_moved_school_keeps_entries_the_first_school_may_still_report_on()
    {
        var diff = Run(new[] { S("300", "91027", "M") }, new[] { S("300", "91027", "A") }).Single();
        Assert.Equal(DiffStatus.Different, diff.Status);
        Assert.Empty(diff.Problems);
    }

    [Fact]
    public void A_new_entry_with_a_result_is_created_then_its_result_submitted()
    {
        var diff = Run(new[] { S("100", "91027", "A") }, Array.Empty<StandardRecord>()).Single();
        var plan = StandardSyncPlanner.Plan(diff, 257);
        Assert.Equal(new[] { SyncAction.Create, SyncAction.SubmitResult }, plan.Operations.Select(o => o.Action));
        Assert.Equal(SyncAction.Create, plan.Headline);
    }

    [Fact]
    public void A_withdrawn_entry_is_withdrawn_and_one_nzqa_never_had_needs_nothing()
    {
        var diffs = Run(new[] { S("100", "91027", status: "Withdrawn"), S("200", "91027", status: "Withdrawn") }, new[] { S("100", "91027") });
        Assert.Equal(DiffStatus.Different, diffs[0].Status);
        Assert.Equal(SyncAction.Withdraw, StandardSyncPlanner.Plan(diffs[0], 257).Headline);
        Assert.Equal(DiffStatus.Match, diffs[1].Status);
    }

    [Fact]
    public void A_result_from_another_provider_keeps_its_provider_code()
    {
        var diff = Run(new[] { S("100", "91027", "A", provider: 498) }, new[] { S("100", "91027", "A") }).Single();
        Assert.Equal(("Result", "A (provider 498)", "A"), (diff.Differences[0].Field, diff.Differences[0].Local, diff.Differences[0].Nzqa));
        Assert.Equal(498, (int)StandardSyncPlanner.Plan(diff, 257).Operations[0].Item["resultProviderCode"]);
    }

    [Fact]
    public void The_same_standard_twice_for_one_student_and_year_is_a_duplicate()
    {
        var diffs = Run(new[] { S("100", "91027", "A"), S("100", "91027", "M") }, Array.Empty<StandardRecord>());
        Assert.All(diffs, d => Assert.Equal("NzqaDuplicateKey", d.Problems.Single().ErrorId));
    }
}
