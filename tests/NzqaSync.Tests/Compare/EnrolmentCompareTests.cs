using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Tests.Compare;

public class EnrolmentCompareTests
{
    private static EnrolmentRecord E(string nsn, int year = 11, string id = "S1", DateTime? left = null, string reason = null, string first = "Aroha", string last = "Ngātai") =>
        new() { Nsn = nsn, YearLevel = year, LocalStudentId = id, EnrolmentDate = new DateTime(2026, 2, 2), LeavingDate = left, LeavingReason = reason, FirstName = first, LastName = last };

    private static List<EnrolmentDiff> Run(IEnumerable<EnrolmentRecord> local, IEnumerable<EnrolmentRecord> nzqa) =>
        RecordComparer.Compare(EnrolmentArea.Instance, local.Select(r => new LocalRecord<EnrolmentRecord>(r, null, r)).ToList(), nzqa).ToList();

    [Fact]
    public void Every_status_comes_out_once_per_record()
    {
        var local = new[]
        {
            E("100"),                                              // Match
            E("200"),                                              // New
            E("300", year: 12),                                    // Different
            E("400", left: new DateTime(2026, 6, 30), reason: "TRANSFER"), // Leaver
            E("12AB"),                                             // Invalid
        };
        var nzqa = new[] { E("100"), E("300"), E("400"), E("500") };

        var diffs = Run(local, nzqa);

        Assert.Equal(new[] { "100", "200", "300", "400", "12AB", "500" }, diffs.Select(d => d.Nsn));
        Assert.Equal(new[] { DiffStatus.Match, DiffStatus.New, DiffStatus.Different, DiffStatus.Leaver, DiffStatus.Invalid, DiffStatus.NzqaOnly },
            diffs.Select(d => d.Status));
        var different = diffs[2];
        var change = Assert.Single(different.Differences);
        Assert.Equal(("YearLevel", "12", "11"), (change.Field, change.Local, change.Nzqa));
        Assert.Contains("YearLevel: 12 (NZQA 11)", different.DifferenceSummary);
        Assert.Equal("NzqaInvalidNsn", Assert.Single(diffs[4].Problems).ErrorId);
        Assert.Same(nzqa[3], diffs[5].Nzqa);
        Assert.Null(diffs[5].Local);
    }

    [Fact]
    public void Duplicate_nsn_in_the_input_makes_every_copy_invalid_and_hides_no_nzqa_record()
    {
        var diffs = Run(new[] { E("100", id: "A"), E("100", id: "B"), E("200") }, new[] { E("100") });

        Assert.Equal(3, diffs.Count); // no NzqaOnly for 100: the school does hold it
        Assert.All(diffs.Take(2), d => Assert.Equal("NzqaDuplicateKey", Assert.Single(d.Problems).ErrorId));
        Assert.Equal(DiffStatus.New, diffs[2].Status);
    }

    [Fact]
    public void A_recorded_leaver_is_a_match_with_sync_status_leaver()
    {
        var left = new DateTime(2026, 6, 30);
        var diffs = Run(new[] { E("100", left: left, reason: "transfer") }, new[] { E("100", left: left, reason: "TRANSFER") });
        Assert.Equal((DiffStatus.Match, SyncStatus.Leaver), (diffs[0].Status, diffs[0].SyncStatus));
    }

    [Fact]
    public void A_leaver_nzqa_never_held_needs_nothing_sent()
    {
        var diffs = Run(new[] { E("100", left: new DateTime(2026, 3, 1), reason: "OVERSEAS") }, Array.Empty<EnrolmentRecord>());
        Assert.Equal(DiffStatus.Match, diffs[0].Status);
    }

    [Fact]
    public void Leading_zeros_and_spaces_in_an_nsn_do_not_split_a_student()
    {
        var diffs = Run(new[] { E(" 000123 ") }, new[] { E("123") });
        Assert.Equal(DiffStatus.Match, Assert.Single(diffs).Status);
    }

    [Theory]
    [InlineData(null, "NzqaMissingNsn")]
    [InlineData("12345678901", "NzqaInvalidNsn")]
    [InlineData("-5", "NzqaInvalidNsn")]
    public void Bad_nsns_are_invalid_with_a_specific_id(string nsn, string id)
    {
        var diffs = Run(new[] { E(nsn) }, Array.Empty<EnrolmentRecord>());
        Assert.Equal(DiffStatus.Invalid, diffs[0].Status);
        Assert.Equal(id, diffs[0].Problems[0].ErrorId);
    }

    [Fact]
    public void Leaving_before_enrolling_and_an_unknown_reason_are_invalid()
    {
        var bad = E("100", left: new DateTime(2026, 1, 1), reason: "BORED");
        var problems = Run(new[] { bad }, Array.Empty<EnrolmentRecord>())[0].Problems.Select(p => p.ErrorId).ToList();
        Assert.Contains("NzqaInvalidDate", problems);
        Assert.Contains("NzqaInvalidLeavingReason", problems);
    }
}
