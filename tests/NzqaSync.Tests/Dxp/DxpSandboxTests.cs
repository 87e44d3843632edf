#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sandbox;

namespace NzqaSync.Tests.Dxp;

/// <summary>A sandbox on a free loopback port and a client holding a DXP-scope ESL token for EDUMIS 7001.</summary>
public sealed class DxpSandbox : IAsyncDisposable
{
    public SandboxHost Host { get; private set; } = null!;
    public HttpClient Http { get; } = new();
    public string AccessToken { get; private set; } = "";
    public string Base => Host.Info.DxpBaseUri.TrimEnd('/') + "/submissions/v1.0/";

    public static async Task<DxpSandbox> StartAsync()
    {
        var s = new DxpSandbox { Host = await SandboxHost.StartAsync(new SandboxOptions()) };
        s.AccessToken = await s.EslTokenAsync(7001);
        return s;
    }

    public async Task<string> EslTokenAsync(int org)
    {
        var provider = Host.Info.Providers.Single(p => p.ProviderNumber == org);
        using var req = new HttpRequestMessage(HttpMethod.Post, Host.Info.TokenUri)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["scope"] = SandboxState.DxpScope, ["org_id"] = org.ToString(),
            }),
        };
        req.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{provider.MachineAccount}:{provider.Password}")));
        using var res = await Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (string)JObject.Parse(await res.Content.ReadAsStringAsync())["access_token"]!;
    }

    public async Task<(HttpStatusCode Status, JToken Body, string Text)> SendAsync(HttpMethod method, string path, object? body = null,
        string? eid = "7001", string? token = null, bool gzip = false, byte[]? rawBody = null)
    {
        using var req = new HttpRequestMessage(method, Base + path);
        if (eid != null) req.Headers.Add("EID", eid);
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AccessToken);
        if (rawBody != null || body != null)
        {
            var bytes = rawBody ?? Encoding.UTF8.GetBytes(body is string s ? s : JsonConvert.SerializeObject(body, DxpJson.Settings));
            if (gzip && rawBody == null)
            {
                var ms = new MemoryStream();
                using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(bytes);
                bytes = ms.ToArray();
            }
            req.Content = new ByteArrayContent(bytes);
            req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (gzip) req.Content.Headers.ContentEncoding.Add("gzip");
        }
        using var res = await Http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        var json = text.Length > 0 && (text[0] == '{' || text[0] == '[') ? JToken.Parse(text) : JValue.CreateNull();
        return (res.StatusCode, json, text);
    }

    public async Task<DxpSubmission> SubmissionAsync(string returnId = "202604")
    {
        var (status, body, text) = await SendAsync(HttpMethod.Post, "token/" + returnId);
        Assert.True(status == HttpStatusCode.OK, text);
        return body.ToObject<DxpSubmission>()!;
    }

    public Task<(HttpStatusCode Status, JToken Body, string Text)> UploadAsync<T>(string token, params T[] records) where T : IDxpRecord =>
        SendAsync(HttpMethod.Put, records.Length > 0 ? records[0].Dataset : CourseEnrolmentRecord.DatasetName, new DxpUploadRequest<T>(token, records));

    public async Task<string[]> CsvAsync(DxpSubmission sub, string dataset)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, sub.SubmissionContentsUrl + "/" + dataset + ".csv");
        req.Headers.Add("EID", "7001");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        using var res = await Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        return (await res.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    public static CourseEnrolmentRecord Enrolment(string localId, string student = "S1001", string course = "ECON112")
    {
        var r = DxpValidatorTests.GoodEnrolment();
        r.LocalId = localId;
        r.StudentIdentificationCode = student;
        r.CourseCode = course;
        return DxpRecordNormaliser.Normalise(r);
    }
}

