using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>Identities are never overwritten by accident: the flag, the consent, the hold and the hold-back.</summary>
public class IdentityHoldTests
{
    private static LearnerRecord L(string nsn = "1234567890", DateTime? dob = null, string first = "Aroha", string gender = "F") => new()
    {
        Nsn = nsn, FirstName = first, LastName = "Ngata", DateOfBirth = dob ?? new DateTime(2009, 3, 1), Gender = gender, Ethnicities = new[] { "211" },
    };

    private static LearnerDiff Diff(LearnerRecord local, LearnerRecord nzqa) =>
        RecordComparer.Compare(LearnerArea.Instance, new[] { new LocalRecord<LearnerRecord>(local, null, null) }, nzqa == null ? Array.Empty<LearnerRecord>() : new[] { nzqa }).First();

    [Theory]
    [InlineData("DateOfBirth")]
    [InlineData("FirstName")]
    public void A_change_to_the_identity_of_a_learner_NZQA_holds_is_flagged_and_not_sent_without_consent(string field)
    {
        var local = field == "DateOfBirth" ? L(dob: new DateTime(2009, 1, 3)) : L(first: "Arohanui");
        var diff = Diff(local, L());
        Assert.Equal(DiffStatus.Different, diff.Status);
        Assert.True(diff.IdentityChange);

        var plain = LearnerSyncPlanner.Plan(diff, 257);
        Assert.Empty(plain.Operations);
        Assert.Contains(field, plain.SkipReason);
        Assert.Contains("-AllowIdentityChange", plain.SkipReason);

        var allowed = LearnerSyncPlanner.Plan(diff, 257, allowIdentityChange: true);
        var op = Assert.Single(allowed.Operations);
        Assert.NotNull(op.Item[char.ToLowerInvariant(field[0]) + field.Substring(1)]);
        Assert.Null(allowed.SkipReason);
    }

    [Fact]
    public void Other_changes_and_new_learners_are_not_identity_changes()
    {
        var gender = Diff(L(gender: "M"), L());
        Assert.False(gender.IdentityChange);
        Assert.Single(LearnerSyncPlanner.Plan(gender, 257).Operations);
        var created = Diff(L(), null);
        Assert.Equal(DiffStatus.New, created.Status);
        Assert.False(created.IdentityChange);
        Assert.Single(LearnerSyncPlanner.Plan(created, 257).Operations);
    }

    private static SyncLogEntry Line(string key, string outcome, string hash, DateTimeOffset at, params string[] errors) => new()
    {
        Api = "Nzqa", Kind = "Learner", Key = key, Outcome = outcome, ItemHash = hash, Timestamp = at, RunId = "run-" + at.Day, Errors = errors,
    };

    [Fact]
    public void A_learner_refused_for_identity_is_held_until_its_data_changes_or_a_later_send_succeeds()
    {
        var planned = LearnerSyncPlanner.Plan(Diff(L(), null), 257);
        var hash = SyncRunner.ItemHash(planned.Operations[0].Item);
        var night1 = new DateTimeOffset(2026, 5, 11, 2, 30, 0, TimeSpan.FromHours(12));
        var conflict = Line("1234567890", "Failed", hash, night1, "NSN_CONFLICT: NSN 1234567890 belongs to a learner registered with a different date of birth.");

        var held = SyncHolds.HeldLearners(new[] { conflict }, new[] { planned });
        var why = Assert.Single(held).Value;
        Assert.Contains("run-11", why);
        Assert.Contains("NSN_CONFLICT: NSN 1234567890 belongs", why);

        // The SMS data changed: a different item, not held.
        var changed = LearnerSyncPlanner.Plan(Diff(L(dob: new DateTime(2008, 3, 1)), null), 257);
        Assert.Empty(SyncHolds.HeldLearners(new[] { conflict }, new[] { changed }));
        // Another refusal (not identity) is not held; a later success clears it.
        Assert.Empty(SyncHolds.HeldLearners(new[] { Line("1234567890", "Failed", hash, night1, "FIELD_INVALID: gender") }, new[] { planned }));
        Assert.Empty(SyncHolds.HeldLearners(new[] { conflict, Line("1234567890", "Synced", hash, night1.AddDays(1)) }, new[] { planned }));
    }

