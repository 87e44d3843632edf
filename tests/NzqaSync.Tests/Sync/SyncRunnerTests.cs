using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

public sealed class SyncRunnerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-runner-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private static List<PlannedRecord> Plans(int count, Func<int, EnrolmentRecord> local, Func<int, EnrolmentRecord> nzqa)
    {
        var locals = Enumerable.Range(1, count).Select(i => new LocalRecord<EnrolmentRecord>(local(i), null, null)).ToList();
        var remote = Enumerable.Range(1, count).Select(nzqa).Where(r => r != null).ToList();
        return RecordComparer.Compare(EnrolmentArea.Instance, locals, remote).Select(d => EnrolmentSyncPlanner.Plan(d, 257)).ToList();
    }

    private static EnrolmentRecord E(int i, int year = 11, DateTime? left = null) =>
        new() { Nsn = i.ToString(), YearLevel = year, EnrolmentDate = new DateTime(2026, 2, 2), LeavingDate = left, LeavingReason = left == null ? null : "OTHER" };

    [Fact]
    public async Task Batches_respect_the_size_and_every_record_gets_its_own_outcome_and_journal_lines()
    {
        var sizes = new ConcurrentBag<int>();
        BatchSender send = (write, provider, items, ct) =>
        {
            sizes.Add(items.Count);
            return Task.FromResult<IReadOnlyList<BatchItemResult>>(items.Select((item, i) => (string)item["nsn"] == "7"
                ? new BatchItemResult { Index = i, Outcome = "Failed", Errors = { new ItemError { Code = "LEARNER_UNKNOWN", Message = "No learner has NSN 7." } } }
                : new BatchItemResult { Index = i, Outcome = "Created" }).ToList());
        };
        var journal = new SyncJournal(_folder);
        var runner = new SyncRunner(send, SyncRun.Start(journal, "Nzqa", "Enrolment", 25, "run-1"), batchSize: 10, concurrency: 3);

        var results = await runner.RunAsync(Plans(25, i => E(i), _ => null), CancellationToken.None);

        Assert.Equal(new[] { 5, 10, 10 }, sizes.OrderBy(s => s));
        Assert.Equal(24, results.Count(r => r.Outcome == SyncOutcome.Synced));
        var failed = Assert.Single(results, r => r.Outcome == SyncOutcome.Failed);
        Assert.Equal("LEARNER_UNKNOWN: No learner has NSN 7.", Assert.Single(failed.Errors));
        var entries = new SyncJournalReader(_folder).Load().Entries;
        Assert.Equal(25, entries.Count);
        Assert.Equal(24, entries.Count(e => e.Outcome == "Synced"));
        Assert.Equal("Failed", entries.Single(e => e.Key == "7").Outcome);
    }

    [Fact]
    public async Task A_failed_update_stops_the_leaving_operation_of_the_same_record()
    {
        var routes = new ConcurrentBag<string>();
        BatchSender send = (write, provider, items, ct) =>
        {
            routes.Add(NzqaWrites.Route(write, provider));
            return Task.FromResult<IReadOnlyList<BatchItemResult>>(items.Select((_, i) => new BatchItemResult { Index = i, Outcome = "Failed", Errors = { new ItemError { Code = "FIELD_INVALID", Message = "no" } } }).ToList());
        };
        var runner = new SyncRunner(send, SyncRun.Start(new SyncJournal(_folder), "Nzqa", "Enrolment", 1, "run-2"));
        var results = await runner.RunAsync(Plans(1, i => E(i, year: 12, left: new DateTime(2026, 5, 1)), i => E(i)), CancellationToken.None);

        Assert.Equal(new[] { "providers/257/enrolments" }, routes);
        Assert.Equal((SyncOutcome.Failed, SyncStatus.Failed), (results[0].Outcome, results[0].SyncStatus));
    }

    [Fact]
    public async Task A_lost_answer_is_journalled_in_doubt_not_failed()
    {
        BatchSender send = (write, provider, items, ct) => throw new ServiceException("NZQA", null, null, "connection reset") { OutcomeUnknown = true };
        var runner = new SyncRunner(send, SyncRun.Start(new SyncJournal(_folder), "Nzqa", "Enrolment", 3, "run-3"));
        var results = await runner.RunAsync(Plans(3, i => E(i), _ => null), CancellationToken.None);

        Assert.All(results, r => Assert.Equal(SyncOutcome.Failed, r.Outcome));
        Assert.Contains("outcome is unknown", results[0].Errors[0]);
        Assert.All(new SyncJournalReader(_folder).Load().Entries, e => Assert.Equal("InDoubt", e.Outcome));
    }
}
