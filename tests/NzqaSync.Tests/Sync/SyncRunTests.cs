using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>The sync-run service NZQA sync, DXP send and DXP remove share: run lines, write-ahead, settlement — no PowerShell.</summary>
public sealed class SyncRunTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-run-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    private SyncJournalReader Read() => new SyncJournalReader(_folder).Load();

    [Fact]
    public void A_run_writes_its_first_line_before_sending_and_its_last_with_the_outcome_counts()
    {
        var journal = new SyncJournal(_folder);
        var run = SyncRun.Start(journal, "Dxp", "Course", 3, "run-a");
        var started = Read().Runs.Single();
        Assert.Equal(("run-a", "Dxp", "Course", 3), (started.RunId, started.Api, started.Kind, started.Total));
        Assert.Null(started.Ended);

        var ops = run.BeforeSend(new[] { "c1", "c2", "c3" }, id => id, "Upload", id => "run-a:Course:" + id);
        Assert.All(Read().Entries, e => Assert.Equal("Pending", e.Outcome));
        ops[0].Outcome = JournalOutcome.Synced;
        ops[1].Outcome = JournalOutcome.Failed;
        ops[2].Outcome = SyncRun.OutcomeOf(new ServiceException("DXP", null, null, "lost") { OutcomeUnknown = true });
        run.Record(ops);
        run.End(ops, o => o.Outcome);
        run.End(ops, o => o.Outcome); // a second end writes nothing

        var read = Read();
        Assert.NotNull(read.Runs.Single().Ended);
        Assert.Equal(new[] { "Failed", "InDoubt", "Synced" }, read.Entries.Select(e => e.Outcome).OrderBy(o => o));
        Assert.Equal(2, File.ReadAllLines(journal.CurrentFile()).Count(l => l.Contains("\"t\":\"run\"")));
    }

    [Fact]
    public void A_stopped_or_lost_send_is_in_doubt_and_a_refusal_is_failed()
    {
        Assert.Equal(JournalOutcome.InDoubt, SyncRun.OutcomeOf(new OperationCanceledException()));
        Assert.Equal(JournalOutcome.Failed, SyncRun.OutcomeOf(new ServiceException("DXP", System.Net.HttpStatusCode.BadRequest, "CV1", "refused")));
        Assert.Equal(JournalOutcome.Failed, SyncRun.OutcomeOf(new InvalidOperationException()));
    }

    private void InDoubtEarlier(string api, string kind, string action, params string[] keys)
    {
        var run = SyncRun.Start(new SyncJournal(_folder), api, kind, keys.Length, "earlier");
        var ops = run.BeforeSend(keys, k => k, action, k => "earlier:" + k);
        foreach (var op in ops) op.Outcome = JournalOutcome.InDoubt;
        run.Record(ops);
        run.End(ops, o => o.Outcome);
    }

    [Fact]
    public void A_compare_settles_in_doubt_sends_by_what_NZQA_now_holds()
    {
        InDoubtEarlier("Nzqa", "Enrolment", "Create", "111", "222", "333");
        var status = new Dictionary<string, DiffStatus> { ["111"] = DiffStatus.Match, ["222"] = DiffStatus.New };

        var settled = InDoubtSettlement.ByCompare(new SyncJournal(_folder), "Enrolment", status);

        Assert.Equal(2, settled.Count);
        var byKey = Read().Entries.ToDictionary(e => e.Key);
        Assert.Equal(("Synced", "Settled"), (byKey["111"].Outcome, byKey["111"].Detail));
        Assert.Equal("Failed", byKey["222"].Outcome);
        Assert.Contains("sync it again", byKey["222"].Errors.Single());
        Assert.Equal("InDoubt", byKey["333"].Outcome); // not in this compare
        Assert.Empty(InDoubtSettlement.ByCompare(new SyncJournal(_folder), "Learner", status));
    }

    [Fact]
    public void An_upload_that_DXP_accepts_again_settles_the_earlier_in_doubt_upload_of_that_localId()
    {
        InDoubtEarlier("Dxp", "Course", "Upload", "c1", "c2");
        InDoubtEarlier("Dxp", "Course", "Delete", "c3");

        var settled = InDoubtSettlement.ByUpload(new SyncJournal(_folder), "Course", "now", new[] { "c1", "c3" });

        Assert.Equal(new[] { "c1" }, settled.Select(s => s.Key));
        var byKey = Read().Entries.ToDictionary(e => e.Key);
        Assert.Equal(("Synced", "Settled"), (byKey["c1"].Outcome, byKey["c1"].Detail));
        Assert.Equal("InDoubt", byKey["c2"].Outcome);
        Assert.Equal("InDoubt", byKey["c3"].Outcome); // a delete is not settled by an upload
    }

    [Fact]
    public void Retention_removes_what_is_older_than_the_days_kept_and_nothing_when_off()
    {
        var old = new SyncJournal(_folder, () => DateTimeOffset.Now.AddDays(-40));
        var run = SyncRun.Start(old, "Nzqa", "Learner", 1, "old");
        run.Record(run.BeforeSend(new[] { "1" }, k => k, "Create", k => "old:" + k));
        run.End(new[] { "Pending" }, o => o);

        Assert.Null(SyncRun.ApplyRetention(new SyncJournal(_folder), 0, DateTimeOffset.Now));
        Assert.NotEmpty(Read().Entries);
        Assert.NotNull(SyncRun.ApplyRetention(new SyncJournal(_folder), 30, DateTimeOffset.Now));
        Assert.Empty(Read().Entries);
    }
}
