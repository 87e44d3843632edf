using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using NzqaSync.Api;

namespace NzqaSync.Tests.Sync;

/// <summary>The one redaction helper: what may be logged of a request and its answer.</summary>
public class ExchangeRedactorTests
{
    private const string Bearer = "eyJhbGciOi.canary-bearer-token.Zq9";
    private const string Submission = "sub-canary-7c1e4f9a2b";

    private static HttpRequestMessage Request(HttpMethod method, string url, string json, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json ?? "");
        if (gzip)
        {
            using var packed = new MemoryStream();
            using (var gz = new GZipStream(packed, CompressionLevel.Fastest, true)) gz.Write(bytes, 0, bytes.Length);
            bytes = packed.ToArray();
        }
        var request = new HttpRequestMessage(method, url) { Content = json == null ? null : new ByteArrayContent(bytes) };
        if (json != null)
        {
            request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (gzip) request.Content.Headers.ContentEncoding.Add("gzip");
        }
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
        request.Headers.TryAddWithoutValidation("EID", "7001");
        return request;
    }

    private static string All(NzqaSync.Journal.HttpExchange e) => e.ToString() + e.ToJson().ToString();

    [Fact]
    public void The_bearer_token_and_authorization_header_never_survive_but_the_rest_of_the_request_does()
    {
        var request = Request(HttpMethod.Post, "https://api.example/sms/v1/providers/257/enrolments", "{\"items\":[{\"nsn\":\"0123456789\"}]}");
        var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("{\"title\":\"bad\",\"detail\":\"token " + Bearer + " was odd\"}", Encoding.UTF8, "application/json"),
        };
        var e = ExchangeRedactor.Capture(request, ExchangeRedactor.ReadBytes(request.Content), response, null, 2);
        Assert.Equal("Bearer [redacted]", e.RequestHeaders["Authorization"]);
        Assert.Equal("7001", e.RequestHeaders["EID"]);
        Assert.Contains("0123456789", e.RequestBody);
        Assert.Equal(400, e.StatusCode);
        Assert.Equal(2, e.Attempt);
        Assert.DoesNotContain(Bearer, All(e));
        Assert.Contains("was odd", e.ResponseBody); // the service's words stay; only the secret goes
    }

    [Fact]
    public void A_DXP_submission_token_is_redacted_in_gzip_bodies_routes_query_strings_and_answers()
    {
        var upload = Request(HttpMethod.Put, "https://dxp.example/api/course-enrolments", "{\"submissionToken\":\"" + Submission + "\",\"content\":[{\"localId\":\"ce-1\"}]}", gzip: true);
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"echo\":\"" + Submission + "\",\"results\":[]}", Encoding.UTF8, "application/json") };
        var e = ExchangeRedactor.Capture(upload, ExchangeRedactor.ReadBytes(upload.Content), answer, null, 1);
        Assert.Contains("\"submissionToken\": \"[redacted]\"", e.RequestBody);
        Assert.Contains("ce-1", e.RequestBody);
        Assert.Contains("gzip", e.RequestBody);
        Assert.DoesNotContain(Submission, All(e));

        var contents = ExchangeRedactor.Capture(Request(HttpMethod.Get, "https://dxp.example/api/contents/" + Submission + "?dataset=ce", null), null, null, "no answer: timed out", 1);
        Assert.Equal("https://dxp.example/api/contents/[redacted]?dataset=ce", contents.Uri);
        var query = ExchangeRedactor.Capture(Request(HttpMethod.Get, "https://dxp.example/api/validation?submissionToken=" + Submission, null), null, null, null, 1);
        Assert.Equal("https://dxp.example/api/validation?submissionToken=[redacted]", query.Uri);
        Assert.DoesNotContain(Submission, All(contents) + All(query));
        Assert.Null(query.StatusCode);
    }

    [Fact]
    public void Form_fields_and_json_properties_named_for_secrets_are_masked()
    {
        var form = new HttpRequestMessage(HttpMethod.Post, "https://esl.example/oauth2/access_token")
        {
            Content = new StringContent("grant_type=client_credentials&client_id=machine&client_secret=Zq9-canary-pw", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"access_token\":\"" + Bearer + "\",\"expires_in\":3600}", Encoding.UTF8, "application/json") };
        var e = ExchangeRedactor.Capture(form, ExchangeRedactor.ReadBytes(form.Content), answer, null, 1);
        Assert.Contains("client_id=machine", e.RequestBody);
        Assert.Contains("client_secret=[redacted]", e.RequestBody);
        Assert.Contains("\"expires_in\": 3600", e.ResponseBody);
        Assert.DoesNotContain("Zq9-canary-pw", All(e));
        Assert.DoesNotContain(Bearer, All(e));
    }
}
