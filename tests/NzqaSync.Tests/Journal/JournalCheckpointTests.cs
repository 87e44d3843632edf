using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Journal;

/// <summary>
/// Decisions (in-doubt settlement, held learners, -Summary) read the newest month and a checkpoint of the closed
/// ones, and decide exactly as a read of every file would.
/// </summary>
public sealed class JournalCheckpointTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-checkpoint-" + Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset January = new(2026, 1, 15, 22, 0, 0, TimeSpan.FromHours(13));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private SyncJournal At(DateTimeOffset when) => new(_folder, () => when);

    private static JournalOperation Op(string run, string kind, string key, string outcome, string detail = null, string error = null, string hash = null) =>
        new() { RunId = run, OperationId = run + ":" + key, Api = "Nzqa", Kind = kind, Key = key, Action = "Create", Outcome = outcome, Detail = detail, Errors = error == null ? null : new[] { error }, ItemHash = hash };

    /// <summary>
    /// A year of nightly-ish runs (December the newest file): sends created, updated, failed; a March send in doubt
    /// settled in December, a May send in doubt never settled, a June batch written InDoubt; a learner refused for
    /// identity in April and never since, another refused in February and synced in July; a run across Nov/Dec.
    /// </summary>
    private void WriteYear()
    {
        for (var m = 0; m < 12; m++)
        {
            var when = January.AddMonths(m);
            var run = "run" + m.ToString("00");
            var journal = At(when);
            journal.RunStarted(run, "Nzqa", "Enrolment", 4);
            journal.Record(new[] { Op(run, "Enrolment", "a", "Pending"), Op(run, "Enrolment", "b", "Pending"), Op(run, "Enrolment", "c", "Pending"), Op(run, "Enrolment", "d", "Pending") });
            journal.Record(new[]
            {
                Op(run, "Enrolment", "a", "Synced", "Created"),
                Op(run, "Enrolment", "b", m == 2 || m == 4 ? "Pending" : "Failed", error: "BAD_DATE: no"),
                Op(run, "Enrolment", "c", "Synced", "Updated"),
                Op(run, "Enrolment", "d", m == 5 ? "InDoubt" : "Synced", "Updated"),
            });
            journal.RunEnded(run, "Nzqa", "Enrolment", 4, null);
        }
        At(January.AddMonths(1)).Record(new[] { Op("l02", "Learner", "111111111", "Failed", error: "NSN_CONFLICT: someone else", hash: "h1") });
        At(January.AddMonths(3)).Record(new[] { Op("l04", "Learner", "222222222", "Failed", error: "NSN_CONFLICT: someone else", hash: "h2") });
        At(January.AddMonths(6)).Record(new[] { Op("l07", "Learner", "111111111", "Synced", "Updated") });
        At(new DateTimeOffset(2026, 11, 30, 23, 50, 0, TimeSpan.FromHours(13))).RunStarted("across", "Nzqa", "Learner", 1);
        var december = new DateTimeOffset(2026, 12, 16, 1, 0, 0, TimeSpan.FromHours(13));
        At(december).Record(new[] { Op("across", "Learner", "x", "Synced", "Created") });
        At(december).RunEnded("across", "Nzqa", "Learner", 1, null);
        At(december).Record(new[] { Op("run02", "Enrolment", "b", "Synced", JournalOutcome.Settled) });
    }

    private static void AssertDecidesAsAFullRead(SyncJournalReader open, SyncJournalReader all)
    {
        static object Run(JournalRun r) => (r.RunId, r.Api, r.Kind, r.Started, r.Ended, r.Total, r.Operations, r.Synced, r.Failed, r.InDoubt, r.Pending, r.Created, r.Updated, r.IsRunning);
        Assert.Equal(all.Runs.Select(Run), open.Runs.Select(Run));
        static object Summary(SyncLogSummary s) => (s.Api, s.Kind, s.LastSync, s.LastRunId, s.InProgress, s.Total, s.Processed, s.Synced, s.Failed, s.InDoubt, s.Pending, s.Created, s.Updated, s.Progress);
        Assert.Equal(all.Summaries().Select(Summary), open.Summaries().Select(Summary));
        static IEnumerable<object> Open(SyncJournalReader r) => r.Entries
            .Where(e => e.Outcome == JournalOutcome.InDoubt || e.Outcome == JournalOutcome.Pending)
            .Select(e => (object)(e.OperationId, e.Outcome, e.Kind, e.Key, e.Action, e.Timestamp));
        Assert.Equal(Open(all), Open(open));
        static IEnumerable<object> LastFailed(SyncJournalReader r) => r.Entries
            .GroupBy(e => (e.Api, e.Kind, e.Key)).Select(g => g.OrderBy(e => e.Timestamp).Last())
            .Where(e => e.Outcome == JournalOutcome.Failed).OrderBy(e => e.OperationId, StringComparer.Ordinal)
            .Select(e => (object)(e.OperationId, e.Key, e.ItemHash, string.Join("; ", e.Errors), e.Timestamp));
        Assert.Equal(LastFailed(all), LastFailed(open));
    }

    [Fact]
    public void Decisions_read_the_newest_month_and_the_checkpoint_and_decide_as_every_file_would()
    {
        WriteYear();
        var all = new SyncJournalReader(_folder).Load();
        Assert.Equal(12, all.FilesRead);
        Assert.Contains(all.Entries, e => e.OperationId == "run04:b" && e.Outcome == "InDoubt");
        Assert.Contains(all.Entries, e => e.OperationId == "run05:d" && e.Outcome == "InDoubt");

        var first = new SyncJournalReader(_folder).LoadOpen();
        Assert.True(first.CheckpointBuilt); // no checkpoint yet: the closed months are read once and summed up
        AssertDecidesAsAFullRead(first, all);

        var second = new SyncJournalReader(_folder).LoadOpen();
        Assert.False(second.CheckpointBuilt);
        Assert.Equal(1, second.FilesRead); // December only; eleven months stay closed
        AssertDecidesAsAFullRead(second, all);
        // The learner refused in April is still held from the checkpoint; the one synced since in July is not.
        Assert.Equal(new[] { "222222222" }, second.Entries.Where(e => e.Kind == "Learner" && e.Outcome == "Failed").Select(e => e.Key));
    }

    [Fact]
    public void A_settlement_written_now_settles_a_send_the_checkpoint_holds_in_doubt()
    {
        WriteYear();
        new SyncJournalReader(_folder).LoadOpen();
        var december = new DateTimeOffset(2026, 12, 20, 1, 0, 0, TimeSpan.FromHours(13));
        var journal = new SyncJournal(_folder, () => december);
        var settled = InDoubtSettlement.ByCompare(journal, "Enrolment", new Dictionary<string, NzqaSync.Compare.DiffStatus> { ["b"] = NzqaSync.Compare.DiffStatus.Match });
        Assert.Equal(new[] { "run04:b" }, settled.Select(s => s.OperationId)); // May's in-doubt send, known only from the checkpoint
        var after = new SyncJournalReader(_folder).LoadOpen();
        Assert.False(after.CheckpointBuilt);
        AssertDecidesAsAFullRead(after, new SyncJournalReader(_folder).Load());
        Assert.Equal(("Synced", "Settled"), after.Entries.Where(e => e.OperationId == "run04:b").Select(e => (e.Outcome, e.Detail)).Single());
    }

    [Fact]
    public void A_closed_month_that_changed_is_read_again()
    {
        WriteYear();
        new SyncJournalReader(_folder).LoadOpen();
        // A late line lands in March (another machine's clock, or an old process finishing).
        At(January.AddMonths(2).AddDays(1)).Record(new[] { Op("run02", "Enrolment", "late", "Failed", error: "LATE: refused") });
        var open = new SyncJournalReader(_folder).LoadOpen();
        Assert.True(open.CheckpointBuilt);
        AssertDecidesAsAFullRead(open, new SyncJournalReader(_folder).Load());
        Assert.Contains(open.Entries, e => e.OperationId == "run02:late" && e.Outcome == "Failed");
    }

    [Fact]
    public void Retention_removes_the_checkpoint_with_the_lines_it_was_made_from()
    {
        WriteYear();
        new SyncJournalReader(_folder).LoadOpen();
        var checkpoint = Path.Combine(_folder, "journal-checkpoint.json");
        Assert.True(File.Exists(checkpoint));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(checkpoint));
        Assert.Contains("222222222", File.ReadAllText(checkpoint));

        JournalRetention.Apply(JournalRetention.Plan(_folder, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(File.Exists(checkpoint));
        var open = new SyncJournalReader(_folder).LoadOpen();
        AssertDecidesAsAFullRead(open, new SyncJournalReader(_folder).Load());
        Assert.DoesNotContain(open.Entries, e => e.Key == "222222222");
    }
}
