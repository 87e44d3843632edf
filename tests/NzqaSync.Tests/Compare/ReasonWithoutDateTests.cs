using System;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

/// <summary>
/// Trial 5, D13: a leaving reason without a leaving date was Different every run, sent as a PATCH clearing both,
/// answered Unchanged and reported Synced, and never settled.
/// </summary>
public sealed class ReasonWithoutDateTests
{
    private static readonly string[] AllColumns = { "Nsn", "LocalStudentId", "EnrolmentDate", "YearLevel", "LeavingDate", "LeavingReason" };
    private static readonly string[] NoDateColumn = { "Nsn", "LocalStudentId", "EnrolmentDate", "YearLevel", "LeavingReason" };

    private static EnrolmentRecord E(DateTime? left = null, string reason = null, int year = 13) =>
        new() { Nsn = "100000080", LocalStudentId = "10004", EnrolmentDate = new DateTime(2023, 1, 29), YearLevel = year, LeavingDate = left, LeavingReason = reason, FirstName = "George", LastName = "Patel" };

    private static EnrolmentDiff Run(EnrolmentRecord local, EnrolmentRecord nzqa, string[] columns = null) =>
        RecordComparer.Compare(EnrolmentArea.Instance, new[] { new LocalRecord<EnrolmentRecord>(local, null, local, columns ?? AllColumns) },
            nzqa == null ? Array.Empty<EnrolmentRecord>() : new[] { nzqa }).Single();

    [Fact]
    public void A_reason_with_a_blank_leaving_date_is_invalid_and_nothing_is_sent()
    {
        foreach (var nzqa in new[] { E(), null })
        {
            var diff = Run(E(reason: "TRANSFER"), nzqa);
            Assert.Equal(DiffStatus.Invalid, diff.Status);
            var problem = Assert.Single(diff.Problems);
            Assert.Equal(("NzqaMissingField", "LeavingDate"), (problem.ErrorId, problem.Field));
            Assert.Contains("needs a leaving date", problem.Message);
            Assert.Empty(EnrolmentSyncPlanner.Plan(diff, 257).Operations);
        }
        // A typed record (every field given) too.
        Assert.Equal(DiffStatus.Invalid, RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { new LocalRecord<EnrolmentRecord>(E(reason: "TRANSFER"), null, null) }, new[] { E() }).Single().Status);
    }

    [Fact]
    public void Without_a_leaving_date_column_a_reason_is_invalid_unless_nzqa_has_the_student_as_left()
    {
        Assert.Equal(DiffStatus.Invalid, Run(E(reason: "TRANSFER"), E(), NoDateColumn).Status);
        // NZQA holds the leaving date: the reason alone is corrected, never a cleared leaving date.
        var diff = Run(E(reason: "TERTIARY"), E(left: new DateTime(2026, 6, 30), reason: "TRANSFER"), NoDateColumn);
        Assert.Equal(DiffStatus.Different, diff.Status);
        var op = Assert.Single(EnrolmentSyncPlanner.Plan(diff, 257).Operations);
        Assert.Equal(new[] { "nsn", "leavingReason" }, op.Item.Properties().Select(p => p.Name));
        Assert.Equal("TERTIARY", (string)op.Item["leavingReason"]);
    }

    [Fact]
    public void A_student_who_came_back_still_clears_nzqas_leaving_date_and_reason()
    {
        var diff = Run(E(), E(left: new DateTime(2026, 6, 30), reason: "TRANSFER"));
        var op = Assert.Single(EnrolmentSyncPlanner.Plan(diff, 257).Operations);
        Assert.Equal(JTokenNull, (op.Item["leavingDate"].Type, op.Item["leavingReason"].Type));
    }

    private static readonly (Newtonsoft.Json.Linq.JTokenType, Newtonsoft.Json.Linq.JTokenType) JTokenNull =
        (Newtonsoft.Json.Linq.JTokenType.Null, Newtonsoft.Json.Linq.JTokenType.Null);
}
