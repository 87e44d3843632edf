using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Tests.Dxp;

/// <summary>
/// The seed's EFTS withdrawal rule: "The calculation applies if withdrawals occur after the withdrawal period – i.e.,
/// include EFTS for learners who withdraw after one calendar month or 10% of the course duration (rounded up to the
/// nearest whole day) or as determined by the academic board or council". Read (docs/rules.md): EFTS counts from the
/// earlier of start + one calendar month and start + ⌈10% of the course's days⌉; a warning, since the board may differ.
/// </summary>
public class EftsWithdrawalTests
{
    private static DateTime D(string iso) => DateTime.ParseExact(iso, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An enrolment for the corpus and the tests: the good one with these dates (eftsByMonth derived when null).</summary>
    public static CourseEnrolmentRecord Withdrawn(string start, string end, string withdrawal, decimal[] efts = null)
    {
        var r = DxpValidatorTests.GoodEnrolment();
        r.CourseStartDate = D(start);
        r.CourseEndDate = D(end);
        r.StudentsCourseWithdrawalDate = withdrawal == null ? null : D(withdrawal);
        r.EftsByMonth = efts;
        return r;
    }

    [Theory]
    [InlineData("2026-02-01", "2026-05-11", "2026-02-11")] // 100 days: 10% = 10 days, before one month (1 Mar)
    [InlineData("2026-02-01", "2026-05-12", "2026-02-12")] // 101 days: 10% = 10.1, rounded up to 11
    [InlineData("2026-02-01", "2026-11-30", "2026-03-01")] // 303 days: 10% = 31 days (4 Mar); one calendar month is earlier
    [InlineData("2026-01-31", "2026-11-30", "2026-02-28")] // 31 Jan + one calendar month = 28 Feb (no 31 Feb)
    [InlineData("2028-01-31", "2028-12-15", "2028-02-29")] // a leap year: 29 Feb
    [InlineData("2026-03-31", "2027-02-28", "2026-04-30")] // 31 Mar → 30 Apr
    [InlineData("2026-03-10", "2026-03-10", "2026-03-11")] // a one-day course: 10% rounds up to one whole day
    public void Efts_counts_from_the_earlier_of_one_calendar_month_and_ten_percent_of_the_course_rounded_up(string start, string end, string countsFrom)
    {
        Assert.Equal(D(countsFrom), EftsWithdrawalPeriod.CountsFrom(D(start), D(end)));
        Assert.True(EftsWithdrawalPeriod.WithdrewInside(D(start), D(end), D(countsFrom).AddDays(-1)));
        Assert.False(EftsWithdrawalPeriod.WithdrewInside(D(start), D(end), D(countsFrom)));
    }

    public static IEnumerable<object[]> Boundaries() => new[]
    {
        // start, end, the last day inside the period, the first day after it
        new object[] { "2026-01-31", "2026-11-30", "2026-02-27", "2026-02-28" },
        new object[] { "2026-02-01", "2026-11-30", "2026-02-28", "2026-03-01" },
        new object[] { "2026-02-01", "2026-05-11", "2026-02-10", "2026-02-11" },
        new object[] { "2026-02-01", "2026-05-12", "2026-02-11", "2026-02-12" },
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Efts_supplied_for_a_withdrawal_inside_the_period_is_a_warning_in_the_seeds_words_and_a_day_later_is_fine(string start, string end, string inside, string after)
    {
        var months = EftsByMonth.MonthsInclusive(D(start), D(end));
        var spread = EftsByMonth.Compute(0.125m, D(start), D(end));

        var early = DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(Withdrawn(start, end, inside, spread)));
        var hit = Assert.Single(early);
        Assert.Equal(("eftsByMonth", "DxpEftsWithdrawal", DxpProblemSeverity.Warning), (hit.Field, hit.Code, hit.Severity));
        Assert.Contains("include EFTS for learners who withdraw after one calendar month or 10% of the course duration", hit.Message);
        Assert.Contains(D(after).ToString("dd/MM/yyyy"), hit.Message);
        Assert.True(DxpRecordValidator.CanSend(early));

        Assert.Empty(DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(Withdrawn(start, end, after, spread))));
        // No EFTS inside the period is what the seed asks: not a broken sum.
        Assert.Empty(DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(Withdrawn(start, end, inside, new decimal[months]))));
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void No_efts_for_a_withdrawal_after_the_period_is_a_warning_not_a_broken_sum(string start, string end, string inside, string after)
    {
        _ = inside;
        var zeros = new decimal[EftsByMonth.MonthsInclusive(D(start), D(end))];
        var late = DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(Withdrawn(start, end, after, zeros)));
        var hit = Assert.Single(late);
        Assert.Equal(("DxpEftsWithdrawal", DxpProblemSeverity.Warning), (hit.Code, hit.Severity));
        // Not withdrawn at all: months of 0 do not add back to the factor (an error, as before).
        Assert.Contains(DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(Withdrawn(start, end, null, zeros))),
            p => p.Code == "DxpEftsSum" && p.Severity == DxpProblemSeverity.Error);
    }

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Derived_efts_by_month_is_zero_for_a_withdrawal_inside_the_period_and_the_even_split_after_it(string start, string end, string inside, string after)
    {
        var early = DxpRecordNormaliser.Normalise(Withdrawn(start, end, inside));
        Assert.All(early.EftsByMonth, v => Assert.Equal(0m, v));
        Assert.Equal(EftsByMonth.MonthsInclusive(D(start), D(end)), early.EftsByMonth.Length);
        Assert.Empty(DxpRecordValidator.Validate(early));

        var late = DxpRecordNormaliser.Normalise(Withdrawn(start, end, after));
        Assert.Equal(EftsByMonth.Compute(0.125m, D(start), D(end)), late.EftsByMonth);
        Assert.Empty(DxpRecordValidator.Validate(late));
    }

    [Fact]
    public void A_supplied_split_is_never_rewritten_for_a_withdrawal()
    {
        var given = new[] { 0.0250m, 0.0250m, 0.0250m, 0.0250m, 0.0250m };
        var r = DxpRecordNormaliser.Normalise(Withdrawn("2026-02-23", "2026-06-19", "2026-02-24", (decimal[])given.Clone()));
        Assert.Equal(given, r.EftsByMonth);
    }
}
