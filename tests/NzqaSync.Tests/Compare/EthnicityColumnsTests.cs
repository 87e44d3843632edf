using System;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

/// <summary>
/// Trial 5, D20: an export with only an Ethnicity 1 column (many SMS learner extracts carry only the prioritised
/// ethnicity) says nothing about the second and third: NZQA's stay, never sent as blanks.
/// </summary>
public sealed class EthnicityColumnsTests
{
    private static readonly string[] Ethnicity1Only = { "Nsn", "FirstName", "LastName", "DateOfBirth", "Gender", "Ethnicity1" };
    private static readonly string[] AllThree = { "Nsn", "FirstName", "LastName", "DateOfBirth", "Gender", "Ethnicity1", "Ethnicity2", "Ethnicity3" };

    private static LearnerRecord L(params string[] ethnicities) =>
        new() { Nsn = "100000101", FirstName = "Noah", LastName = "Santos", DateOfBirth = new DateTime(2009, 3, 4), Gender = "M", Ethnicities = ethnicities };

    private static LearnerDiff Run(LearnerRecord local, LearnerRecord nzqa, string[] columns) =>
        RecordComparer.Compare(LearnerArea.Instance, new[] { new LocalRecord<LearnerRecord>(local, null, local, columns) }, nzqa == null ? Array.Empty<LearnerRecord>() : new[] { nzqa }).Single();

    private static string[] Sent(LearnerDiff diff) =>
        SyncPlanner.Plan(diff, 257).Operations.Single().Item["ethnicities"]?.Select(t => (string)t).ToArray();

    [Fact]
    public void Only_ethnicity_1_in_the_export_matches_nzqas_first_and_keeps_the_others()
    {
        // The trial's rows: NZQA 431;121 and 211;121, the export's Ethnicity 1 431 and 211.
        Assert.Equal(DiffStatus.Match, Run(L("431", null, null), L("431", "121"), Ethnicity1Only).Status);
        Assert.Equal(DiffStatus.Match, Run(L("211", null, null), L("211", "121"), Ethnicity1Only).Status);
    }

    [Fact]
    public void A_changed_first_ethnicity_is_sent_with_nzqas_second_and_third_unchanged()
    {
        var diff = Run(L("111", null, null), L("431", "121", "211"), Ethnicity1Only);
        Assert.Equal(DiffStatus.Different, diff.Status);
        var d = Assert.Single(diff.Differences);
        Assert.Equal(("Ethnicities", "111;121;211", "431;121;211"), (d.Field, d.Local, d.Nzqa));
        Assert.Equal(new[] { "111", "121", "211" }, Sent(diff));
        // A code NZQA has in a kept position is not sent twice.
        Assert.Equal(new[] { "121", "211" }, Sent(Run(L("121", null, null), L("431", "121", "211"), Ethnicity1Only)));
    }

    [Fact]
    public void With_all_three_columns_a_blank_second_ethnicity_is_the_schools_and_is_sent()
    {
        var diff = Run(L("431", null, null), L("431", "121"), AllThree);
        Assert.Equal(DiffStatus.Different, diff.Status);
        Assert.Equal(new[] { "431" }, Sent(diff));
    }

    [Fact]
    public void A_new_learner_gets_what_the_export_has()
    {
        var diff = Run(L("431", null, null), null, Ethnicity1Only);
        Assert.Equal(DiffStatus.New, diff.Status);
        Assert.Equal(new[] { "431" }, Sent(diff));
    }
}
