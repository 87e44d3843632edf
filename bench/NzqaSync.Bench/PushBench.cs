using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Sandbox;
using NzqaSync.Sandbox.Faults;

namespace NzqaSync.Bench;

/// <summary>Parts (2) and (3): pushes to NZQA through Sync-NzqaStandard, and to DXP over HTTP, against the sandbox with injected latency.</summary>
public static class PushBench
{
    public const int LatencyMs = 20;
    public const int NzqaRateLimit = 20;
    public const int LoopSample = 300;

    public static async Task NzqaAsync(int n)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Students = Math.Max(3000, n * 26 / 10), Seed = 42, Today = Program.Today });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        var journal = Path.Combine(Path.GetTempPath(), "nzqasync-bench-push-" + Guid.NewGuid().ToString("N"));
        using var engine = new Engine();
        engine.Set("nzqaUri", sandbox.Info.NzqaBaseUri);
        engine.Set("cred", Engine.Credential(school.MachineAccount, school.Password));
        engine.Set("journal", journal);
        engine.Set("target", (n + LoopSample) * 115 / 100);
        engine.Run("$ProgressPreference = 'SilentlyContinue'; " + Scripts.Connect);
        // Changed results: NZQA's own entries of internal and external achievement standards, each with the next grade.
        var (planned, _) = engine.Run(@"
            $types = @{}; foreach ($d in Get-NzqaStandardDefinition) { $types[$d.Number] = $d.Type }
            $grades = 'N', 'A', 'M', 'E'
            $local = [System.Collections.Generic.List[object]]::new()
            foreach ($e in Get-NzqaStandard -AcademicYear 2026) {
                if ($local.Count -ge $target) { break }
                if ($e.Status -ne 'Entered' -or $types[$e.StandardNumber] -ne 'A' -or -not $e.Result) { continue }
                if ($e.ResultProviderCode -and $e.ResultProviderCode -ne 257) { continue }
                $next = $grades[([array]::IndexOf($grades, $e.Result) + 1) % 4]
                $r = [NzqaSync.Domain.StandardRecord]@{ Nsn = $e.Nsn; StandardNumber = $e.StandardNumber; StandardVersion = $e.StandardVersion
                    AcademicYear = $e.AcademicYear; Result = $next; ResultProviderCode = $e.ResultProviderCode; Status = 'Entered' }
                if ($e.EntryMethod) { $r.EntryMethod = $e.EntryMethod }   # a $null string property would become ''
                $local.Add($r)
            }
            $diffs = @($local | Compare-NzqaStandard -AcademicYear 2026 -ErrorAction SilentlyContinue | Where-Object Status -eq 'Different')
            $batch = $diffs[0..([Math]::Min($diffs.Count - " + LoopSample + @", " + n + @") - 1)]
            $sample = $diffs[($diffs.Count - " + LoopSample + @")..($diffs.Count - 1)]
            $batch.Count; $sample.Count; $local.Count; @($local | Compare-NzqaStandard -AcademicYear 2026 -ErrorAction SilentlyContinue | Where-Object Status -eq 'Invalid' | ForEach-Object { $_.Problems[0].Message })[0]");
        Console.Error.WriteLine("  NZQA push plan: " + string.Join(" / ", planned));
        var count = (int)planned[0].BaseObject;
        var sampleCount = (int)planned[1].BaseObject;

        sandbox.State.Faults.Set(new FaultSettings { LatencyMs = LatencyMs, RateLimitPerSecond = NzqaRateLimit });
        var rtt = MedianMs(20, () => engine.Run("Test-NzqaConnection | Out-Null").Elapsed.TotalMilliseconds);
        await Task.Delay(1100);
        var writesBefore = sandbox.State.Nzqa.WriteCount;
        var injectedBefore = sandbox.State.Faults.InjectedCount;
        var (synced, batchedTime) = engine.Run("$r = @($batch | Sync-NzqaStandard -ErrorAction SilentlyContinue); @($r | Where-Object Outcome -eq 'Synced').Count");
        var batchedCalls = sandbox.State.Nzqa.WriteCount - writesBefore;
        var batched429 = sandbox.State.Faults.InjectedCount - injectedBefore;
        await Task.Delay(1100);
        injectedBefore = sandbox.State.Faults.InjectedCount;
        var (loopSynced, loopTime) = engine.Run("$r = @($sample | Sync-NzqaStandard -BatchSize 1 -ThrottleLimit 1 -ErrorAction SilentlyContinue); @($r | Where-Object Outcome -eq 'Synced').Count");
        var loop429 = sandbox.State.Faults.InjectedCount - injectedBefore;
        sandbox.State.Faults.Reset();

        var calls = (int)Math.Ceiling(count / 100.0);
        // Fixed one-second windows: R calls fit in each, the last window's calls finish one round-trip after it opens.
        var idealS = Math.Max(calls * rtt / 1000 / 4, (Math.Ceiling(calls / (double)NzqaRateLimit) - 1) + rtt / 1000);
        var batchedRate = count / batchedTime.TotalSeconds;
        var loopRate = sampleCount / loopTime.TotalSeconds;
        var idealRate = count / idealS;
        Program.Line("## (2) Push to NZQA: changed results through Sync-NzqaStandard");
        Program.Line();
        Program.Line($"{count:N0} Different standard results (grade changed) from `Compare-NzqaStandard`, piped to `Sync-NzqaStandard` (batches of 100, ThrottleLimit 4, " +
                     $"journal on) against the sandbox with {LatencyMs} ms injected latency and its rate limit at {NzqaRateLimit} calls/s per provider (429 + Retry-After: 1 beyond). " +
                     $"The per-record loop is `Sync-NzqaStandard -BatchSize 1 -ThrottleLimit 1` (one record per request, one at a time) over {sampleCount} other changed records. " +
                     $"Ideal = max((ceil(calls ÷ {NzqaRateLimit}) − 1) s + one round-trip, calls × round-trip ÷ 4 in flight), calls = ceil(N/100) = {idealS:0.00} s; round-trip = median `Test-NzqaConnection` = {rtt:0.0} ms.");
        Program.Line();
        Program.Table(new[] { "way", "records", "synced", "time s", "records/s", "vs ideal", "requests", "429s met" }, new[]
        {
            new[] { "Sync-NzqaStandard (batched)", count.ToString("N0"), ((int)synced[0].BaseObject).ToString("N0"), Program.S(batchedTime.TotalMilliseconds), Program.F(batchedRate), Program.X(batchedTime.TotalSeconds / idealS), batchedCalls.ToString("N0"), batched429.ToString() },
            new[] { "per-record loop", sampleCount.ToString("N0"), ((int)loopSynced[0].BaseObject).ToString("N0"), Program.S(loopTime.TotalMilliseconds), Program.F(loopRate), Program.X(idealRate / loopRate), sampleCount.ToString("N0"), loop429.ToString() },
            new[] { "ideal", count.ToString("N0"), "", Program.S(idealS * 1000), Program.F(idealRate), "1.0×", calls.ToString("N0"), "0" },
        });
        Program.Line($"**Batched vs per-record loop: {Program.X(batchedRate / loopRate)}** (target ≥ 50×: {(batchedRate / loopRate >= 50 ? "met" : "MISSED")}); " +
                     $"**batched vs ideal: {Program.X(batchedTime.TotalSeconds / idealS)}** (target ≤ 1.3×: {(batchedTime.TotalSeconds / idealS <= 1.3 ? "met" : "MISSED")}).");
        Program.Line();
        try { Directory.Delete(journal, true); } catch (IOException) { }
    }

    public static async Task DxpAsync(int n)
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Students = 300, Seed = 42, Today = Program.Today });
        using var http = new HttpClient();
        var dxp = new DxpClient(http, sandbox);
        await dxp.ConnectAsync();
        var max = dxp.MaxRecordPerBatch;
        var records = Enumerable.Range(0, n).Select(CourseEnrolment).ToArray();
        sandbox.State.Faults.Set(new FaultSettings { LatencyMs = LatencyMs });

        // Round trip: a one-record upload (latency + HTTP + the smallest server work).
        var one = dxp.Serialise(records.Take(1).ToArray(), gzip: false);
        for (var i = 0; i < 3; i++) await dxp.PutAsync(one, false);
        var rtt = MedianMs(20, () => { var sw = Stopwatch.StartNew(); dxp.PutAsync(one, false).GetAwaiter().GetResult(); return sw.Elapsed.TotalMilliseconds; });

        // Per-record loop over a sample.
        var loop = Stopwatch.StartNew();
        var loopErrors = 0;
        foreach (var r in records.Take(LoopSample)) loopErrors += await dxp.PutAsync(dxp.Serialise(new[] { r }, false), false);
        loop.Stop();

        var batches = records.Chunk(max).ToArray();
        // Server time for one full batch with the body ready: the floor of any client.
        var full = dxp.Serialise(batches[0], false);
        await dxp.PutAsync(full, false);
        var fullRtt = MedianMs(5, () => { var sw = Stopwatch.StartNew(); dxp.PutAsync(full, false).GetAwaiter().GetResult(); return sw.Elapsed.TotalMilliseconds; });

        var rows = new List<string[]>();
        var idealS = batches.Length * rtt / 1000;
        var loopRate = LoopSample / loop.Elapsed.TotalSeconds;
        rows.Add(new[] { "per-record loop (sample)", LoopSample.ToString("N0"), LoopSample.ToString("N0"), Program.S(loop.Elapsed.TotalMilliseconds), Program.F(loopRate), Program.X(n / loopRate / idealS), "—", loopErrors.ToString() });
        var results = new Dictionary<string, double>();
        foreach (var (name, overlap, gzip) in new[] { ("batched, serialise then send", false, false), ("batched, next batch serialised during the current request", true, false), ("batched, overlapped + gzip", true, true) })
        {
            var (time, errors, bytes) = await dxp.UploadAllAsync(batches, overlap, gzip);
            results[name] = time.TotalSeconds;
            rows.Add(new[] { name, n.ToString("N0"), batches.Length.ToString("N0"), Program.S(time.TotalMilliseconds), Program.F(n / time.TotalSeconds), Program.X(time.TotalSeconds / idealS), Program.F(bytes / 1024.0 / 1024.0, "0.0"), errors.ToString() });
        }
        rows.Add(new[] { "ideal: ceil(N/max) × round-trip", n.ToString("N0"), batches.Length.ToString("N0"), Program.S(idealS * 1000), Program.F(n / idealS), "1.0×", "—", "" });
        rows.Add(new[] { "floor with the server's own work: batches × full-batch round-trip", n.ToString("N0"), batches.Length.ToString("N0"), Program.S(batches.Length * fullRtt), Program.F(n / (batches.Length * fullRtt / 1000)), Program.X(batches.Length * fullRtt / 1000 / idealS), "—", "" });
        var stored = sandbox.State.Dxp.Records(dxp.SubmissionToken, "course-enrolments").Count();
        var moduleLine = ModuleDxpSend(sandbox, records, idealS, loopRate);
        sandbox.State.Faults.Reset();

        Program.Line("## (3) Push to TEC DXP: course enrolments");
        Program.Line();
        Program.Line($"{n:N0} course enrolments `PUT course-enrolments` to the sandbox (EDUMIS 7001, return 202604) with {LatencyMs} ms injected latency, maxRecordPerBatch {max}, " +
                     "one request at a time (DXP allows one upload per EID and dataset in flight: 429 DS1). Measured with HttpClient directly (Newtonsoft serialisation, " +
                     $"as the module uses). Round-trip = median one-record upload = {rtt:0.0} ms; a full {max}-record batch with its body ready = {fullRtt:0.0} ms. " +
                     $"The sandbox stored {stored:N0} distinct records (re-uploads replace by localId).");
        Program.Line();
        Program.Table(new[] { "way", "records", "requests", "time s", "records/s", "vs ideal", "body MB", "records with errors" }, rows);
        var best = results.Values.Min();
        Program.Line($"**Best batched vs per-record loop: {Program.X(n / best / loopRate)}** (target ≥ 50×: {(n / best / loopRate >= 50 ? "met" : "MISSED")}); " +
                     $"**best batched vs ideal: {Program.X(best / idealS)}** (target ≤ 1.3×: {(best / idealS <= 1.3 ? "met" : "MISSED")}).");
        Program.Line();
        Program.Line("Send-DxpCourseEnrolment (the module's cmdlet, same records, same latency, from typed records): " + moduleLine);
        Program.Line();
    }

    /// <summary>
    /// The module's own DXP upload: the same records as typed CourseEnrolmentRecords (read from a CSV by
    /// Import-NzqaRecord, not timed), then `$records | Send-DxpCourseEnrolment` timed end to end: local validation,
    /// batching by maxRecordPerBatch, one request at a time for the dataset, gzip, the journal before and after each batch.
    /// </summary>
    private static string ModuleDxpSend(SandboxHost sandbox, JObject[] records, double idealS, double loopRate)
    {
        var work = Directory.CreateTempSubdirectory("nzqasync-bench-dxp-").FullName;
        var csv = Path.Combine(work, "course-enrolments.csv");
        var fields = records[0].Properties().Select(p => p.Name).ToArray();
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine(string.Join(",", fields));
            foreach (var r in records)
                writer.WriteLine(string.Join(",", fields.Select(f => r[f] is JArray a ? string.Join(";", a.Select(x => x.ToString())) : "\"" + r[f] + "\"")).Replace("ce-bench-", "ce-module-"));
        }
        var tertiary = sandbox.Info.Providers.Single(p => p.Kind == "Tertiary");
        using var engine = new Engine();
        if (!(engine.Run("@(Get-Command Send-DxpCourseEnrolment -ErrorAction SilentlyContinue).Count").Output[0].BaseObject is int c && c > 0))
            return "not measured: cmdlet not present.";
        var secure = new System.Security.SecureString();
        foreach (var ch in tertiary.Password) secure.AppendChar(ch);
        engine.Set("cred", new System.Management.Automation.PSCredential(tertiary.MachineAccount, secure));
        engine.Set("dxp", sandbox.Info.DxpBaseUri);
        engine.Set("csv", csv);
        engine.Set("journal", Path.Combine(work, "journal"));
        engine.Run("Connect-Dxp -BaseUri $dxp -Edumis 7001 -Credential $cred -JournalPath $journal; $typed = @(Import-NzqaRecord -Path $csv -Kind CourseEnrolment)");
        var (accepted, time) = engine.Run("$r = @($typed | Send-DxpCourseEnrolment -ReturnId 202604 -ErrorAction SilentlyContinue); @($r | Where-Object Outcome -eq 'Accepted').Count");
        try { Directory.Delete(work, true); } catch (IOException) { }
        var rate = records.Length / time.TotalSeconds;
        return $"{(int)accepted[0].BaseObject:N0} of {records.Length:N0} accepted in {Program.S(time.TotalMilliseconds)} s = {Program.F(rate)} records/s, " +
               $"{Program.X(time.TotalSeconds / idealS)} the ideal, {Program.X(rate / loopRate)} the per-record loop " +
               $"(target ≤ 1.3× ideal: {(time.TotalSeconds / idealS <= 1.3 ? "met" : "MISSED")}; ≥ 50× loop: {(rate / loopRate >= 50 ? "met" : "MISSED")}).";
    }

    private static JObject CourseEnrolment(int i)
    {
        var start = new DateTime(2026, 2, 23);
        return new JObject
        {
            ["localId"] = "ce-bench-" + i.ToString("D7"),
            ["studentIdentificationCode"] = "S" + (100000000 + i / 4).ToString(),
            ["qualificationCode"] = "BC1234",
            ["courseCode"] = "ECON" + (100 + i % 4).ToString(),
            ["courseStartDate"] = "2026-02-23T00:00:00Z",
            ["courseEndDate"] = "2026-06-19T00:00:00Z",
            ["categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"] = "00",
            ["intramuralExtramuralAttendance"] = 1,
            ["courseDeliverySite"] = "01",
            ["sourceOfFunding"] = "1",
            ["residentialStatus"] = "N",
            ["australianResidentialStatus"] = false,
            ["fundingCategory"] = "A1",
            ["courseClassification"] = 1.1m,
            ["nzscedFieldOfStudy"] = "030101",
            ["courseEftsFactor"] = 0.125m,
            ["eftsByMonth"] = new JArray(0.025m, 0.025m, 0.025m, 0.025m, 0.025m),
            ["nationalStudentNumber"] = 100000000 + i / 4,
        };
    }

    private static double MedianMs(int runs, Func<double> measure)
    {
        var t = Enumerable.Range(0, runs).Select(_ => measure()).OrderBy(x => x).ToList();
        return t[runs / 2];
    }

    private sealed class DxpClient
    {
        private readonly HttpClient _http;
        private readonly SandboxHost _sandbox;
        private string _access;
        private string _base;

        public DxpClient(HttpClient http, SandboxHost sandbox) { _http = http; _sandbox = sandbox; }
        public string SubmissionToken { get; private set; }
        public int MaxRecordPerBatch { get; private set; }

        public async Task ConnectAsync()
        {
            var info = _sandbox.Info;
            var p = info.Providers.Single(x => x.ProviderNumber == 7001);
            using var req = new HttpRequestMessage(HttpMethod.Post, info.TokenUri)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = SandboxState.DxpScope, ["org_id"] = "7001" }),
            };
            req.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{p.MachineAccount}:{p.Password}")));
            using var res = await _http.SendAsync(req);
            res.EnsureSuccessStatusCode();
            _access = (string)JObject.Parse(await res.Content.ReadAsStringAsync())["access_token"];
            _base = info.DxpBaseUri.TrimEnd('/') + "/submissions/v1.0/";
            using var sub = new HttpRequestMessage(HttpMethod.Post, _base + "token/202604");
            Auth(sub);
            using var subRes = await _http.SendAsync(sub);
            subRes.EnsureSuccessStatusCode();
            var s = JObject.Parse(await subRes.Content.ReadAsStringAsync());
            SubmissionToken = (string)s["submissionToken"];
            MaxRecordPerBatch = (int)s["maxRecordPerBatch"];
        }

        private void Auth(HttpRequestMessage req)
        {
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _access);
            req.Headers.Add("EID", "7001");
        }

        public byte[] Serialise(IReadOnlyList<JObject> batch, bool gzip)
        {
            var ms = new MemoryStream();
            using (Stream target = gzip ? new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true) : ms)
            using (var writer = new StreamWriter(target, new UTF8Encoding(false), 65536, leaveOpen: true))
            using (var json = new JsonTextWriter(writer))
            {
                json.WriteStartObject();
                json.WritePropertyName("submissionToken");
                json.WriteValue(SubmissionToken);
                json.WritePropertyName("content");
                json.WriteStartArray();
                foreach (var r in batch) r.WriteTo(json);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            return ms.ToArray();
        }

        /// <summary>Uploads one body; returns how many records came back with errors.</summary>
        public async Task<int> PutAsync(byte[] body, bool gzip)
        {
            using var req = new HttpRequestMessage(HttpMethod.Put, _base + "course-enrolments") { Content = new ByteArrayContent(body) };
            req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            if (gzip) req.Content.Headers.ContentEncoding.Add("gzip");
            Auth(req);
            using var res = await _http.SendAsync(req);
            var text = await res.Content.ReadAsStringAsync();
            if (!res.IsSuccessStatusCode) throw new InvalidOperationException($"DXP answered {(int)res.StatusCode}: {text}");
            return JObject.Parse(text)["content"]!.Count(c => ((JArray)c["errors"]!).Count > 0);
        }

        public async Task<(TimeSpan Time, int Errors, long Bytes)> UploadAllAsync(JObject[][] batches, bool overlap, bool gzip)
        {
            var sw = Stopwatch.StartNew();
            var errors = 0;
            long bytes = 0;
            if (!overlap)
            {
                foreach (var b in batches)
                {
                    var body = Serialise(b, gzip);
                    bytes += body.Length;
                    errors += await PutAsync(body, gzip);
                }
                return (sw.Elapsed, errors, bytes);
            }
            var next = Task.Run(() => Serialise(batches[0], gzip));
            for (var i = 0; i < batches.Length; i++)
            {
                var body = await next;
                bytes += body.Length;
                if (i + 1 < batches.Length)
                {
                    var following = batches[i + 1];
                    next = Task.Run(() => Serialise(following, gzip));
                }
                errors += await PutAsync(body, gzip);
            }
            return (sw.Elapsed, errors, bytes);
        }
    }
}