public class DxpSandboxTokenTests
{
    [Fact]
    public async Task Returns_list_and_submission_token_are_served_for_the_tertiary_provider()
    {
        await using var s = await DxpSandbox.StartAsync();
        var (status, body, _) = await s.SendAsync(HttpMethod.Get, "returns?page=1&pageSize=10");
        Assert.Equal(HttpStatusCode.OK, status);
        var full = body.ToObject<PagedResult<DxpReturn>>()!;
        Assert.Equal(new[] { "202604", "202608", "202612" }, full.Results.Select(r => r.ReturnId).ToArray());
        Assert.All(full.Results, r => Assert.Equal("Full", r.ReturnType));
        var april = full.Results[0];
        Assert.Equal(7001, april.Edumis);
        Assert.Equal(new DateTimeOffset(2026, 4, 16, 12, 0, 0, TimeSpan.Zero), april.OpenWindowDate); // 17 April NZST midnight, in UTC
        var withInd = (await s.SendAsync(HttpMethod.Get, "returns?includeIndicative=true")).Body.ToObject<PagedResult<DxpReturn>>()!;
        Assert.Equal(4, withInd.TotalCount);
        Assert.Equal("Indicative", withInd.Results.Single(r => r.ReturnId == "202603").ReturnType);
        var paged = (await s.SendAsync(HttpMethod.Get, "returns?includeIndicative=true&page=2&pageSize=3")).Body.ToObject<PagedResult<DxpReturn>>()!;
        Assert.Equal(("202612", 4), (paged.Results.Single().ReturnId, paged.TotalCount));

        var sub = await s.SubmissionAsync("202604");
        Assert.False(string.IsNullOrEmpty(sub.SubmissionToken));
        Assert.Equal(500, sub.MaxRecordPerBatch);
        Assert.InRange(sub.TokenExpiry!.Value, DateTimeOffset.UtcNow.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(("202604", 7001, 2026, 4, "Pending", "Full"), (sub.ReturnId, sub.Edumis, sub.ReturnYear, sub.ReturnMonth, sub.SubmissionStatus, sub.SubmissionType));
        Assert.EndsWith("/dxp/submissions/v1.0/contents/" + sub.SubmissionToken, sub.SubmissionContentsUrl);
        Assert.Equal(sub.SubmissionToken, (await s.SubmissionAsync("202604")).SubmissionToken); // same token while valid
        Assert.NotEqual(sub.SubmissionToken, (await s.SubmissionAsync("202608")).SubmissionToken);

        var unknown = await s.SendAsync(HttpMethod.Post, "token/209901");
        Assert.Equal((HttpStatusCode.BadRequest, "R1"), (unknown.Status, (string)unknown.Body["errorCode"]!));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.BadRequest, "AM2")]
    [InlineData("abc", HttpStatusCode.BadRequest, "AM1")]
    [InlineData("257", HttpStatusCode.Unauthorized, "AU2")] // EID differs from the token's org
    public async Task EID_header_is_required_numeric_and_must_match_the_token(string? eid, HttpStatusCode expected, string code)
    {
        await using var s = await DxpSandbox.StartAsync();
        var (status, body, _) = await s.SendAsync(HttpMethod.Get, "returns", eid: eid);
        Assert.Equal(expected, status);
        Assert.Equal(code, (string)body["errorCode"]!);
        if (status == HttpStatusCode.Unauthorized) Assert.Equal("Authorization failed", (string)body["title"]!);
    }

    [Fact]
    public async Task A_bad_or_wrong_scope_bearer_token_is_401()
    {
        await using var s = await DxpSandbox.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.SendAsync(HttpMethod.Get, "returns", token: "not-a-token")).Status);
        s.Host.State.Tokens.ExpireAll();
        var expired = await s.SendAsync(HttpMethod.Get, "returns");
        Assert.Equal((HttpStatusCode.Unauthorized, "Authorization failed"), (expired.Status, (string)expired.Body["title"]!));
    }
}

public class DxpSandboxUploadTests
{
    [Fact]
    public async Task Upload_replaces_by_local_id_and_the_csv_read_back_shows_utc_dates()
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        var a = DxpSandbox.Enrolment("a");
        var b = DxpSandbox.Enrolment("b", course: "MATH101");
        var first = await s.UploadAsync(sub.SubmissionToken, a, b);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var ack = first.Body.ToObject<DxpUploadResponse>()!;
        Assert.Equal(new[] { "a", "b" }, ack.Content.Select(c => c.LocalId).ToArray());
        Assert.All(ack.Content, c => Assert.True(c.Accepted, string.Join("; ", c.Errors)));

