using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

/// <summary>
/// Trial 5, D18: a result NZQA holds from another provider (Te Kura, 498: api-facts "another provider's when it
/// assessed the standard") is not replaced by the school's sync, neither its code nor whose it is.
/// </summary>
public sealed class OtherProviderResultTests
{
    private static readonly StandardArea Area = new(257, new Dictionary<string, StandardDefinition>
    {
        ["91580"] = new() { Number = "91580", Version = 1, Type = "A", Assessment = "Internal" },
    }, new HashSet<string> { "100000602", "100003816" });

    private static readonly string[] WithProviderColumn = { "Nsn", "StandardNumber", "AcademicYear", "Result", "ResultProviderCode" };
    private static readonly string[] WithoutProviderColumn = { "Nsn", "StandardNumber", "AcademicYear", "Result" };

    private static StandardRecord S(string result, int? provider, string nsn = "100000602") =>
        new() { Nsn = nsn, StandardNumber = "91580", StandardVersion = 1, AcademicYear = 2026, Result = result, ResultProviderCode = provider, Status = "Entered", FirstName = "Priya", LastName = "Chen" };

    private static StandardDiff Run(StandardRecord local, StandardRecord nzqa, string[] columns = null) =>
        RecordComparer.Compare(Area, new[] { new LocalRecord<StandardRecord>(local, null, local, columns ?? WithProviderColumn) },
            nzqa == null ? Array.Empty<StandardRecord>() : new[] { nzqa }).Single();

    [Theory]
    [InlineData("M", 498)]    // the school's stale M over Te Kura's A, under Te Kura's code
    [InlineData("M", null)]   // Te Kura's E replaced by the school's M under the school's code (blank = the school's own)
    [InlineData("M", 257)]
    [InlineData("A", 257)]    // the same code, but claimed as the school's own assessment
    public void A_result_nzqa_holds_from_another_provider_is_invalid_and_nothing_is_sent(string result, int? provider)
    {
        var diff = Run(S(result, provider), S("A", 498));
        Assert.Equal(DiffStatus.Invalid, diff.Status);
        var problem = Assert.Single(diff.Problems);
        Assert.Equal("NzqaOtherProviderResult", problem.ErrorId);
        Assert.Contains("provider 498", problem.Message);
        Assert.Empty(SyncPlanner.Plan(diff, 257).Operations);
    }

    [Fact]
    public void Without_a_result_provider_column_a_different_code_is_refused_and_the_same_code_matches()
    {
        Assert.Equal("NzqaOtherProviderResult", Run(S("M", null), S("E", 498), WithoutProviderColumn).Problems.Single().ErrorId);
        Assert.Equal(DiffStatus.Match, Run(S("E", null), S("E", 498), WithoutProviderColumn).Status);
        Assert.Equal(DiffStatus.Match, Run(S("E", 498), S("E", 498)).Status);
    }

    [Fact]
    public void The_school_may_report_another_providers_assessment_where_nzqa_holds_none_of_theirs()
    {
        // NZQA holds the school's own result, or none: the SMS's Te Kura result goes under 498.
        foreach (var nzqa in new[] { S("A", 257), S("A", null), S(null, null) })
        {
            var diff = Run(S("M", 498), nzqa);
            Assert.Equal(DiffStatus.Different, diff.Status);
            var op = SyncPlanner.Plan(diff, 257).Operations.Single(o => o.Action == SyncAction.SubmitResult);
            Assert.Equal(498, (int)op.Item["resultProviderCode"]);
        }
        // No result in the SMS: nothing would be sent, so nothing to refuse.
        Assert.NotEqual(DiffStatus.Invalid, Run(S(null, null), S("E", 498)).Status);
    }
}
