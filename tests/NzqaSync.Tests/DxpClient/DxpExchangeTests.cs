#nullable enable
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Faults;
using NzqaSync.Sync;
using NzqaSync.Tests.Dxp;

namespace NzqaSync.Tests.DxpClientTests;

/// <summary>
/// The exact exchange for TEC's support desk: when DXP refuses a record, or a request ends in doubt, the journal keeps
/// that record's request and DXP's answer, redacted (no bearer token, submission token or password).
/// </summary>
public sealed class DxpExchangeTests : IAsyncLifetime
{
    private SandboxHost _sandbox = null!;
    private string _password = null!;
    private string _journal = null!;
    private readonly List<DxpConnection> _connections = new();

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        _password = _sandbox.Info.Providers.Single(p => p.ProviderNumber == 7001).Password;
        _journal = Path.Combine(Path.GetTempPath(), "nzqasync-dxpexchange-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) c.Dispose();
        await _sandbox.DisposeAsync();
        if (Directory.Exists(_journal)) Directory.Delete(_journal, true);
    }

    private DxpConnection Connect(ExchangeKeeping keep, int retries = 6)
    {
        var provider = _sandbox.Info.Providers.Single(p => p.ProviderNumber == 7001);
        var connection = new DxpConnection(new Uri(_sandbox.Info.DxpBaseUri), 7001, new System.Net.NetworkCredential(provider.MachineAccount, provider.Password),
            new Uri(_sandbox.Info.TokenUri), SandboxState.DxpScope, null, new ResilienceSettings { BaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryAttempts = retries })
        {
            KeepExchanges = keep,
        };
        _connections.Add(connection);
        return connection;
    }

    private static CourseEnrolmentRecord Enrolment(string localId, int i)
    {
        var r = DxpValidatorTests.GoodEnrolment();
        r.LocalId = localId;
        r.StudentIdentificationCode = $"S{i:d7}";
        r.NationalStudentNumber = 100000 + i;
        return DxpRecordNormaliser.Normalise(r);
    }

    private async Task<IReadOnlyList<DxpUploadResult>> Upload(DxpConnection connection, string returnId, params CourseEnrolmentRecord[] records) =>
        await new DxpUploader(connection, SyncRun.Start(new SyncJournal(_journal), "Dxp", "CourseEnrolment", records.Length), returnId)
            .UploadAsync(new[] { (IReadOnlyList<CourseEnrolmentRecord>)records }, CancellationToken.None);

    private SyncLogEntry Entry(string key) => new SyncJournalReader(_journal, includeExchange: true).Load().Entries.Single(e => e.Key == key);