        var a2 = DxpSandbox.Enrolment("a", course: "ECON999");
        a2.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "3"; // the one-character spelling is accepted too
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, a2)).Status);

        var csv = await s.CsvAsync(sub, "course-enrolments");
        Assert.Equal(3, csv.Length); // header + one row per localId
        Assert.StartsWith("localId,studentIdentificationCode,qualificationCode,courseCode,courseStartDate", csv[0]);
        Assert.StartsWith("a,S1001,BC1234,ECON999,2026-02-23T00:00:00Z,2026-06-19T00:00:00Z,,3,", csv[1]);
        Assert.StartsWith("b,S1001,BC1234,MATH101,", csv[2]);
        Assert.Contains("0.0250;0.0250;0.0250;0.0250;0.0250", csv[1]);
        Assert.Equal(new[] { "a", "b" }, s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments").Select(r => (string)r["localId"]!).ToArray());
        // Reading the UTC value back gives the calendar date that was sent.
        Assert.Equal(new DateTime(2026, 2, 23), NzDate.Parse("2026-02-23T00:00:00Z"));
    }

    public static IEnumerable<object[]> DaylightSavingDates() => new[]
    {
        // start, end, withdrawal, completion: the first of a month, 1 January and both sides of each NZ daylight-saving change.
        new object[] { new DateTime(2026, 2, 1), new DateTime(2026, 4, 4), new DateTime(2026, 3, 1), new DateTime(2026, 1, 1) },
        new object[] { new DateTime(2026, 4, 5), new DateTime(2026, 9, 26), new DateTime(2026, 4, 6), new DateTime(2026, 4, 5) },
        new object[] { new DateTime(2026, 4, 6), new DateTime(2026, 9, 27), new DateTime(2026, 9, 1), new DateTime(2026, 9, 27) },
        new object[] { new DateTime(2026, 9, 27), new DateTime(2026, 12, 1), new DateTime(2026, 9, 28), new DateTime(2026, 9, 28) },
        new object[] { new DateTime(2026, 9, 28), new DateTime(2027, 1, 1), new DateTime(2026, 10, 1), new DateTime(2026, 12, 31) },
    };

    [Theory]
    [MemberData(nameof(DaylightSavingDates))]
    public async Task Every_date_field_reads_back_as_the_calendar_date_the_school_gave(DateTime start, DateTime end, DateTime withdrawal, DateTime completed)
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        var ce = DxpSandbox.Enrolment("a");
        ce.CourseStartDate = start;
        ce.CourseEndDate = end;
        ce.StudentsCourseWithdrawalDate = withdrawal;
        ce.EftsByMonth = EftsByMonth.Compute(0.125m, start, end);
        var qc = DxpValidatorTests.GoodCompletion();
        qc.QualificationCompletionDate = completed;
        qc.YearRequirementsMet = completed.Year;
        Assert.Empty(DxpRecordValidator.Validate(ce).Where(p => p.Severity == DxpProblemSeverity.Error));

        // The sandbox works on the stored UTC date, as TEC may: the EFTS months and the year requirements met line up.
        var ack = (await s.UploadAsync(sub.SubmissionToken, ce)).Body.ToObject<DxpUploadResponse>()!;
        Assert.Empty(ack.Content.Single().Errors);
        var qack = (await s.UploadAsync(sub.SubmissionToken, qc)).Body.ToObject<DxpUploadResponse>()!;
        Assert.Empty(qack.Content.Single().Errors);

        var ceRow = ReadBack(await s.CsvAsync(sub, "course-enrolments"));
        Assert.Equal(start, NzDate.Parse(ceRow["courseStartDate"]));
        Assert.Equal(end, NzDate.Parse(ceRow["courseEndDate"]));
        Assert.Equal(withdrawal, NzDate.Parse(ceRow["studentsCourseWithdrawalDate"]));
        Assert.Equal(start, DateTimeOffset.Parse(ceRow["courseStartDate"], System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date); // stored on its day
        var qcRow = ReadBack(await s.CsvAsync(sub, "qualification-completions"));
        Assert.Equal(completed, NzDate.Parse(qcRow["qualificationCompletionDate"]));
        Assert.Equal(completed, DateTimeOffset.Parse(qcRow["qualificationCompletionDate"], System.Globalization.CultureInfo.InvariantCulture).UtcDateTime.Date);
    }

    [Fact]
    public async Task A_date_sent_as_new_zealand_midnight_moves_a_day_at_the_sandbox_as_it_would_at_TEC()
    {
        // The old way of sending (2026-02-01T00:00:00+13:00) is stored as 31 January: the course moves into January and
        // its five EFTS months no longer line up; a 1 January completion moves into the previous year.
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        var ce = JObject.FromObject(DxpSandbox.Enrolment("old"), DxpJson.Serializer);
        ce["courseStartDate"] = "2026-02-01T00:00:00+13:00";
        ce["courseEndDate"] = "2026-06-19T00:00:00+12:00";
        ce["eftsByMonth"] = new JArray(0.025m, 0.025m, 0.025m, 0.025m, 0.025m);
        var res = await s.SendAsync(HttpMethod.Put, "course-enrolments", new JObject { ["submissionToken"] = sub.SubmissionToken, ["content"] = new JArray(ce) });
        Assert.True(res.Body["content"]![0]!["errors"]!.Values<string>().Any(e => e!.StartsWith("eftsByMonth:")), res.Text);
        var qc = JObject.FromObject(DxpValidatorTests.GoodCompletion(), DxpJson.Serializer);
        qc["qualificationCompletionDate"] = "2026-01-01T00:00:00+13:00";
        await s.SendAsync(HttpMethod.Put, "qualification-completions", new JObject { ["submissionToken"] = sub.SubmissionToken, ["content"] = new JArray(qc) });
        var stored = ReadBack(await s.CsvAsync(sub, "qualification-completions"));
        Assert.Equal("2025-12-31T11:00:00Z", stored["qualificationCompletionDate"]); // the year requirements met no longer aligns
    }

    private static Dictionary<string, string> ReadBack(string[] csv)
    {
        Assert.Equal(2, csv.Length);
        var names = csv[0].Split(',');
        var values = csv[1].Split(',');
        return names.Select((n, i) => (n, v: i < values.Length ? values[i] : "")).ToDictionary(x => x.n, x => x.v);
    }

    [Fact]
    public async Task A_record_breaking_a_seed_rule_gets_errors_and_is_not_stored()
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        var bad = DxpSandbox.Enrolment("bad");
        bad.SourceOfFunding = "28"; // consortium missing
        bad.CourseCode = new string('C', 21);
        var good = DxpSandbox.Enrolment("good");
        var res = (await s.UploadAsync(sub.SubmissionToken, bad, good)).Body.ToObject<DxpUploadResponse>()!;
        var errors = res.Content.Single(c => c.LocalId == "bad").Errors;
        Assert.Contains(errors, e => e.StartsWith("courseCode:") && e.Contains("1–20"));
        Assert.Contains(errors, e => e.StartsWith("consortium:") && e.Contains("28 or 29"));
        Assert.Empty(res.Content.Single(c => c.LocalId == "good").Errors);
        Assert.Equal(new[] { "good" }, s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments").Select(r => (string)r["localId"]!).ToArray());

        var qc = DxpValidatorTests.GoodCompletion();
        qc.IrdNumber = "136-410-133";
        qc.YearRequirementsMet = 2025;
        var qres = (await s.UploadAsync(sub.SubmissionToken, qc)).Body.ToObject<DxpUploadResponse>()!;
        Assert.Contains(qres.Content.Single().Errors, e => e.StartsWith("irdNumber:"));
        // "should align": the year requirements met is a validation warning (YRM01), not an upload error.
        Assert.DoesNotContain(qres.Content.Single().Errors, e => e.StartsWith("yearRequirementsMet:"));
    }

    [Fact]
    public async Task More_records_than_max_record_per_batch_is_MP1()
    {
        await using var s = await DxpSandbox.StartAsync();
        s.Host.State.Dxp.Options.MaxRecordPerBatch = 2;
        var sub = await s.SubmissionAsync();
        Assert.Equal(2, sub.MaxRecordPerBatch);
        var records = new[] { "1", "2", "3" }.Select(id => DxpSandbox.Enrolment(id, student: "S" + id)).ToList();
        var (status, body, _) = await s.UploadAsync(sub.SubmissionToken, records.ToArray());
        var problem = body.ToObject<DxpProblemDetails>()!;
        Assert.Equal((HttpStatusCode.BadRequest, "MP1"), (status, problem.ErrorCode));
        Assert.Empty(s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments"));
        // The module's batcher makes the same upload legal.
        foreach (var batch in DxpUploadBatcher.Plan(records, sub.MaxRecordPerBatch).Batches)
            Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, batch.ToArray())).Status);
        Assert.Equal(3, s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments").Count);
    }

    [Fact]
    public async Task Wrong_types_are_CV1_and_unreadable_gzip_is_GM1_while_gzip_is_accepted()
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        var item = JObject.FromObject(DxpSandbox.Enrolment("a"), DxpJson.Serializer);
        item["nationalStudentNumber"] = "123456789";
        item["australianResidentialStatus"] = "N";
        var cv = await s.SendAsync(HttpMethod.Put, "course-enrolments", new JObject { ["submissionToken"] = sub.SubmissionToken, ["content"] = new JArray(item) });
        Assert.Equal((HttpStatusCode.BadRequest, "CV1"), (cv.Status, (string)cv.Body["errorCode"]!));
        Assert.NotNull(cv.Body["errors"]!["content[0].nationalStudentNumber"]);
        Assert.NotNull(cv.Body["errors"]!["content[0].australianResidentialStatus"]);

        var gm = await s.SendAsync(HttpMethod.Put, "course-enrolments", gzip: true, rawBody: Encoding.UTF8.GetBytes("this is not gzip"));
        Assert.Equal((HttpStatusCode.BadRequest, "GM1"), (gm.Status, (string)gm.Body["errorCode"]!));

        var ok = await s.SendAsync(HttpMethod.Put, "course-enrolments", new DxpUploadRequest<CourseEnrolmentRecord>(sub.SubmissionToken, new[] { DxpSandbox.Enrolment("z") }), gzip: true);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Single(s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments"));
    }

    [Fact]
    public async Task An_expired_submission_token_is_SC1_and_a_new_token_keeps_the_records()
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("a"))).Status);
        using (var expire = await s.Http.PostAsync(new Uri(s.Host.Origin, "sandbox/dxp/expire-submission-tokens"), null))
            Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        var (status, body, _) = await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("b"));
        Assert.Equal((HttpStatusCode.BadRequest, "SC1"), (status, body.ToObject<DxpProblemDetails>()!.Codes.Single()));
        var again = await s.SubmissionAsync();
        Assert.NotEqual(sub.SubmissionToken, again.SubmissionToken);
        Assert.Equal(2, (await s.CsvAsync(again, "course-enrolments")).Length);
        Assert.Equal((HttpStatusCode.BadRequest, "SC1"), ((await s.UploadAsync("made-up", DxpSandbox.Enrolment("c"))).Status, "SC1"));
    }

    [Fact]
    public async Task Concurrent_uploads_to_one_dataset_get_429_DS1_but_other_datasets_proceed()
    {
        await using var s = await DxpSandbox.StartAsync();
        s.Host.State.Dxp.Options.ProcessingDelay = TimeSpan.FromMilliseconds(3000);
        var sub = await s.SubmissionAsync();
        var first = s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("a"));
        // Start the race once the first upload holds the dataset (a fixed sleep lost it on a loaded machine).
        var until = DateTime.UtcNow.AddSeconds(20);
        while (s.Host.State.Dxp.RequestsInFlight == 0 && DateTime.UtcNow < until) await Task.Delay(20);
        Assert.Equal(1, s.Host.State.Dxp.RequestsInFlight);
        var second = s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("b"));
        var other = s.UploadAsync(sub.SubmissionToken, DxpValidatorTests.GoodCompletion());
        var results = await Task.WhenAll(first, second, other);
        Assert.Equal(HttpStatusCode.OK, results[0].Status);
        Assert.Equal((HttpStatusCode)429, results[1].Status);
        Assert.Equal(("Concurrent Request Not Allowed", "DS1"), ((string)results[1].Body["title"]!, (string)results[1].Body["errorCode"]!));
        Assert.Equal(HttpStatusCode.OK, results[2].Status);
        // Once the first is done the dataset is free again.
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("b"))).Status);
        Assert.Equal(2, s.Host.State.Dxp.Records(sub.SubmissionToken, "course-enrolments").Count);
    }

    [Fact]
    public async Task Delete_by_local_id_removes_the_record()
    {
        await using var s = await DxpSandbox.StartAsync();
        var sub = await s.SubmissionAsync();
        await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("a"), DxpSandbox.Enrolment("b", course: "MATH101"));
        var body = new { submissionToken = sub.SubmissionToken, content = new[] { new DxpLocalIdRef("a"), new DxpLocalIdRef("nope") } };
        var (status, res, _) = await s.SendAsync(HttpMethod.Post, "course-enrolments/delete", body);
        Assert.Equal(HttpStatusCode.OK, status);
        var ack = res.ToObject<DxpUploadResponse>()!;
        Assert.Empty(ack.Content.Single(c => c.LocalId == "a").Errors);
        Assert.Single(ack.Content.Single(c => c.LocalId == "nope").Errors);
        var csv = await s.CsvAsync(sub, "course-enrolments");
        Assert.Equal(2, csv.Length);
        Assert.StartsWith("b,", csv[1]);
    }
}

