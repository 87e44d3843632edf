using System;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

public class LearnerCompareTests
{
    private static LearnerRecord L(string nsn = "100", string first = "Aroha", string last = "Ngātai", string gender = "F", params string[] eth) =>
        new() { Nsn = nsn, FirstName = first, LastName = last, DateOfBirth = new DateTime(2009, 9, 28), Gender = gender, Ethnicities = eth.Length == 0 ? new[] { "211" } : eth };

    private static LearnerDiff One(LearnerRecord local, LearnerRecord nzqa) =>
        RecordComparer.Compare(LearnerArea.Instance, new[] { new LocalRecord<LearnerRecord>(local, null, local) }, nzqa == null ? Array.Empty<LearnerRecord>() : new[] { nzqa }).First();

    [Fact]
    public void A_name_spelling_change_updates_only_that_field()
    {
        var diff = One(L(first: "Arohā"), L());
        Assert.Equal(DiffStatus.Different, diff.Status);
        // A legal name is identity: sent only with consent (-AllowIdentityChange), and then only that field.
        Assert.True(diff.IdentityChange);
        Assert.Empty(LearnerSyncPlanner.Plan(diff, 257).Operations);
        var op = Assert.Single(LearnerSyncPlanner.Plan(diff, 257, allowIdentityChange: true).Operations);
        Assert.Equal(new[] { "nsn", "firstName" }, op.Item.Properties().Select(p => p.Name));
        Assert.Equal("Arohā", (string)op.Item["firstName"]);
    }

    [Fact]
    public void Gender_spellings_and_ethnicity_order_are_compared_as_nzqa_holds_them()
    {
        Assert.Equal(DiffStatus.Match, One(L(gender: "female", eth: new[] { "211", "111" }), L(eth: new[] { "211", "111" })).Status);
        Assert.Equal(DiffStatus.Different, One(L(eth: new[] { "111", "211" }), L(eth: new[] { "211", "111" })).Status);
    }

    [Theory]
    [InlineData("Q", "NzqaInvalidGender")]
    [InlineData("", "NzqaMissingField")]
    public void Bad_gender_is_invalid(string gender, string id) => Assert.Equal(id, One(L(gender: gender), null).Problems.Single().ErrorId);

    [Fact]
    public void More_than_three_ethnicities_or_a_malformed_code_is_invalid()
    {
        var ids = One(L(eth: new[] { "111", "211", "311", "411" }), null).Problems.Select(p => p.ErrorId).ToList();
        Assert.Contains("NzqaTooManyEthnicities", ids);
        Assert.Equal("NzqaInvalidEthnicity", One(L(eth: new[] { "11" }), null).Problems.Single().ErrorId);
    }

    [Fact]
    public void A_new_learner_is_created_with_every_field()
    {
        var op = LearnerSyncPlanner.Plan(One(L(), null), 257).Operations.Single();
        Assert.Equal(("POST", "providers/257/learners", "2009-09-28"), (op.Verb, op.Route, (string)op.Item["dateOfBirth"]));
        Assert.Equal(new[] { "211" }, op.Item["ethnicities"]!.ToObject<string[]>());
    }
}
