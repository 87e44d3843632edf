namespace NzqaSync.Domain.Dxp;

public static partial class DxpRecordValidator
{
    private const string WithdrawalWords =
        "\"include EFTS for learners who withdraw after one calendar month or 10% of the course duration (rounded up to the nearest whole day) or as determined by the academic board or council\"";

    /// <summary>Course EFTS factor and EFTS by month: precision, one value a month, the sum, the withdrawal period.</summary>
    private static void Efts(CourseEnrolmentRecord r, Problems p)
    {
        var factorOk = false;
        if (!r.CourseEftsFactor.HasValue)
            p.Required("courseEftsFactor", null, "Course EFTS Factor");
        else if (EftsByMonth.DecimalPlaces(r.CourseEftsFactor.Value) > 4)
            p.Add("courseEftsFactor", "DxpEftsPrecision",
                $"courseEftsFactor: {Num(r.CourseEftsFactor.Value)} — \"The value is expressed as a decimal rounded to four decimal places – e.g., 0.0125.\"");
        else if (r.CourseEftsFactor < 0 || r.CourseEftsFactor >= 10)
            p.Add("courseEftsFactor", "DxpNumberInvalid", $"courseEftsFactor: {Num(r.CourseEftsFactor.Value)} is not \"Type: Numeric (1,4)\" (0 to 9.9999).");
        else factorOk = true;

        if (r.EftsByMonth == null || r.EftsByMonth.Length == 0)
        {
            p.Required("eftsByMonth", null, "EFTS by Month");
            return;
        }
        var precisionOk = true;
        for (var i = 0; i < r.EftsByMonth.Length; i++)
        {
            var v = r.EftsByMonth[i];
            if (EftsByMonth.DecimalPlaces(v) > 4 || v < 0 || v >= 10)
            {
                precisionOk = false;
                p.Add("eftsByMonth", "DxpEftsPrecision",
                    $"eftsByMonth[{i}]: {Num(v)} — \"The value is expressed as a decimal rounded to four decimal places – e.g., 0.0010.\"");
            }
        }
        if (r.CourseStartDate.HasValue && r.CourseEndDate.HasValue)
        {
            var months = EftsByMonth.MonthsInclusive(r.CourseStartDate.Value, r.CourseEndDate.Value);
            if (months >= 1 && r.EftsByMonth.Length != months)
                p.Add("eftsByMonth", "DxpEftsMonthCount",
                    $"eftsByMonth has {r.EftsByMonth.Length} values but the course spans {months} calendar months: \"Course EFTS factor ÷ Course Finish Month - Course Start Month (inclusive)\".");
        }
        if (!precisionOk) return;

        // A withdrawn learner whose months are all 0 is an enrolment that counts no EFTS: not a broken sum.
        var noEfts = r.EftsByMonth.All(v => v == 0);
        var withdrawn = r.StudentsCourseWithdrawalDate.HasValue;
        // An error, not a warning: EFTS by month is "the portion of the course EFTS factor for each month", so
        // the portions must add back to the factor (api-facts.md).
        if (factorOk && !(withdrawn && noEfts) && r.EftsByMonth.Sum() != r.CourseEftsFactor.Value)
            p.Add("eftsByMonth", "DxpEftsSum",
                $"eftsByMonth adds up to {Num(r.EftsByMonth.Sum())}, not the courseEftsFactor {Num(r.CourseEftsFactor.Value)}: \"The portion of the course EFTS factor for each month of enrolment\", \"evenly dividing the course EFTS factor by the number of calendar months the learner is enrolled\".");

        if (!withdrawn || !r.CourseStartDate.HasValue || !r.CourseEndDate.HasValue || r.CourseEndDate.Value.Date < r.CourseStartDate.Value.Date
            || r.StudentsCourseWithdrawalDate.Value.Date < r.CourseStartDate.Value.Date)
            return;
        // A warning: "or as determined by the academic board or council" lets the TEO set its own period.
        var countsFrom = EftsWithdrawalPeriod.CountsFrom(r.CourseStartDate.Value, r.CourseEndDate.Value);
        if (r.StudentsCourseWithdrawalDate.Value.Date < countsFrom && !noEfts)
            p.Add("eftsByMonth", "DxpEftsWithdrawal",
                $"eftsByMonth counts EFTS ({Num(r.EftsByMonth.Sum())}) for a learner who withdrew on {Day(r.StudentsCourseWithdrawalDate)}, inside the withdrawal period (EFTS counts for withdrawals from {Day(countsFrom)}): \"The calculation applies if withdrawals occur after the withdrawal period – i.e., {WithdrawalWords.Trim('"')}\". Report 0 for every month unless your academic board or council set another period.",
                DxpProblemSeverity.Warning);
        else if (r.StudentsCourseWithdrawalDate.Value.Date >= countsFrom && noEfts && factorOk && r.CourseEftsFactor.Value > 0)
            p.Add("eftsByMonth", "DxpEftsWithdrawal",
                $"eftsByMonth is 0 for every month for a learner who withdrew on {Day(r.StudentsCourseWithdrawalDate)}, after the withdrawal period (EFTS counts for withdrawals from {Day(countsFrom)}): {WithdrawalWords}.",
                DxpProblemSeverity.Warning);
    }
}
