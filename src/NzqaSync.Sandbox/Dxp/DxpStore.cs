#nullable enable
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace NzqaSync.Sandbox.Dxp;

/// <summary>Knobs of the emulated DXP (tests change them on <see cref="DxpStore.Options"/> before calling).</summary>
public sealed class DxpSandboxOptions
{
    /// <summary>How long a submission token lives (tokenExpiry). Default 60 minutes.</summary>
    public TimeSpan SubmissionTokenLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Records per upload request, counted across the content (more gives MP1). Default 500.</summary>
    public int MaxRecordPerBatch { get; set; } = 500;

    /// <summary>An artificial delay inside each upload/delete while the EID + dataset is marked busy, so races are testable.</summary>
    public TimeSpan ProcessingDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long a validation run stays Queued, then InProgress, before it is Processed. Default 2 s each.</summary>
    public TimeSpan ValidationStepDuration { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>One return (reporting period) a provider can submit to.</summary>
public sealed record DxpReturnInfo(int Edumis, string ReturnId, int ReturnYear, int ReturnMonth, DateTimeOffset OpenWindowDate,
    DateTimeOffset CloseWindowDate, string ReturnType);

/// <summary>One validation run of a submission.</summary>
public sealed class DxpValidationRunState
{
    public string ValidationRunId { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public bool Cancelled { get; set; }
    /// <summary>Issues found, computed over the records as they were when the run was requested.</summary>
    public List<DxpValidationIssue> Issues { get; init; } = new();
}

/// <summary>A validation result item, as GET validation/results returns it.</summary>
public sealed record DxpValidationIssue(string LocalId, string ErrorCode, string ErrorDescription, string ErrorType, string FileType,
    string? CourseCode, string? StudentId, string RecordText);

/// <summary>A provider's submission to one return: its token, status, records per content type and validation runs.</summary>
public sealed class DxpSubmissionState
{
    public string Id { get; init; } = "";
    public int Edumis { get; init; }
    public DxpReturnInfo Return { get; init; } = null!;
    public string? Token { get; set; }
    public DateTimeOffset TokenExpiry { get; set; }
    public bool IsReset { get; set; }
    /// <summary>dataset → localId → record as stored (dates in UTC); insertion-ordered, a replaced record keeps its place.</summary>
    public Dictionary<string, OrderedDictionary<string, JsonObject>> Records { get; } = new(StringComparer.Ordinal);
    public List<DxpValidationRunState> Runs { get; } = new();

    public OrderedDictionary<string, JsonObject> Content(string dataset)
    {
        if (!Records.TryGetValue(dataset, out var c)) Records[dataset] = c = new OrderedDictionary<string, JsonObject>(StringComparer.Ordinal);
        return c;
    }
}

/// <summary>What the emulated TEC DXP holds: returns, submissions and their uploaded records.</summary>
public sealed class DxpStore
{
    private readonly SandboxState _state;
    private readonly object _gate = new();
    private readonly List<DxpSubmissionState> _submissions = new();
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);

    public DxpStore(SandboxState state) => _state = state;

    public DxpSandboxOptions Options { get; } = new();

    /// <summary>The clock the store reads (tests may move it).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>
    /// 2026's returns for a tertiary provider, per TEC's windows (NZ dates): IND 1–6 March (Indicative), April SDR
    /// 17–29 April, August SDR 8–21 August, December SDR 1–31 January 2027 (Full). Schools have none.
    /// </summary>
    public IReadOnlyList<DxpReturnInfo> Returns(int edumis)
    {
        if (!_state.Providers.Any(p => p.ProviderNumber == edumis && p.Kind == "Tertiary")) return Array.Empty<DxpReturnInfo>();
        DxpReturnInfo R(int month, string type, (int y, int m, int d) open, (int y, int m, int d) close) =>
            new(edumis, $"2026{month:00}", 2026, month, DxpRules.NzMidnight(open.y, open.m, open.d),
                DxpRules.NzMidnight(close.y, close.m, close.d).AddDays(1).AddSeconds(-1), type);
        return new[]
        {
            R(3, "Indicative", (2026, 3, 1), (2026, 3, 6)),
            R(4, "Full", (2026, 4, 17), (2026, 4, 29)),
            R(8, "Full", (2026, 8, 8), (2026, 8, 21)),
            R(12, "Full", (2027, 1, 1), (2027, 1, 31)),
        };
    }

    /// <summary>Upcoming, Open or Closed by the store's clock.</summary>
    public string ReturnStatus(DxpReturnInfo r)
    {
        var now = Clock();
        return now < r.OpenWindowDate ? "Upcoming" : now > r.CloseWindowDate ? "Closed" : "Open";
    }

    /// <summary>
    /// The submission for this provider and return with a live token: the same token while it is valid; after it
    /// expires a new token for the same submission (records kept); after a reset a new, empty submission.
    /// </summary>
    public DxpSubmissionState OpenSubmission(int edumis, DxpReturnInfo ret)
    {
        lock (_gate)
        {
            var now = Clock();
            var sub = _submissions.LastOrDefault(s => s.Edumis == edumis && s.Return.ReturnId == ret.ReturnId && !s.IsReset);
            if (sub == null)
            {
                sub = new DxpSubmissionState { Id = Guid.NewGuid().ToString("N"), Edumis = edumis, Return = ret };
                _submissions.Add(sub);
            }
            if (sub.Token == null || sub.TokenExpiry <= now)
            {
                sub.Token = NewToken();
                sub.TokenExpiry = now + Options.SubmissionTokenLifetime;
            }
            return sub;
        }
    }

    /// <summary>The submission a live token for this EID opens; null when unknown, expired, reset or another EID's (SC1).</summary>
    public DxpSubmissionState? FindByToken(int edumis, string? token)
    {
        if (string.IsNullOrEmpty(token)) return null;
        lock (_gate)
            return _submissions.FirstOrDefault(s => s.Token == token && s.Edumis == edumis && !s.IsReset && s.TokenExpiry > Clock());
    }

    /// <summary>The submission holding <paramref name="token"/> regardless of expiry (for test assertions).</summary>
    public DxpSubmissionState? FindAnyByToken(string token)
    {
        lock (_gate) return _submissions.FirstOrDefault(s => s.Token == token);
    }

    /// <summary>Ends every submission token now (the next call with one gives SC1; asking for a token gives a new one).</summary>
    public void ExpireSubmissionTokens()
    {
        lock (_gate)
            foreach (var s in _submissions) s.TokenExpiry = Clock().AddSeconds(-1);
    }

    /// <summary>The records a submission holds for one content type, in upload order (test API).</summary>
    public IReadOnlyList<JsonObject> Records(string submissionToken, string dataset)
    {
        lock (_gate)
        {
            var sub = _submissions.FirstOrDefault(s => s.Token == submissionToken);
            return sub == null || !sub.Records.TryGetValue(dataset, out var c) ? Array.Empty<JsonObject>() : c.Values.Select(v => (JsonObject)v.DeepClone()).ToList();
        }
    }

    /// <summary>Marks EID + dataset busy; false when another upload or delete holds it (429 DS1).</summary>
    public bool TryBeginRequest(int edumis, string dataset) => _inFlight.TryAdd($"{edumis}|{dataset}", 0);

    /// <summary>How many uploads/deletes hold an EID + dataset now (lets a test start a race at a known moment).</summary>
    public int RequestsInFlight => _inFlight.Count;

    public void EndRequest(int edumis, string dataset) => _inFlight.TryRemove($"{edumis}|{dataset}", out _);

    /// <summary>Runs <paramref name="action"/> under the store's lock (records and runs are not thread-safe on their own).</summary>
    public T Locked<T>(Func<T> action)
    {
        lock (_gate) return action();
    }

    /// <summary>Queued → InProgress → Processed by time since the request; Cancelled after a reset.</summary>
    public string RunStatus(DxpValidationRunState run)
    {
        if (run.Cancelled) return "Cancelled";
        var elapsed = Clock() - run.RequestedAt;
        return elapsed < Options.ValidationStepDuration ? "Queued" : elapsed < Options.ValidationStepDuration * 2 ? "InProgress" : "Processed";
    }

    /// <summary>Pending, Validating, Validated (last run Processed with no errors) or Cancelled (reset).</summary>
    public string SubmissionStatus(DxpSubmissionState sub)
    {
        if (sub.IsReset) return "Cancelled";
        var run = sub.Runs.LastOrDefault();
        if (run == null || run.Cancelled) return "Pending";
        var status = RunStatus(run);
        if (status != "Processed") return "Validating";
        return run.Issues.Any(i => i.ErrorType == "Error") ? "Pending" : "Validated";
    }

    /// <summary>Starts a validation run over the records as they are now.</summary>
    public DxpValidationRunState StartValidation(DxpSubmissionState sub)
    {
        lock (_gate)
        {
            var issues = new List<DxpValidationIssue>();
            foreach (var (dataset, content) in sub.Records)
            {
                var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (localId, record) in content)
                {
                    string? Text(string n) => record[n]?.GetValue<string>();
                    DxpValidationIssue Issue(DxpIssue i) => new(localId, i.ErrorCode, i.Description, i.ErrorType, DxpRules.FileType(dataset),
                        Text("courseCode"), Text("studentIdentificationCode"), DxpRules.CsvRow(dataset, record));
                    var key = DxpRules.NaturalKey(dataset, record);
                    if (keys.TryGetValue(key, out var firstId))
                        issues.Add(Issue(new DxpIssue("DUP01", "Error", $"The record repeats the {DxpRules.NaturalKeyWords(dataset)} of localId '{firstId}'.")));
                    else keys[key] = localId;
                    issues.AddRange(DxpRules.Warnings(dataset, record, sub.Return.ReturnYear).Select(Issue));
                }
            }
            foreach (var (dataset, localId, record, issue) in DxpRules.CrossCollection(sub.Records))
                issues.Add(new DxpValidationIssue(localId, issue.ErrorCode, issue.Description, issue.ErrorType, DxpRules.FileType(dataset),
                    record["courseCode"]?.GetValue<string>(), record["studentIdentificationCode"]?.GetValue<string>(), DxpRules.CsvRow(dataset, record)));
            var run = new DxpValidationRunState { ValidationRunId = Guid.NewGuid().ToString("N"), RequestedAt = Clock(), Issues = issues };
            sub.Runs.Add(run);
            return run;
        }
    }

    /// <summary>POST reset: drops the token and the records, cancels a running validation.</summary>
    public void Reset(DxpSubmissionState sub)
    {
        lock (_gate)
        {
            foreach (var run in sub.Runs.Where(r => RunStatus(r) != "Processed")) run.Cancelled = true;
            sub.IsReset = true;
            sub.Token = null;
            sub.Records.Clear();
        }
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