public class DxpSandboxValidationTests
{
    [Fact]
    public async Task Validation_goes_queued_in_progress_processed_and_pages_errors_and_warnings()
    {
        await using var s = await DxpSandbox.StartAsync();
        var now = DateTimeOffset.UtcNow;
        s.Host.State.Dxp.Clock = () => now; // the run moves only when the test moves the store's clock
        s.Host.State.Dxp.Options.ValidationStepDuration = TimeSpan.FromSeconds(10);
        var sub = await s.SubmissionAsync();
        var empty = await s.SendAsync(HttpMethod.Post, "validation", new DxpSubmissionTokenRequest(sub.SubmissionToken));
        Assert.Equal((HttpStatusCode.BadRequest, "VL1"), (empty.Status, (string)empty.Body["errorCode"]!));

        var ite = DxpSandbox.Enrolment("ite", student: "S2"); ite.NzscedFieldOfStudy = "070105"; // ITE NZSCED, no iteSector: an error for a 2026 return (a warning before)
        var historic = DxpSandbox.Enrolment("hist", student: "S3"); historic.SourceOfFunding = "11"; // historic fund: warning
        var dupe = DxpSandbox.Enrolment("dupe"); // same student, course and start as "a" under another localId: error
        var up = (await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("a"), ite, historic, dupe)).Body.ToObject<DxpUploadResponse>()!;
        Assert.All(up.Content, c => Assert.True(c.Accepted));

