using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Journal;

namespace NzqaSync.Tests.Journal;

/// <summary>Clear-NzqaSyncLog's engine: exactly the older entries go, and a concurrent appender loses nothing.</summary>
public sealed class JournalRetentionTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-retention-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private static JournalOperation Op(string run, string key, string outcome) =>
        new() { RunId = run, OperationId = run + ":" + key, Api = "Nzqa", Kind = "Enrolment", Key = key, Action = "Create", Outcome = outcome };

    private void Run(DateTimeOffset at, string runId, int records)
    {
        var journal = new SyncJournal(_folder, () => at);
        journal.RunStarted(runId, "Nzqa", "Enrolment", records);
        var ops = Enumerable.Range(1, records).Select(i => Op(runId, i.ToString(), "Pending")).ToList();
        journal.Record(ops);
        journal.Record(ops.Select(o => Op(runId, o.Key, "Synced")));
        journal.RunEnded(runId, "Nzqa", "Enrolment", records, null);
    }

    [Fact]
    public void Removes_exactly_the_entries_older_than_the_date_across_month_files()
    {
        var cutoff = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.FromHours(13));
        Run(new DateTimeOffset(2026, 9, 3, 9, 0, 0, TimeSpan.FromHours(12)), "sep", 3);
        Run(cutoff.AddMinutes(-1), "oct-early", 2);
        Run(cutoff, "oct-on-the-day", 2);
        Run(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(13)), "nov", 4);
        var before = new SyncJournalReader(_folder).Load();
        Assert.Equal(11, before.Entries.Count);

        var plan = JournalRetention.Plan(_folder, cutoff);
        Assert.Equal(5, plan.Entries.Count);
        Assert.Equal(before.Entries.Count, new SyncJournalReader(_folder).Load().Entries.Count); // a plan changes nothing

        JournalRetention.Apply(plan);
        var after = new SyncJournalReader(_folder).Load();
        Assert.Equal(before.Entries.Where(e => e.Timestamp >= cutoff).Select(e => e.OperationId), after.Entries.Select(e => e.OperationId));
        Assert.Equal(new[] { "oct-on-the-day", "nov" }, after.Runs.Select(r => r.RunId));
        Assert.False(File.Exists(Path.Combine(_folder, "journal-2026-09.jsonl"))); // nothing left in it: deleted
        Assert.True(File.Exists(Path.Combine(_folder, "journal-2026-10.jsonl")));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        Assert.Empty(JournalRetention.Plan(_folder, cutoff).Entries);
    }

    [Fact]
    public void The_timestamp_scan_says_whether_anything_could_age_out_and_leaves_any_other_line_to_the_full_plan()
    {
        var cutoff = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.FromHours(13));
        Assert.False(JournalAge.MayHoldOlderThan(_folder, cutoff)); // no journal yet
        Run(cutoff, "on-the-day", 2);
        Run(cutoff.AddDays(20), "later", 3);
        Assert.False(JournalAge.MayHoldOlderThan(_folder, cutoff));
        Assert.Empty(JournalRetention.Plan(_folder, cutoff).Entries);
        Assert.True(JournalAge.MayHoldOlderThan(_folder, cutoff.AddTicks(1)));
        Assert.NotEmpty(JournalRetention.Plan(_folder, cutoff.AddTicks(1)).Entries);

        // A line of another shape (hand-edited, or "ts" not where the journal writes it) is not judged by the scan.
        var file = Directory.GetFiles(_folder, "journal-*.jsonl").OrderBy(f => f, StringComparer.Ordinal).First();
        File.AppendAllText(file, "{\"ts\":\"2030-01-01T00:00:00+00:00\",\"t\":\"op\",\"run\":\"x\",\"op\":\"x:1\"}\n");
        Assert.True(JournalAge.MayHoldOlderThan(_folder, cutoff));
    }

    [Fact]
    public void A_timestamp_that_does_not_parse_counts_as_old_as_the_reader_takes_it()
    {
        var cutoff = new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero);
        Run(cutoff.AddDays(1), "new", 1);
        var file = Directory.GetFiles(_folder, "journal-*.jsonl").Single();
        File.AppendAllText(file, "{\"t\":\"op\",\"ts\":\"not a time\",\"run\":\"new\",\"op\":\"new:odd\",\"outcome\":\"Synced\"}\n");
        Assert.True(JournalAge.MayHoldOlderThan(_folder, cutoff));
        Assert.Contains(JournalRetention.Plan(_folder, cutoff).Entries, e => e.OperationId == "new:odd");
        // A torn last line (no newline yet) is skipped by the reader, and by the scan.
        File.WriteAllText(file, File.ReadAllText(file).Replace("not a time", cutoff.AddDays(2).ToString("o")) + "{\"t\":\"op\",\"ts\":\"2001-");
        Assert.False(JournalAge.MayHoldOlderThan(_folder, cutoff));
    }

    [Fact]
    public void An_operation_of_a_run_still_going_is_kept()
    {
        var old = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var journal = new SyncJournal(_folder, () => old);
        journal.RunStarted("live", "Nzqa", "Enrolment", 1);      // this process, not ended: still running
        journal.Record(new[] { Op("live", "1", "Pending") });
        try
        {
            var plan = JournalRetention.Plan(_folder, old.AddDays(30));
            Assert.Empty(plan.Entries);
        }
        finally
        {
            journal.RunEnded("live", "Nzqa", "Enrolment", 1, null);
        }
    }

    [Fact]
    public void An_appender_writing_the_same_file_meanwhile_loses_no_line()
    {
        // Old and new lines share one month file, the one being appended to while it is rewritten again and again.
        var cutoff = new DateTimeOffset(2030, 3, 15, 0, 0, 0, TimeSpan.Zero);
        var oldJournal = new SyncJournal(_folder, () => cutoff.AddHours(-1));
        var appender = new SyncJournal(_folder, () => cutoff.AddHours(1));
        var stop = 0;
        var appended = 0;
        var writer = Task.Run(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                var n = Interlocked.Increment(ref appended);
                appender.Record(new[] { Op("new", n.ToString(), "Synced") });
            }
        });
        var removed = 0;
        for (var round = 0; round < 40; round++)
        {
            oldJournal.Record(Enumerable.Range(1, 20).Select(i => Op("old" + round, i.ToString(), "Synced")));
            var plan = JournalRetention.Apply(JournalRetention.Plan(_folder, cutoff));
            removed += plan.Entries.Count;
        }
        Volatile.Write(ref stop, 1);
        writer.Wait();

        var entries = new SyncJournalReader(_folder).Load().Entries;
        Assert.Equal(40 * 20, removed);
        Assert.DoesNotContain(entries, e => e.RunId.StartsWith("old", StringComparison.Ordinal));
        Assert.Equal(Volatile.Read(ref appended), entries.Count(e => e.RunId == "new"));
    }
}