    [Fact]
    public void A_learner_not_accepted_holds_back_its_new_enrolment_and_entries_but_not_others()
    {
        var newEnrolment = EnrolmentSyncPlanner.Plan(RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { new LocalRecord<EnrolmentRecord>(new EnrolmentRecord { Nsn = "1234567890", EnrolmentDate = new DateTime(2026, 2, 2), YearLevel = 11 }, null, null) },
            Array.Empty<EnrolmentRecord>()).First(), 257);
        var other = EnrolmentSyncPlanner.Plan(RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { new LocalRecord<EnrolmentRecord>(new EnrolmentRecord { Nsn = "2234567891", EnrolmentDate = new DateTime(2026, 2, 2), YearLevel = 11 }, null, null) },
            Array.Empty<EnrolmentRecord>()).First(), 257);
        var entry = StandardSyncPlanner.Plan(RecordComparer.Compare(new StandardArea(257, null, null),
            new[] { new LocalRecord<StandardRecord>(new StandardRecord { Nsn = "1234567890", StandardNumber = "91027", StandardVersion = 2, AcademicYear = 2026, Result = "A" }, null, null) },
            Array.Empty<StandardRecord>()).First(), 257);
        Assert.NotEmpty(newEnrolment.Operations);
        Assert.NotEmpty(entry.Operations);

        var failed = new Dictionary<string, string> { ["1234567890"] = "NZQA refused it: NSN_CONFLICT: NSN 1234567890 belongs to another learner" };
        var held = SyncHolds.HeldBackByLearner(new[] { newEnrolment, other, entry }, failed);
        Assert.Equal(new[] { newEnrolment, entry }, held.Keys.OrderBy(p => p.Diff.Kind));
        Assert.All(held.Values, why => Assert.Contains("NSN_CONFLICT", why));
        Assert.Empty(SyncHolds.HeldBackByLearner(new[] { newEnrolment, entry }, new Dictionary<string, string>()));
    }
    [Fact]
    public void A_learner_refused_for_identity_in_an_earlier_run_holds_back_its_new_enrolment_and_entries_until_it_syncs()
    {
        var newEnrolment = EnrolmentSyncPlanner.Plan(RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { new LocalRecord<EnrolmentRecord>(new EnrolmentRecord { Nsn = "1234567890", EnrolmentDate = new DateTime(2026, 2, 2), YearLevel = 11 }, null, null) },
            Array.Empty<EnrolmentRecord>()).First(), 257);
        var entry = StandardSyncPlanner.Plan(RecordComparer.Compare(new StandardArea(257, null, null),
            new[] { new LocalRecord<StandardRecord>(new StandardRecord { Nsn = "1234567890", StandardNumber = "91027", StandardVersion = 2, AcademicYear = 2026, Result = "A" }, null, null) },
            Array.Empty<StandardRecord>()).First(), 257);
        var night1 = new DateTimeOffset(2026, 5, 11, 2, 30, 0, TimeSpan.FromHours(12));
        // The hash does not matter: whatever the learner's data is now, the NSN is someone else's at NZQA.
        var conflict = Line("1234567890", "Failed", "any", night1, "NSN_CONFLICT: NSN 1234567890 belongs to a learner registered with a different date of birth.");

        var refused = SyncHolds.RefusedForIdentity(new[] { conflict });
        var held = SyncHolds.HeldBackByLearner(new[] { newEnrolment, entry }, new Dictionary<string, string>(), refused);
        Assert.Equal(2, held.Count);
        Assert.All(held.Values, why =>
        {
            Assert.Contains("NSN 1234567890", why);
            Assert.Contains("run-11", why);
            Assert.Contains("NSN_CONFLICT", why);
            Assert.Contains("-ReleaseHeld", why);
            Assert.Contains("Sync-NzqaLearner", why);
        });

        // A later successful send of the learner, or a refusal that is not about identity, holds nothing.
        Assert.Empty(SyncHolds.RefusedForIdentity(new[] { conflict, Line("1234567890", "Synced", "other", night1.AddDays(1)) }));
        Assert.Empty(SyncHolds.RefusedForIdentity(new[] { Line("1234567890", "Failed", "any", night1, "FIELD_INVALID: gender") }));
        // A Pending line after the refusal (a send under way or never answered) does not clear it.
        Assert.Single(SyncHolds.RefusedForIdentity(new[] { conflict, Line("1234567890", "Pending", "other", night1.AddDays(1)) }));
    }
}
