using System;
using System.IO;
using System.Linq;
using NzqaSync.Journal;

namespace NzqaSync.Tests.Journal;

/// <summary>Recent history reads the newest months only, and reads them exactly as a full read would.</summary>
public sealed class RecentJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-recent-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private static JournalOperation Op(string run, string key, string outcome) =>
        new() { RunId = run, OperationId = run + ":" + key, Api = "Nzqa", Kind = "Enrolment", Key = key, Action = "Create", Outcome = outcome };

    /// <summary>A year of nightly-ish runs: one run a month of three sends, a run that starts on the last evening of
    /// November and ends in December, and a March send left in doubt and settled in December.</summary>
    private void WriteYear()
    {
        var now = new DateTimeOffset(2026, 1, 15, 22, 0, 0, TimeSpan.FromHours(13));
        SyncJournal At(DateTimeOffset when) => new SyncJournal(_folder, () => when);
        for (var m = 0; m < 12; m++)
        {
            var when = now.AddMonths(m);
            var run = "run" + m.ToString("00");
            var journal = At(when);
            journal.RunStarted(run, "Nzqa", "Enrolment", 3);
            journal.Record(new[] { Op(run, "a", "Pending"), Op(run, "b", "Pending"), Op(run, "c", "Pending") });
            journal.Record(new[] { Op(run, "a", "Synced"), Op(run, "b", m == 2 ? "Pending" : "Failed"), Op(run, "c", "Synced") });
            journal.RunEnded(run, "Nzqa", "Enrolment", 3, null);
        }
        var lateNovember = new DateTimeOffset(2026, 11, 30, 23, 50, 0, TimeSpan.FromHours(13));
        At(lateNovember).RunStarted("across", "Nzqa", "Learner", 1);
        var december = new DateTimeOffset(2026, 12, 16, 1, 0, 0, TimeSpan.FromHours(13));
        At(december).Record(new[] { new JournalOperation { RunId = "across", OperationId = "across:x", Api = "Nzqa", Kind = "Learner", Key = "x", Action = "Create", Outcome = "Synced" } });
        At(december).RunEnded("across", "Nzqa", "Learner", 1, null);
        At(december).Record(new[] { new JournalOperation { RunId = "run02", OperationId = "run02:b", Api = "Nzqa", Kind = "Enrolment", Key = "b", Action = "Create", Outcome = "Synced", Detail = "Settled" } });
    }

    [Fact]
    public void The_last_entries_come_from_the_newest_months_without_opening_the_old_ones()
    {
        WriteYear();
        Assert.Equal(12, Directory.GetFiles(_folder, "journal-*.jsonl").Length);
        var all = new SyncJournalReader(_folder).Load();
        Assert.Equal(12, all.FilesRead);

        var recent = new SyncJournalReader(_folder).LoadRecent(r => r.Entries.Count >= 5);
        Assert.Equal(2, recent.FilesRead); // December answers it; November is read as the margin; ten months stay closed
        Assert.Equal(new DateTime(2026, 11, 1), recent.OldestMonthRead);
        var expected = all.Entries.Skip(all.Entries.Count - 5).Select(e => (e.OperationId, e.Outcome, e.Detail));
        Assert.Equal(expected, recent.Entries.Skip(recent.Entries.Count - 5).Select(e => (e.OperationId, e.Outcome, e.Detail)));

        // The run that began in November reads whole (its start is in the margin month).
        var across = recent.Runs.Single(r => r.RunId == "across");
        Assert.NotNull(across.Started);
        Assert.Equal((1, false), (across.Synced, across.IsRunning));
        // The March send settled in December reads as settled, as the full read has it; March itself was never opened.
        Assert.Equal(("Synced", "Settled"), (recent.Entries.Single(e => e.OperationId == "run02:b").Outcome, recent.Entries.Single(e => e.OperationId == "run02:b").Detail));
        Assert.DoesNotContain(recent.Entries, e => e.OperationId == "run02:a");
    }

    [Fact]
    public void A_run_asked_for_by_id_stops_at_its_start()
    {
        WriteYear();
        var recent = new SyncJournalReader(_folder).LoadRecent(r => r.Runs.Any(x => x.RunId == "run08" && x.Started != null));
        Assert.Equal(5, recent.FilesRead); // December back to August, then July as the margin
        var run = recent.Runs.Single(r => r.RunId == "run08");
        var full = new SyncJournalReader(_folder).Load().Runs.Single(r => r.RunId == "run08");
        Assert.Equal((full.Started, full.Ended, full.Synced, full.Failed), (run.Started, run.Ended, run.Synced, run.Failed));
    }

    [Fact]
    public void Nothing_answered_reads_everything_as_load_does()
    {
        WriteYear();
        var recent = new SyncJournalReader(_folder).LoadRecent(_ => false);
        var all = new SyncJournalReader(_folder).Load();
        Assert.Equal(12, recent.FilesRead);
        Assert.Equal(all.Entries.Select(e => (e.OperationId, e.Outcome)), recent.Entries.Select(e => (e.OperationId, e.Outcome)));
        Assert.Equal(all.Runs.Select(r => (r.RunId, r.Synced, r.Failed, r.InDoubt)), recent.Runs.Select(r => (r.RunId, r.Synced, r.Failed, r.InDoubt)));
    }
}
