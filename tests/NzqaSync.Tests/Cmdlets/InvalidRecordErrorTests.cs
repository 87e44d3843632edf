using NzqaSync.Cmdlets;
using NzqaSync.Compare;
using NzqaSync.Domain;

namespace NzqaSync.Tests.Cmdlets;

/// <summary>The advice beside an Invalid record says what a person can do about it, in words that fit the problem.</summary>
public class InvalidRecordErrorTests
{
    [Fact]
    public void An_entry_without_an_active_enrolment_is_told_to_sync_the_enrolment_not_to_correct_the_nsn()
    {
        var diff = new StandardDiff
        {
            Key = "123456789/91944/2026", Nsn = "123456789",
            Problems = new[] { new RecordProblem(ErrorIds.NzqaNoActiveEnrolment, "Nsn", "NSN 123456789 has no active enrolment at provider 257: sync the enrolment first.") },
        };
        var error = InvalidRecordError.For("Standard", diff);
        Assert.Equal(ErrorIds.NzqaNoActiveEnrolment, error.FullyQualifiedErrorId);
        Assert.Contains("Sync-NzqaEnrolment", error.ErrorDetails.RecommendedAction);
        Assert.Contains("123456789", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("Correct Nsn", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void A_wrong_value_is_still_told_to_be_corrected_in_the_sms()
    {
        var diff = new StandardDiff
        {
            Key = "123456789/91944/2026", Nsn = "123456789",
            Problems = new[] { new RecordProblem(ErrorIds.NzqaInvalidResult, "Result", "Result 'X' is not a result.") },
        };
        Assert.Equal("Correct Result in the SMS and compare again.", InvalidRecordError.For("Standard", diff).ErrorDetails.RecommendedAction);
    }
}
