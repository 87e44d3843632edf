using System;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>
/// Trial 5, D15: a diff is sent only to the school (and the NZQA) it was compared for; an approval of one school's
/// changes never approves another's.
/// </summary>
public sealed class OtherProviderTests
{
    private static readonly Uri Sandbox = new Uri("http://127.0.0.1:5195/nzqa/v1");

    private static EnrolmentDiff Diff(int? provider, string uri = "http://127.0.0.1:5195/nzqa/v1")
    {
        var local = new EnrolmentRecord { Nsn = "300000001", YearLevel = 10, EnrolmentDate = new DateTime(2026, 2, 3), FirstName = "Kill", LastName = "Test0" };
        var diff = RecordComparer.Compare(EnrolmentArea.Instance, new[] { new LocalRecord<EnrolmentRecord>(local, null, local) }, Array.Empty<EnrolmentRecord>()).First();
        diff.ComparedProvider = provider;
        diff.ComparedBaseUri = provider == null ? null : uri;
        return diff;
    }

    [Fact]
    public void A_diff_compared_for_school_257_may_not_be_sent_on_a_connection_to_311()
    {
        var why = Diff(257).ComparedForOtherConnection(311, Sandbox);
        Assert.NotNull(why);
        Assert.Contains("provider 257", why);
        Assert.Contains("provider 311", why);
        Assert.Null(Diff(257).ComparedForOtherConnection(257, Sandbox));
        // The same provider number on another NZQA (a sandbox diff sent to production) is refused too.
        Assert.Contains("NZQA at", Diff(257).ComparedForOtherConnection(257, new Uri("https://api.nzqa.govt.nz/sms/v1")));
        // A trailing slash is the same address.
        Assert.Null(Diff(257, "http://127.0.0.1:5195/nzqa/v1/").ComparedForOtherConnection(257, Sandbox));
        // Compared with -NzqaRecord: no provider was read, nothing to hold it to.
        Assert.Null(Diff(null).ComparedForOtherConnection(311, Sandbox));
    }

    [Fact]
    public void An_approval_of_school_257s_change_does_not_approve_the_same_change_at_311()
    {
        var at257 = ApprovalFingerprint.Of(Diff(257));
        Assert.NotNull(at257);
        Assert.Equal(at257, ApprovalFingerprint.Of(Diff(257)));
        Assert.NotEqual(at257, ApprovalFingerprint.Of(Diff(311)));

        var file = ApprovalFile.FromDiffs(new RecordDiff[] { Diff(257) }, "Nominee", DateTimeOffset.Now, "test");
        Assert.Equal(257, file.Provider);
        var sentAt311 = SyncPlanner.Plan(Diff(311), 311);
        Assert.StartsWith("Changed since approval", file.Refusal(sentAt311));
        Assert.Null(file.Refusal(SyncPlanner.Plan(Diff(257), 257)));
        // Diffs of two schools in one file: no single provider to name (each entry's fingerprint still holds its own).
        Assert.Null(ApprovalFile.FromDiffs(new RecordDiff[] { Diff(257), Diff(311) }, "Nominee", DateTimeOffset.Now, "test").Provider);
    }
}