        var started = (await s.SendAsync(HttpMethod.Post, "validation", new DxpSubmissionTokenRequest(sub.SubmissionToken))).Body.ToObject<DxpValidationRun>()!;
        Assert.Equal(DxpValidationRunStatus.Queued, started.Status);
        var notYet = await s.SendAsync(HttpMethod.Get, "validation/results?submissionToken=" + sub.SubmissionToken);
        Assert.Equal((HttpStatusCode.BadRequest, "VL3"), (notYet.Status, (string)notYet.Body["errorCode"]!));
        var upload429 = await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("late", student: "S9"));
        Assert.Equal((HttpStatusCode)429, upload429.Status);

        var seen = new List<string> { started.Status };
        DxpValidationRun run;
        do
        {
            now += TimeSpan.FromSeconds(6);
            run = (await s.SendAsync(HttpMethod.Get, "validation?submissionToken=" + sub.SubmissionToken)).Body.ToObject<DxpValidationRun>()!;
            if (seen.Last() != run.Status) seen.Add(run.Status);
            if (run.Status == "InProgress") Assert.Equal("Validating", (await s.SubmissionAsync()).SubmissionStatus);
        } while (!DxpValidationRunStatus.IsFinished(run.Status));
        Assert.Equal(new[] { "Queued", "InProgress", "Processed" }, seen);
        Assert.NotNull(run.CompletedAt);
        Assert.Equal((2, 1), (run.ErrorCount, run.WarningCount));

        var page1 = (await s.SendAsync(HttpMethod.Get, $"validation/results?submissionToken={sub.SubmissionToken}&page=1&pageSize=2")).Body.ToObject<PagedResult<DxpValidationResult>>()!;
        var page2 = (await s.SendAsync(HttpMethod.Get, $"validation/results?submissionToken={sub.SubmissionToken}&page=2&pageSize=2")).Body.ToObject<PagedResult<DxpValidationResult>>()!;
        Assert.Equal((3, 2, 1), (page1.TotalCount, page1.Results.Count, page2.Results.Count));
        var all = page1.Results.Concat(page2.Results).ToList();
        var error = all.Single(r => r.ErrorType == "Error" && r.ErrorCode == "DUP01");
        Assert.Equal(("dupe", "CourseEnrolment", "ECON112", "S1001"), (error.LocalId, error.FileType, error.CourseCode, error.StudentId));
        Assert.StartsWith("dupe,S1001,", error.RecordText);
        Assert.Equal(new[] { "hist" }, all.Where(r => r.ErrorType == "Warning").Select(r => r.LocalId).ToArray());
        var iteIssue = all.Single(r => r.LocalId == "ite");
        Assert.Equal("Error", iteIssue.ErrorType);
        Assert.Contains("optional until 2026", iteIssue.ErrorDescription);

        var badPage = await s.SendAsync(HttpMethod.Get, $"validation/results?submissionToken={sub.SubmissionToken}&pageSize=0");
        Assert.Equal("PR2", (string)badPage.Body["errorCode"]!);
        var again = await s.SubmissionAsync();
        Assert.Equal("Pending", again.SubmissionStatus); // processed with an error: not Validated
        Assert.Equal("Processed", again.ValidationRunResults.Single().Status);
    }

    [Fact]
    public async Task A_clean_submission_validates_and_reset_drops_token_records_and_cancels_the_run()
    {
        await using var s = await DxpSandbox.StartAsync();
        var now = DateTimeOffset.UtcNow;
        s.Host.State.Dxp.Clock = () => now;
        s.Host.State.Dxp.Options.ValidationStepDuration = TimeSpan.FromSeconds(10);
        var sub = await s.SubmissionAsync();
        await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("a"));
        await s.SendAsync(HttpMethod.Post, "validation", new DxpSubmissionTokenRequest(sub.SubmissionToken));
        now += TimeSpan.FromSeconds(21);
        Assert.Equal("Validated", (await s.SubmissionAsync()).SubmissionStatus);

        await s.SendAsync(HttpMethod.Post, "validation", new DxpSubmissionTokenRequest(sub.SubmissionToken));
        var run = s.Host.State.Dxp.FindAnyByToken(sub.SubmissionToken)!.Runs.Last();
        var reset = await s.SendAsync(HttpMethod.Post, "reset", new DxpSubmissionTokenRequest(sub.SubmissionToken));
        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal("Cancelled", s.Host.State.Dxp.RunStatus(run));
        Assert.Equal("SC1", (string)(await s.UploadAsync(sub.SubmissionToken, DxpSandbox.Enrolment("b"))).Body["errorCode"]!);
        Assert.Equal("SC1", (string)(await s.SendAsync(HttpMethod.Post, "reset", new DxpSubmissionTokenRequest(sub.SubmissionToken))).Body["errorCode"]!);
        var fresh = await s.SubmissionAsync();
        Assert.NotEqual(sub.SubmissionToken, fresh.SubmissionToken);
        Assert.Equal("Pending", fresh.SubmissionStatus);
        Assert.Single(await s.CsvAsync(fresh, "course-enrolments")); // header only
    }
}
