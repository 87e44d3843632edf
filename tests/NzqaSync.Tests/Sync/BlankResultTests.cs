using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>
/// Trial 5, D21: a blank Result cell where NZQA holds a result is not sent (a sync never removes a result), and the
/// skip says why instead of reading "Different, nothing to send" with no reason, night after night.
/// </summary>
public sealed class BlankResultTests
{
    private static readonly StandardArea Area = new(257, new Dictionary<string, StandardDefinition>
    {
        ["91580"] = new() { Number = "91580", Version = 1, Type = "A", Assessment = "Internal" },
    }, new HashSet<string> { "100000017" });

    private static readonly string[] Columns = { "Nsn", "StandardNumber", "AcademicYear", "Result" };

    private static StandardRecord S(string result, int? provider = null) =>
        new() { Nsn = "100000017", StandardNumber = "91580", StandardVersion = 1, AcademicYear = 2026, Result = result, ResultProviderCode = provider, Status = "Entered", FirstName = "Leo", LastName = "Kingi" };

    private static PlannedRecord Plan(StandardRecord local, StandardRecord nzqa) =>
        SyncPlanner.Plan(RecordComparer.Compare(Area, new[] { new LocalRecord<StandardRecord>(local, null, local, Columns) }, new[] { nzqa }).Single(), 257);

    [Fact]
    public void A_blank_result_sends_nothing_and_says_NZQAs_result_is_kept()
    {
        var planned = Plan(S(null), S("A", 257));
        Assert.Empty(planned.Operations);
        // A note, not a reason to hold it for a person: nothing is wrong, and the nightly run stays quiet.
        Assert.Null(planned.SkipReason);
        Assert.Contains("NZQA's A is kept", planned.Note);
        Assert.Contains("never removes a result", planned.Note);
    }

    [Fact]
    public void A_result_of_its_own_has_no_such_reason()
    {
        var planned = Plan(S("M"), S("A", 257));
        Assert.NotEmpty(planned.Operations);
        Assert.Null(planned.Note);
    }
}
