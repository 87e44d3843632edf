using System;
using System.IO;
using System.Linq;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Journal;

/// <summary>
/// Journal timestamps read back as written (to 100 ns): a learner refused and then synced within one second must read
/// as synced, or its enrolment would be held back although NZQA accepted the learner.
/// </summary>
public class JournalTimestampTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-ts-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    [Fact]
    public void Two_sends_in_the_same_second_read_back_in_the_order_they_were_written()
    {
        var at = new DateTimeOffset(2026, 11, 29, 23, 36, 10, TimeSpan.FromHours(13)).AddTicks(1_000_000); // .1 s
        var clock = at;
        var journal = new SyncJournal(_folder, () => clock);
        JournalOperation Op(string run, string outcome, params string[] errors) => new()
        {
            RunId = run, OperationId = run + "-op", Api = "Nzqa", Kind = "Learner", Key = "100006140", Action = "Create", Outcome = outcome, Errors = errors,
        };
        journal.Record(new[] { Op("run-b", "Failed", "NSN_CONFLICT: NSN 100006140 belongs to a learner registered with a different date of birth.") });
        clock = at.AddMilliseconds(300);
        // The later send's operation id sorts first: only the timestamp can tell which is the latest.
        journal.Record(new[] { Op("run-a", "Synced") });

        var entries = new SyncJournalReader(_folder).Load().Entries;
        Assert.Equal(new[] { at, at.AddMilliseconds(300) }, entries.Select(e => e.Timestamp));
        Assert.Equal(new[] { "Failed", "Synced" }, entries.Select(e => e.Outcome));
        Assert.Empty(SyncHolds.RefusedForIdentity(entries));
    }
}
