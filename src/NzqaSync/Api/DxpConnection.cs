using System.Collections.Concurrent;
using System.Net;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Api;

/// <summary>
/// A connection to TEC's DXP provider-based (SDR) API for one EDUMIS (the shared core in <see cref="ServiceConnection"/>,
/// DXP scope) with what only DXP needs: the submission tokens per return, and one upload gate per dataset (DXP allows
/// one upload or delete at a time per EID + dataset). Thread-safe.
/// </summary>
public sealed class DxpConnection : ServiceConnection
{
    /// <summary>TEC's production scope [fact].</summary>
    public const string DefaultScope = "https://web.prd.dxs.pub.tec.govt.nz";

    /// <summary>A cached submission token is renewed when it has less than this left.</summary>
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, DxpSubmission> _submissions = new ConcurrentDictionary<string, DxpSubmission>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _submissionGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _uploadGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);

    public DxpConnection(Uri baseUri, int edumis, NetworkCredential credential, Uri tokenUri, string scope, string journalPath, ResilienceSettings resilience = null)
        : base("DXP", baseUri, edumis, credential, tokenUri, string.IsNullOrEmpty(scope) ? DefaultScope : scope, journalPath, resilience)
    {
        Edumis = edumis;
        Client = new DxpClient(Sender, baseUri);
    }

    /// <summary>The EDUMIS (organisation) number: the EID header and the ESL org_id.</summary>
    public int Edumis { get; }

    /// <summary>Send upload and delete bodies gzip-compressed (Content-Encoding: gzip; DXP accepts it, GM1 if unreadable). On by default.</summary>
    public bool CompressUploads { get; set; } = true;

    /// <summary>
    /// Journal entries older than this many days are removed after each sync, upload or delete (0 keeps everything
    /// until Clear-NzqaSyncLog). The journal holds student ids, localIds and TEC's messages: keep them no longer than needed.
    /// </summary>
    public int JournalRetentionDays
    {
        get => _journalRetentionDays;
        set => _journalRetentionDays = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Days to keep the journal: 0 (keep) or more.");
    }

    private volatile int _journalRetentionDays = NzqaConnection.DefaultJournalRetentionDays;

    /// <summary>
    /// Which records' redacted HTTP exchanges the journal keeps: Failures (refused and in-doubt, the default),
    /// All, or None. Read back with Get-NzqaSyncLog -IncludeExchange.
    /// </summary>
    public ExchangeKeeping KeepExchanges { get; set; } = ExchangeKeeping.Failures;

    /// <summary>Returns whose submission token this connection holds (for display).</summary>
    public string[] OpenReturns => _submissions.Keys.ToArraySafe();

    internal DxpClient Client { get; }

    /// <summary>
    /// The submission for <paramref name="returnId"/>: the cached token while it has more than a minute left, else a
    /// new one from <c>POST token/{returnId}</c>. <paramref name="rejectedToken"/> (a token DXP answered SC* to) is never
    /// handed out again; concurrent callers share one request.
    /// </summary>
    public async Task<DxpSubmission> GetSubmissionAsync(string returnId, CancellationToken cancellationToken, string rejectedToken = null, bool renew = false)
    {
        if (string.IsNullOrWhiteSpace(returnId)) throw new ArgumentException("A returnId is required, like 202604.", nameof(returnId));
        if (!renew && Usable(returnId, rejectedToken, out var cached)) return cached;
        var gate = _submissionGates.GetOrAdd(returnId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!renew && Usable(returnId, rejectedToken, out cached)) return cached;
            if (renew && rejectedToken == null && _submissions.TryGetValue(returnId, out var old)) rejectedToken = old.SubmissionToken;
            var fresh = await Client.RequestSubmissionAsync(returnId, cancellationToken).ConfigureAwait(false);
            if (fresh == null || string.IsNullOrEmpty(fresh.SubmissionToken))
                throw new ServiceException("DXP", HttpStatusCode.OK, "NoSubmissionToken", $"POST token/{returnId} answered without a submission token.");
            if (fresh.MaxRecordPerBatch < 1)
                throw new ServiceException("DXP", HttpStatusCode.OK, "NoMaxRecordPerBatch", $"POST token/{returnId} answered maxRecordPerBatch {fresh.MaxRecordPerBatch}.");
            _submissions[returnId] = fresh;
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Remembers a submission the user passed in (e.g. from Get-DxpSubmission) unless a newer one is held.</summary>
    public void Remember(DxpSubmission submission)
    {
        if (submission?.ReturnId == null || string.IsNullOrEmpty(submission.SubmissionToken)) return;
        if (submission.TokenExpiry.HasValue && submission.TokenExpiry.Value - RenewBefore <= DateTimeOffset.UtcNow) return;
        _submissions.AddOrUpdate(submission.ReturnId, submission, (_, held) =>
            held.TokenExpiry.HasValue && submission.TokenExpiry.HasValue && held.TokenExpiry > submission.TokenExpiry ? held : submission);
    }

    /// <summary>Forgets the token held for a return (after a reset).</summary>
    public void Forget(string returnId)
    {
        if (returnId != null) _submissions.TryRemove(returnId, out _);
    }

    /// <summary>One request at a time per EID + dataset: the gate uploads and deletes of <paramref name="dataset"/> wait on.</summary>
    internal SemaphoreSlim UploadGate(string dataset) => _uploadGates.GetOrAdd(dataset, _ => new SemaphoreSlim(1, 1));

    private bool Usable(string returnId, string rejectedToken, out DxpSubmission submission)
    {
        if (_submissions.TryGetValue(returnId, out submission)
            && !string.Equals(submission.SubmissionToken, rejectedToken, StringComparison.Ordinal)
            && (!submission.TokenExpiry.HasValue || submission.TokenExpiry.Value - RenewBefore > DateTimeOffset.UtcNow))
            return true;
        submission = null;
        return false;
    }

    private protected override void OnClosing() => _submissions.Clear();

    public override string ToString() => $"DXP {BaseUri} EDUMIS {Edumis}";
}

internal static class ConcurrentKeys
{
    public static string[] ToArraySafe(this System.Collections.Generic.ICollection<string> keys)
    {
        var list = new System.Collections.Generic.List<string>(keys);
        list.Sort(StringComparer.Ordinal);
        return list.ToArray();
    }
}