    /// <summary>Every secret the run could have leaked: the machine password, every ESL token, every submission token.</summary>
    private void AssertNoSecretInJournal(params DxpConnection[] connections)
    {
        var text = string.Join("\n", Directory.GetFiles(_journal, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains("\"exchange\"", text); // the new path really wrote something
        Assert.DoesNotContain(_password, text);
        foreach (var token in _sandbox.State.Tokens.IssuedValues()) Assert.DoesNotContain(token, text);
        foreach (var c in connections)
            foreach (var returnId in c.OpenReturns)
                Assert.DoesNotContain(c.GetSubmissionAsync(returnId, CancellationToken.None).GetAwaiter().GetResult().SubmissionToken, text);
    }

    [Fact]
    public async Task A_record_DXP_refuses_keeps_its_own_request_and_answer_redacted_and_an_accepted_one_keeps_none()
    {
        var connection = Connect(ExchangeKeeping.Failures);
        var good = Enrolment("ex-good", 1);
        var bad = Enrolment("ex-bad", 2);
        bad.SourceOfFunding = "99"; // the module's validator would stop this; here it goes to DXP
        var results = await Upload(connection, "202604", good, bad);
        Assert.Equal(new[] { DxpUploadOutcome.Accepted, DxpUploadOutcome.Rejected }, results.Select(r => r.Outcome));

        Assert.Null(Entry(good.LocalId).Exchange);
        var refused = Entry(bad.LocalId);
        Assert.Equal("Failed", refused.Outcome);
        var exchange = refused.Exchange!;
        Assert.Equal("PUT", exchange.Method);
        Assert.EndsWith("/submissions/v1.0/course-enrolments", exchange.Uri);
        Assert.Equal("Bearer [redacted]", exchange.RequestHeaders["Authorization"]);
        Assert.Equal(200, exchange.StatusCode);
        // Only this record's item of the batch, and DXP's result for it, in TEC's words.
        Assert.Contains("\"localId\": \"ex-bad\"", exchange.RequestBody);
        Assert.Contains("\"sourceOfFunding\": \"99\"", exchange.RequestBody);
        Assert.DoesNotContain("ex-good", exchange.RequestBody);
        Assert.Contains("\"submissionToken\": \"[redacted]\"", exchange.RequestBody);
        Assert.Contains("ex-bad", exchange.ResponseBody);
        Assert.Contains("sourceOfFunding", exchange.ResponseBody);
        Assert.DoesNotContain("ex-good", exchange.ResponseBody);
        Assert.Contains("item 2 of the 2", exchange.Note);
        Assert.Contains("sourceOfFunding", exchange.ToString());
        AssertNoSecretInJournal(connection);
    }

    [Fact]
    public async Task KeepExchanges_All_keeps_an_accepted_records_exchange_and_None_keeps_not_even_a_refused_ones()
    {
        var all = Connect(ExchangeKeeping.All);
        var accepted = Enrolment("all-good", 3);
        Assert.Equal(DxpUploadOutcome.Accepted, Assert.Single(await Upload(all, "202603", accepted)).Outcome);
        var kept = Entry(accepted.LocalId).Exchange!;
        Assert.Contains("all-good", kept.RequestBody);
        Assert.Null(kept.Note); // a batch of one: the request as it was

        var none = Connect(ExchangeKeeping.None);
        var refused = Enrolment("none-bad", 4);
        refused.SourceOfFunding = "99";
        Assert.Equal(DxpUploadOutcome.Rejected, Assert.Single(await Upload(none, "202603", refused)).Outcome);
        Assert.Equal("Failed", Entry(refused.LocalId).Outcome);
        Assert.Null(Entry(refused.LocalId).Exchange);
        AssertNoSecretInJournal(all, none);
    }

    [Fact]
    public async Task A_delete_DXP_refuses_keeps_its_exchange()
    {
        var connection = Connect(ExchangeKeeping.Failures);
        await Upload(connection, "202608", Enrolment("del-1", 5));
        var results = await DxpRemover.RemoveAsync(connection, SyncRun.Start(new SyncJournal(_journal), "Dxp", "CourseEnrolment", 2), "202608", "course-enrolments",
            new[] { "del-1", "no-such-id" }, new ConcurrentQueue<string>(), CancellationToken.None);
        Assert.Equal(new[] { DxpRemoveOutcome.Removed, DxpRemoveOutcome.Rejected }, results.Select(r => r.Outcome));

        var entries = new SyncJournalReader(_journal, includeExchange: true).Load().Entries.Where(e => e.Action == "Delete").ToList();
        Assert.Null(entries.Single(e => e.Key == "del-1").Exchange);
        var exchange = entries.Single(e => e.Key == "no-such-id").Exchange!;
        Assert.Equal("POST", exchange.Method);
        Assert.EndsWith("/course-enrolments/delete", exchange.Uri);
        Assert.Contains("\"localId\": \"no-such-id\"", exchange.RequestBody);
        Assert.DoesNotContain("del-1", exchange.RequestBody);
        Assert.Contains("no record with localId 'no-such-id'", exchange.ResponseBody);
        AssertNoSecretInJournal(connection);
    }

    [Fact]
    public async Task An_upload_whose_answer_never_came_is_InDoubt_and_keeps_the_request_and_why()
    {
        var connection = Connect(ExchangeKeeping.Failures, retries: 1);
        await connection.GetSubmissionAsync("202612", CancellationToken.None); // the token before the faults start
        _sandbox.State.Faults.Set(new FaultSettings { DropAfterCommitFraction = 1.0 });
        try
        {
            var record = Enrolment("doubt-1", 6);
            var result = Assert.Single(await Upload(connection, "202612", record));
            Assert.Equal(DxpUploadOutcome.Failed, result.Outcome);
            var entry = Entry(record.LocalId);
            Assert.Equal("InDoubt", entry.Outcome);
            var exchange = entry.Exchange!;
            Assert.Equal("PUT", exchange.Method);
            Assert.Null(exchange.StatusCode);
            Assert.Contains("no answer", exchange.Note);
            Assert.Contains("doubt-1", exchange.RequestBody);
            Assert.Contains("\"submissionToken\": \"[redacted]\"", exchange.RequestBody);
        }
        finally
        {
            _sandbox.State.Faults.Reset();
        }
        AssertNoSecretInJournal(connection);
    }
}
