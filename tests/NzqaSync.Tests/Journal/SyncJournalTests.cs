using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NzqaSync.Journal;

namespace NzqaSync.Tests.Journal;

public sealed class SyncJournalTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-journal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private static JournalOperation Op(string run, string key, string outcome, string detail = null) =>
        new() { RunId = run, OperationId = run + ":" + key, Api = "Nzqa", Kind = "Enrolment", Key = key, Action = "Create", Outcome = outcome, Detail = detail };

    [Fact]
    public void The_outcome_line_supersedes_the_pending_line()
    {
        var journal = new SyncJournal(_folder);
        journal.RunStarted("r1", "Nzqa", "Enrolment", 2);
        journal.Record(new[] { Op("r1", "1", "Pending"), Op("r1", "2", "Pending") });
        journal.Record(new[] { Op("r1", "1", "Synced", "Created"), Op("r1", "2", "Failed") });
        journal.RunEnded("r1", "Nzqa", "Enrolment", 2, null);

        var reader = new SyncJournalReader(_folder).Load();
        Assert.Equal(new[] { "Synced", "Failed" }, reader.Entries.Select(e => e.Outcome));
        var summary = Assert.Single(reader.Summaries());
        Assert.Equal((1, 1, 1, false), (summary.Synced, summary.Failed, summary.Created, summary.InProgress));
        Assert.Equal("Processed enrolments 2 of 2 (created 1, patched 0, failed 1)", summary.Progress);
        Assert.NotNull(summary.LastSync);
    }

    [Fact]
    public void A_change_NZQA_already_held_when_it_arrived_is_counted_as_such_not_as_nothing()
    {
        // A retry after a lost answer finds NZQA already holds what the first, unanswered, request wrote: "Unchanged".
        var journal = new SyncJournal(_folder);
        journal.RunStarted("r1", "Nzqa", "Enrolment", 3);
        journal.Record(new[] { Op("r1", "1", "Synced", "Updated"), Op("r1", "2", "Synced", "Unchanged"), Op("r1", "3", "Synced", "Unchanged") });
        journal.RunEnded("r1", "Nzqa", "Enrolment", 3, null);
        var summary = Assert.Single(new SyncJournalReader(_folder).Load().Summaries());
        Assert.Equal("Processed enrolments 3 of 3 (created 0, patched 1, failed 0, already at NZQA 2)", summary.Progress);
    }

    [Fact]
    public void A_send_with_no_outcome_from_a_finished_run_is_in_doubt()
    {
        var journal = new SyncJournal(_folder);
        journal.RunStarted("r2", "Nzqa", "Enrolment", 1);
        journal.Record(new[] { Op("r2", "1", "Pending") });
        Assert.Equal("Pending", new SyncJournalReader(_folder).Load().Entries.Single().Outcome); // still running here
        journal.RunEnded("r2", "Nzqa", "Enrolment", 1, null);
        Assert.Equal("InDoubt", new SyncJournalReader(_folder).Load().Entries.Single().Outcome);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_not_fatal()
    {
        var journal = new SyncJournal(_folder);
        journal.Record(new[] { Op("r3", "1", "Synced") });
        File.AppendAllText(journal.CurrentFile(), "{\"t\":\"op\",\"run\":\"r3\",\"op\":\"r3:2\",\"outc");
        var entries = new SyncJournalReader(_folder).Load().Entries;
        Assert.Equal("1", Assert.Single(entries).Key);
    }

    [Fact]
    public void Concurrent_writers_lose_and_tear_no_line()
    {
        const int writers = 4, lines = 500;
        Parallel.For(0, writers, w =>
        {
            var journal = new SyncJournal(_folder); // one instance each, as separate processes would have
            for (var i = 0; i < lines; i++) journal.Record(new[] { Op("w" + w, i.ToString(), "Synced") });
        });
        var text = File.ReadAllLines(new SyncJournal(_folder).CurrentFile());
        Assert.Equal(writers * lines, text.Length);
        Assert.Equal(writers * lines, new SyncJournalReader(_folder).Load().Entries.Count);
    }

    [Fact]
    public void Journal_files_are_readable_only_by_their_owner()
    {
        if (OperatingSystem.IsWindows()) return;
        var journal = new SyncJournal(_folder);
        journal.Record(new[] { Op("r4", "1", "Synced") });
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal.CurrentFile()));
    }
}
