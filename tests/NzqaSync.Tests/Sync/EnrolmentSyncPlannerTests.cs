using System;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

public class EnrolmentSyncPlannerTests
{
    private static EnrolmentRecord E(int year = 11, DateTime? left = null, string reason = null) =>
        new() { Nsn = "100", YearLevel = year, LocalStudentId = "S1", EnrolmentDate = new DateTime(2026, 2, 2), LeavingDate = left, LeavingReason = reason, FirstName = "Aroha", LastName = "Ngātai" };

    private static EnrolmentDiff Diff(EnrolmentRecord local, EnrolmentRecord nzqa) =>
        RecordComparer.Compare(EnrolmentArea.Instance, new[] { new LocalRecord<EnrolmentRecord>(local, null, local) }, nzqa == null ? Array.Empty<EnrolmentRecord>() : new[] { nzqa }).First();

    [Fact]
    public void New_creates_the_whole_record()
    {
        var plan = EnrolmentSyncPlanner.Plan(Diff(E(), null), 257);
        var op = Assert.Single(plan.Operations);
        Assert.Equal((SyncAction.Create, "POST", "providers/257/enrolments"), (op.Action, op.Verb, op.Route));
        Assert.Equal("2026-02-02", (string)op.Item["enrolmentDate"]);
        Assert.Equal(11, (int)op.Item["yearLevel"]);
    }

    [Fact]
    public void Different_sends_only_the_changed_fields()
    {
        var plan = EnrolmentSyncPlanner.Plan(Diff(E(year: 12), E()), 257);
        var op = Assert.Single(plan.Operations);
        Assert.Equal((SyncAction.Update, "PATCH"), (op.Action, op.Verb));
        Assert.Equal(new[] { "nsn", "yearLevel" }, op.Item.Properties().Select(p => p.Name));
    }

    [Fact]
    public void A_leaver_records_leaving_and_never_withdraws()
    {
        var plan = EnrolmentSyncPlanner.Plan(Diff(E(year: 12, left: new DateTime(2026, 7, 1), reason: "employment"), E()), 257);
        Assert.Equal(SyncAction.RecordLeaving, plan.Headline);
        Assert.Equal(new[] { SyncAction.Update, SyncAction.RecordLeaving }, plan.Operations.Select(o => o.Action));
        var leaving = plan.Operations[1];
        Assert.Equal("providers/257/enrolments/leaving", leaving.Route);
        Assert.Equal(("2026-07-01", "EMPLOYMENT"), ((string)leaving.Item["leavingDate"], (string)leaving.Item["leavingReason"]));
        Assert.DoesNotContain(plan.Operations, o => o.Action == SyncAction.Withdraw);
    }

    [Theory]
    [InlineData(DiffStatus.Match)]
    [InlineData(DiffStatus.NzqaOnly)]
    [InlineData(DiffStatus.Invalid)]
    public void Match_nzqa_only_and_invalid_send_nothing(DiffStatus status)
    {
        var diff = Diff(E(), E());
        diff.Status = status;
        Assert.Empty(EnrolmentSyncPlanner.Plan(diff, 257).Operations);
    }
}
