using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Security;

/// <summary>Issue #17 items 1, 3 and 8: redirects are not followed, the token request times out, a closed connection forgets the credential.</summary>
public sealed class TransportTests : IDisposable
{
    private const string Password = "Canary-Pa55word!";
    private readonly string _journal = Path.Combine(Path.GetTempPath(), "nzqasync-transport-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_journal)) Directory.Delete(_journal, true);
    }

    private static NetworkCredential Credential()
    {
        var secure = new SecureString();
        foreach (var c in Password) secure.AppendChar(c);
        return new NetworkCredential("machine-257", secure);
    }

    private static ResilienceSettings Quick(TimeSpan? attemptTimeout = null) => new()
    {
        MaxRetryAttempts = 1,
        BaseDelay = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(30),
    };

    private static Task Token(HttpListenerContext c) =>
        LoopbackServer.Json(c, 200, "{\"access_token\":\"tok-canary\",\"token_type\":\"Bearer\",\"expires_in\":1200}");

    [Fact]
    public async Task A_307_from_the_API_is_not_followed_and_the_record_is_journalled_failed_not_synced()
    {
        // The other origin answers as NZQA would: if the module followed the redirect, the record would come back Synced.
        using var elsewhere = new LoopbackServer((c, _) => LoopbackServer.Json(c, 200, "{\"results\":[{\"index\":0,\"outcome\":\"Created\"}]}"));
        using var api = new LoopbackServer((c, _) => c.Request.Url!.AbsolutePath.StartsWith("/esl/")
            ? Token(c)
            : LoopbackServer.Redirect(c, 307, new Uri(elsewhere.Origin, c.Request.Url.AbsolutePath)));
        using var connection = new NzqaConnection(api.Origin, 257, Credential(), new Uri(api.Origin, "esl/oauth2/access_token"), "scope", _journal, Quick());

        var local = new LocalRecord<EnrolmentRecord>(new EnrolmentRecord { Nsn = "123456789", YearLevel = 11, EnrolmentDate = new DateTime(2026, 2, 2) }, null, null);
        var plans = RecordComparer.Compare(EnrolmentArea.Instance, new[] { local }, new List<EnrolmentRecord>()).Select(d => EnrolmentSyncPlanner.Plan(d, 257)).ToList();
        var runner = new SyncRunner(connection.Client.WriteBatchAsync, SyncRun.Start(new SyncJournal(_journal), "Nzqa", "Enrolment", 1, "run-redirect"));

        var results = await runner.RunAsync(plans, CancellationToken.None);

        Assert.Empty(elsewhere.Received);
        var result = Assert.Single(results);
        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        var error = Assert.Single(result.Errors);
        Assert.Contains("307", error);
        Assert.Contains(elsewhere.Origin.GetLeftPart(UriPartial.Authority), error);
        var entry = new SyncJournalReader(_journal).Load().Entries.Single(e => e.Key == "123456789");
        Assert.Equal("Failed", entry.Outcome);
    }

    [Fact]
    public async Task A_redirect_from_the_token_URI_is_not_followed_and_names_where_it_pointed()
    {
        using var elsewhere = new LoopbackServer((c, _) => Token(c));
        using var esl = new LoopbackServer((c, _) => LoopbackServer.Redirect(c, 308, new Uri(elsewhere.Origin, "steal")));
        using var connection = new NzqaConnection(esl.Origin, 257, Credential(), new Uri(esl.Origin, "esl/oauth2/access_token"), "scope", _journal, Quick());

        var error = await Assert.ThrowsAsync<ServiceException>(() => connection.Client.GetProviderAsync(CancellationToken.None));

        Assert.Empty(elsewhere.Received);
        Assert.Equal(HttpStatusCode.PermanentRedirect, error.StatusCode);
        Assert.Contains(new Uri(elsewhere.Origin, "steal").ToString(), error.Message);
        Assert.DoesNotContain(Password, error.ToString());
    }

    [Fact]
    public async Task A_DXP_redirect_is_not_followed()
    {
        using var elsewhere = new LoopbackServer((c, _) => LoopbackServer.Json(c, 200, "[]"));
        using var api = new LoopbackServer((c, _) => c.Request.Url!.AbsolutePath.StartsWith("/esl/")
            ? Token(c)
            : LoopbackServer.Redirect(c, 307, new Uri(elsewhere.Origin, c.Request.Url.AbsolutePath)));
        using var connection = new DxpConnection(api.Origin, 7001, Credential(), new Uri(api.Origin, "esl/oauth2/access_token"), null, _journal, Quick());

        var error = await Assert.ThrowsAsync<ServiceException>(() => connection.GetSubmissionAsync("202604", CancellationToken.None));

        Assert.Empty(elsewhere.Received);
        Assert.Equal("Redirected", error.ErrorCode);
    }

    [Fact]
    public async Task A_token_server_that_accepts_and_never_answers_ends_in_a_timeout_error()
    {
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        _ = Task.Run(async () =>
        {
            try { while (true) held.Add(await silent.AcceptSocketAsync()); }
            catch (Exception) { }
        });
        try
        {
            var origin = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/");
            using var connection = new NzqaConnection(origin, 257, Credential(), new Uri(origin, "esl/oauth2/access_token"), "scope", _journal,
                Quick(TimeSpan.FromMilliseconds(300)));
            // Without a timeout the call would never end: bound the test itself so a regression fails instead of hanging.
            var call = connection.Client.GetProviderAsync(CancellationToken.None);
            var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.Same(call, finished);
            var error = await Assert.ThrowsAsync<ServiceException>(() => call);
            Assert.Equal("ESL", error.Service);
            Assert.Contains("did not answer", error.Message);
        }
        finally
        {
            silent.Stop();
            foreach (var s in held) s.Dispose();
        }
    }

    [Theory]
    [InlineData(typeof(NzqaConnection))]
    [InlineData(typeof(DxpConnection))]
    public void A_disposed_connection_holds_no_credential(Type type)
    {
        var origin = new Uri("http://127.0.0.1:9/");
        IDisposable connection = type == typeof(NzqaConnection)
            ? new NzqaConnection(origin, 257, Credential(), new Uri(origin, "esl"), "scope", _journal)
            : new DxpConnection(origin, 7001, Credential(), new Uri(origin, "esl"), null, _journal);
        Assert.NotEmpty(Secrets(connection));

        connection.Dispose();

        Assert.Empty(Secrets(connection));
    }

    /// <summary>Every PSCredential, NetworkCredential or SecureString reachable from the object's fields (and delegates' targets).</summary>
    private static List<object> Secrets(object root)
    {
        var found = new List<object>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        void Walk(object o, int depth)
        {
            if (o == null || depth > 6 || o is string || o.GetType().IsPrimitive || !seen.Add(o)) return;
            if (o is PSCredential || o is NetworkCredential || o is SecureString) { found.Add(o); return; }
            var ns = o.GetType().Namespace ?? "";
            if (o is Delegate d) { Walk(d.Target, depth + 1); return; }
            if (!ns.StartsWith("NzqaSync", StringComparison.Ordinal) && !o.GetType().Name.Contains("<>")) return;
            for (var t = o.GetType(); t != null; t = t.BaseType)
                foreach (var f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    if (!f.FieldType.IsValueType) Walk(f.GetValue(o), depth + 1);
        }
        Walk(root, 0);
        return found;
    }
}
