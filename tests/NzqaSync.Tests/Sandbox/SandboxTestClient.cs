using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using NzqaSync.Sandbox;

namespace NzqaSync.Tests.Sandbox;

/// <summary>Talks to a real sandbox over HTTP on 127.0.0.1: ESL tokens, NZQA calls with Bearer + EID, batch bodies.</summary>
internal sealed class SandboxTestClient : IAsyncDisposable
{
    public SandboxHost Host { get; }
    public HttpClient Http { get; }

    private SandboxTestClient(SandboxHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = host.Origin, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SandboxState State => Host.State;
    public int Year => Host.State.AcademicYear;

    public static async Task<SandboxTestClient> StartAsync(Action<SandboxOptions> configure = null)
    {
        var options = new SandboxOptions { Students = 200, Seed = 7, Today = new DateOnly(2026, 5, 11) };
        configure?.Invoke(options);
        return new SandboxTestClient(await SandboxHost.StartAsync(options));
    }

    public static (string Account, string Password) Credentials(int provider) => provider switch
    {
        257 => ("kowhai-high-machine", "sandbox-pass-257"),
        311 => ("harbourside-machine", "sandbox-pass-311"),
        498 => ("te-kura-machine", "sandbox-pass-498"),
        _ => ("te-awa-machine", "sandbox-pass-7001"),
    };

    public Task<HttpResponseMessage> RequestTokenAsync(string account, string password, string scope, string orgId)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "esl/oauth2/access_token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["scope"] = scope, ["org_id"] = orgId }),
        };
        req.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account}:{password}")));
        return Http.SendAsync(req);
    }

    public async Task<string> TokenAsync(int provider, string scope = SandboxState.NzqaScope)
    {
        var (a, p) = Credentials(provider);
        using var res = await RequestTokenAsync(a, p, scope, provider.ToString());
        res.EnsureSuccessStatusCode();
        return (await ReadJsonAsync(res)).GetProperty("access_token").GetString();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string eid, object body = null)
    {
        var req = new HttpRequestMessage(method, path.TrimStart('/'));
        if (token != null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (eid != null) req.Headers.Add("EID", eid);
        if (body != null) req.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return await Http.SendAsync(req);
    }

    /// <summary>A call as provider <paramref name="p"/> with its own token and EID.</summary>
    public async Task<HttpResponseMessage> AsProviderAsync(int p, HttpMethod method, string path, object body = null)
        => await SendAsync(method, path, await TokenAsync(p), p.ToString(), body);

    /// <summary>A batch write as provider p; returns the results array (asserting 200).</summary>
    public async Task<JsonElement[]> BatchAsync(int p, HttpMethod method, string path, params object[] items)
    {
        using var res = await AsProviderAsync(p, method, path, new { items });
        var json = await ReadJsonAsync(res);
        Assert.True(res.IsSuccessStatusCode, $"{method} {path}: {(int)res.StatusCode} {json}");
        return json.GetProperty("results").EnumerateArray().ToArray();
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static string Outcome(JsonElement result) => result.GetProperty("outcome").GetString();

    public static string[] Codes(JsonElement result) => result.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()).ToArray();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
