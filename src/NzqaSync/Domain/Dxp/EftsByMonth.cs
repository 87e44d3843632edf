namespace NzqaSync.Domain.Dxp;

/// <summary>
/// EFTS by Month. Seed: "The value is calculated by evenly dividing the course EFTS factor by the number of
/// calendar months the learner is enrolled, irrespective of which day in the month the course starts or ends.
/// The formula is: Course EFTS factor ÷ Course Finish Month - Course Start Month (inclusive)" and "The value is
/// expressed as a decimal rounded to four decimal places – e.g., 0.0010."
/// </summary>
public static class EftsByMonth
{
    /// <summary>
    /// One value per calendar month from <paramref name="start"/>'s month to <paramref name="end"/>'s month
    /// inclusive (New Zealand calendar dates), each to four decimals, summing exactly to
    /// <paramref name="courseEftsFactor"/>. 23 Feb – 19 June is 5 months: 0.125 → 0.0250 × 5.
    /// </summary>
    /// <remarks>
    /// The seed asks for an even division but says nothing about a remainder when the factor does not divide into
    /// four-decimal parts. Ours: every month gets the factor ÷ months rounded down to 0.0001, and the remainder
    /// (fewer 0.0001s than there are months) goes one 0.0001 each to the EARLIEST months — so the months differ by
    /// at most 0.0001 (as even as four decimals allow) and add back to the factor exactly.
    /// 0.1 over 3 months → 0.0334, 0.0333, 0.0333.
    /// </remarks>
    public static decimal[] Compute(decimal courseEftsFactor, DateTime start, DateTime end)
    {
        if (courseEftsFactor < 0) throw new ArgumentOutOfRangeException(nameof(courseEftsFactor), "The course EFTS factor cannot be negative.");
        if (DecimalPlaces(courseEftsFactor) > 4)
            throw new ArgumentException("The course EFTS factor is \"a decimal rounded to four decimal places\"; this one has more.", nameof(courseEftsFactor));
        var months = MonthsInclusive(start, end);
        if (months < 1 || end.Date < start.Date) throw new ArgumentException("The course ends before it starts.", nameof(end));

        var units = decimal.ToInt64(courseEftsFactor * 10000m);
        var each = units / months;
        var remainder = units % months;
        var values = new decimal[months];
        for (var i = 0; i < months; i++)
            values[i] = FourPlaces(each + (i < remainder ? 1 : 0));
        return values;
    }

    /// <summary>Calendar months from the start month to the end month, inclusive (0 or less when the end is earlier).</summary>
    public static int MonthsInclusive(DateTime start, DateTime end) =>
        (end.Year * 12 + end.Month) - (start.Year * 12 + start.Month) + 1;

    /// <summary>Digits after the decimal point once trailing zeros are dropped (0.0250 → 3, 0.12345 → 5).</summary>
    public static int DecimalPlaces(decimal value)
    {
        value = value / 1.000000000000000000000000000000000m; // drops trailing zeros
        return (decimal.GetBits(value)[3] >> 16) & 0xFF;
    }

    private static decimal FourPlaces(long units) =>
        new decimal((int)(units & 0xFFFFFFFF), (int)(units >> 32), 0, false, 4);
}
