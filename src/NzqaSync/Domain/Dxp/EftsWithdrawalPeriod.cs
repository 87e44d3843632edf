namespace NzqaSync.Domain.Dxp;

/// <summary>
/// The EFTS withdrawal period. Seed (EFTS by Month): "The calculation applies if withdrawals occur after the
/// withdrawal period – i.e., include EFTS for learners who withdraw after one calendar month or 10% of the course
/// duration (rounded up to the nearest whole day) or as determined by the academic board or council".
/// </summary>
/// <remarks>
/// Our reading (docs/rules.md, docs/api-contract.md): EFTS is counted for a learner who withdraws after EITHER mark,
/// so the period ends at the EARLIER of the two — one calendar month from the course start (31 Jan → 28 Feb, the
/// month's last day when it has no such day), or 10% of the course's days (start and end inclusive), rounded up,
/// from the start. A withdrawal dated before that day is inside the period: that enrolment has no EFTS. The other
/// reading (the LATER of the two) is listed as an assumption. Because "or as determined by the academic board or
/// council" lets a TEO set its own period, breaking it is a warning, never a refusal.
/// </remarks>
public static class EftsWithdrawalPeriod
{
    /// <summary>
    /// The first day on which a withdrawal counts EFTS: the earlier of start + one calendar month and start + 10% of
    /// the course's days rounded up (a 100-day course: 10 days; 101 days: 11).
    /// </summary>
    public static DateTime CountsFrom(DateTime start, DateTime end)
    {
        var s = start.Date;
        var days = (end.Date - s).Days + 1;
        var tenth = (days + 9) / 10; // 10% rounded up to the nearest whole day
        var byTenth = s.AddDays(Math.Max(tenth, 0));
        var byMonth = s.AddMonths(1);
        return byTenth < byMonth ? byTenth : byMonth;
    }

    /// <summary>True when the learner withdrew inside the withdrawal period (no EFTS counted for the enrolment).</summary>
    public static bool WithdrewInside(DateTime start, DateTime end, DateTime withdrawal) =>
        end.Date >= start.Date && withdrawal.Date >= start.Date && withdrawal.Date < CountsFrom(start, end);
}
