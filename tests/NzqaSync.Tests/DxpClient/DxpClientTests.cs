#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sandbox;
using NzqaSync.Sync;
using NzqaSync.Tests.Dxp;
using Xunit.Abstractions;

namespace NzqaSync.Tests.DxpClientTests;

/// <summary>The DXP client and uploader straight against the sandbox (no PowerShell engine): paths the cmdlets' local checks never let through.</summary>
public sealed class DxpClientTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private SandboxHost _sandbox = null!;
    private DxpConnection _connection = null!;
    private string _journal = null!;

    public DxpClientTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        var provider = _sandbox.Info.Providers.Single(p => p.ProviderNumber == 7001);
        _connection = new DxpConnection(new Uri(_sandbox.Info.DxpBaseUri), 7001, new System.Net.NetworkCredential(provider.MachineAccount, provider.Password),
            new Uri(_sandbox.Info.TokenUri), SandboxState.DxpScope, null, new ResilienceSettings { BaseDelay = TimeSpan.FromMilliseconds(20) });
        _journal = Path.Combine(Path.GetTempPath(), "nzqasync-dxpclient-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        _connection.Dispose();
        await _sandbox.DisposeAsync();
        if (Directory.Exists(_journal)) Directory.Delete(_journal, true);
    }

    private static CourseEnrolmentRecord Enrolment(int i)
    {
        var r = DxpValidatorTests.GoodEnrolment();
        r.LocalId = $"ce-{i:d5}";
        r.StudentIdentificationCode = $"S{i:d7}";
        r.NationalStudentNumber = 100000 + i;
        return DxpRecordNormaliser.Normalise(r);
    }

    private DxpUploader Uploader(string returnId) => new(_connection, SyncRun.Start(new SyncJournal(_journal), "Dxp", "CourseEnrolment", 0), returnId);

    [Fact]
    public async Task A_record_DXP_rejects_comes_back_Rejected_with_TECs_words_and_is_journalled_Failed()
    {
        var good = Enrolment(1);
        var bad = Enrolment(2);
        bad.SourceOfFunding = "99"; // the module's validator would stop this; here it goes to DXP
        var uploader = Uploader("202604");
        var results = await uploader.UploadAsync(new[] { (IReadOnlyList<CourseEnrolmentRecord>)new[] { good, bad } }, CancellationToken.None);

        Assert.Equal(new[] { DxpUploadOutcome.Accepted, DxpUploadOutcome.Rejected }, results.Select(r => r.Outcome));
        Assert.Contains("sourceOfFunding", Assert.Single(results[1].Errors));
        var entries = new SyncJournalReader(_journal).Load().Entries;
        Assert.Equal("Synced", entries.Single(e => e.Key == good.LocalId).Outcome);
        var rejected = entries.Single(e => e.Key == bad.LocalId);
        Assert.Equal("Failed", rejected.Outcome);
        Assert.Equal("Rejected", rejected.Detail);
        Assert.Contains("sourceOfFunding", rejected.Errors.Single());
    }

    [Fact]
    public async Task MP1_stops_the_run_loudly_and_nothing_after_it_is_sent()
    {
        var submission = await _connection.GetSubmissionAsync("202608", CancellationToken.None); // says 500 per request
        Assert.Equal(500, submission.MaxRecordPerBatch);
        _sandbox.State.Dxp.Options.MaxRecordPerBatch = 10; // DXP now allows fewer than the token said
        try
        {
            var batches = new[] { Enumerable.Range(0, 20).Select(Enrolment).ToList(), Enumerable.Range(20, 5).Select(Enrolment).ToList() }
                .Select(b => (IReadOnlyList<CourseEnrolmentRecord>)b).ToList();
            var uploader = Uploader("202608");
            var results = await uploader.UploadAsync(batches, CancellationToken.None);
            Assert.IsType<DxpBatchTooLargeException>(uploader.StoppedBy);
            Assert.Equal(25, results.Count);
            Assert.All(results, r => Assert.Equal(DxpUploadOutcome.Failed, r.Outcome));
            Assert.Contains("MP1", results[0].Errors.Single());
            Assert.StartsWith("Not sent", results[24].Errors.Single());
            Assert.Empty(_sandbox.State.Dxp.Records(submission.SubmissionToken, "course-enrolments"));
        }
        finally
        {
            _sandbox.State.Dxp.Options.MaxRecordPerBatch = 500;
        }
    }

    [Fact]
    public async Task The_contents_url_is_followed_only_on_the_base_uris_origin()
    {
        var submission = await _connection.GetSubmissionAsync("202612", CancellationToken.None);
        Assert.Equal(submission.SubmissionContentsUrl + "/course-enrolments.csv", _connection.Client.ContentsUrl(submission, "course-enrolments").ToString());
        var elsewhere = new DxpSubmission { SubmissionToken = "tok", SubmissionContentsUrl = "https://evil.example.com/contents/tok" };
        Assert.StartsWith(_sandbox.Info.DxpBaseUri.TrimEnd('/') + "/submissions/v1.0/contents/tok/", _connection.Client.ContentsUrl(elsewhere, "course-enrolments").ToString());
    }

    /// <summary>Measures gzip for a full batch of 500 course enrolments: bytes on the wire and time to build + send.</summary>
    [Fact]
    public async Task Gzip_bodies_are_several_times_smaller_and_accepted()
    {
        var records = Enumerable.Range(0, 500).Select(Enrolment).ToList();
        var plain = DxpClient.Serialise("t", records, false);
        var packed = DxpClient.Serialise("t", records, true);
        _output.WriteLine($"500 course enrolments: JSON {plain.Bytes.Length} bytes, gzip {packed.Bytes.Length} bytes ({(double)plain.Bytes.Length / packed.Bytes.Length:0.0}x)");
        Assert.True(packed.Bytes.Length * 5 < plain.Bytes.Length);

        foreach (var gzip in new[] { false, true, false, true })
        {
            _connection.CompressUploads = gzip;
            var watch = Stopwatch.StartNew();
            var results = await Uploader("202603").UploadAsync(new[] { (IReadOnlyList<CourseEnrolmentRecord>)records }, CancellationToken.None);
            _output.WriteLine($"gzip={gzip}: 500 records serialised and uploaded over loopback in {watch.ElapsedMilliseconds} ms");
            Assert.All(results, r => Assert.Equal(DxpUploadOutcome.Accepted, r.Outcome));
        }
    }
}
