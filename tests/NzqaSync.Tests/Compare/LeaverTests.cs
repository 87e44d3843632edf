using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

/// <summary>Leavers in every area (the seed's category), and "active enrolment" meaning no leaving date.</summary>
public class LeaverTests
{
    private static readonly Dictionary<string, StandardDefinition> Catalogue = new()
    {
        ["91031"] = new() { Number = "91031", Version = 1, Type = "A", Assessment = "Internal" },
        ["91032"] = new() { Number = "91032", Version = 1, Type = "A", Assessment = "Internal" },
        ["91033"] = new() { Number = "91033", Version = 1, Type = "A", Assessment = "Internal" },
    };

    private static StandardRecord S(string number, string result = null, DateTime? left = null) =>
        new() { Nsn = "1234567890", StandardNumber = number, StandardVersion = 1, AcademicYear = 2026, Result = result, Status = "Entered", LeavingDate = left };

    [Fact]
    public void An_enrolment_with_a_leaving_date_is_not_active_and_a_new_entry_for_that_student_is_invalid()
    {
        var enrolments = new[]
        {
            new EnrolmentRecord { Nsn = "1234567890", EnrolmentDate = new DateTime(2025, 2, 3), LeavingDate = new DateTime(2026, 4, 1), LeavingReason = "OTHER" },
            new EnrolmentRecord { Nsn = "2234567891", EnrolmentDate = new DateTime(2025, 2, 3) },
        };
        var active = StandardArea.ActiveNsns(enrolments);
        Assert.Equal(new[] { "2234567891" }, active);
        var area = new StandardArea(257, Catalogue, active);
        var diffs = RecordComparer.Compare(area, new[]
        {
            new LocalRecord<StandardRecord>(S("91031", "A"), null, null),
            new LocalRecord<StandardRecord>(new StandardRecord { Nsn = "2234567891", StandardNumber = "91031", StandardVersion = 1, AcademicYear = 2026 }, null, null),
        }, Array.Empty<StandardRecord>()).ToList();
        Assert.Equal(DiffStatus.Invalid, diffs[0].Status);
        Assert.Equal("NzqaNoActiveEnrolment", Assert.Single(diffs[0].Problems).ErrorId);
        Assert.Equal(DiffStatus.New, diffs[1].Status);
    }

    [Fact]
    public void A_leavers_entries_are_Leaver_and_only_those_with_no_result_are_withdrawn()
    {
        var left = new DateTime(2026, 6, 30);
        var area = new StandardArea(257, Catalogue, new HashSet<string>());
        var local = new[] { S("91031", left: left), S("91032", "A", left), S("91033", left: left) }
            .Select(r => new LocalRecord<StandardRecord>(r, null, null)).ToList();
        var nzqa = new[] { S("91031"), S("91032", "A") }; // 91033 was never entered at NZQA
        var diffs = RecordComparer.Compare(area, local, nzqa).ToList();
        Assert.All(diffs, d => Assert.Equal(DiffStatus.Leaver, d.Status));

        var plans = diffs.Select(d => StandardSyncPlanner.Plan(d, 257)).ToList();
        var withdraw = Assert.Single(plans[0].Operations);
        Assert.Equal((SyncAction.Withdraw, "providers/257/standards/withdrawals"), (withdraw.Action, withdraw.Route));
        Assert.Empty(plans[1].Operations); // never a result
        Assert.Empty(plans[2].Operations); // no new entry for a leaver
        Assert.All(plans.SelectMany(p => p.Operations), o => Assert.DoesNotContain("enrolment", o.Route));

        // The same from the SMS's enrolments (no Leaving Date column on the entries).
        var bySms = new StandardArea(257, Catalogue, new HashSet<string>(), new HashSet<string> { "1234567890" });
        Assert.Equal(DiffStatus.Leaver, RecordComparer.Compare(bySms, new[] { new LocalRecord<StandardRecord>(S("91031"), null, null) }, new[] { S("91031") }).Single().Status);
    }

    [Fact]
    public void A_leaving_learner_is_Leaver_information_only_unless_identity_changed_with_consent()
    {
        var area = new LearnerArea(new HashSet<string> { "1234567890" });
        LearnerRecord L(string gender = "F", DateTime? dob = null) => new()
        {
            Nsn = "1234567890", FirstName = "Aroha", LastName = "Ngata", DateOfBirth = dob ?? new DateTime(2009, 3, 1), Gender = gender, Ethnicities = new[] { "211" },
        };
        LearnerDiff Diff(LearnerRecord local) => RecordComparer.Compare(area, new[] { new LocalRecord<LearnerRecord>(local, null, null) }, new[] { L() }).Single();

        var same = Diff(L());
        Assert.Equal((DiffStatus.Leaver, SyncStatus.Leaver), (same.Status, same.SyncStatus));
        Assert.Empty(LearnerSyncPlanner.Plan(same, 257).Operations);
        var gender = Diff(L(gender: "M"));
        Assert.Equal(DiffStatus.Leaver, gender.Status);
        Assert.Empty(LearnerSyncPlanner.Plan(gender, 257).Operations);
        var dob = Diff(L(dob: new DateTime(2009, 1, 3)));
        Assert.True(dob.IdentityChange);
        Assert.Empty(LearnerSyncPlanner.Plan(dob, 257).Operations);
        var patch = Assert.Single(LearnerSyncPlanner.Plan(dob, 257, allowIdentityChange: true).Operations).Item;
        Assert.Equal(new[] { "nsn", "dateOfBirth" }, patch.Properties().Select(p => p.Name));
    }
}
