using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NzqaSync.Sandbox;
using static NzqaSync.Tests.Sandbox.SandboxTestClient;

namespace NzqaSync.Tests.Sandbox;

public sealed class SandboxAuthTests
{
    [Fact]
    public async Task Esl_issues_a_bearer_token_for_good_credentials_and_refuses_bad_ones()
    {
        await using var c = await StartAsync();
        using var good = await c.RequestTokenAsync("kowhai-high-machine", "sandbox-pass-257", SandboxState.NzqaScope, "257");
        var body = await ReadJsonAsync(good);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));

        using var wrongPassword = await c.RequestTokenAsync("kowhai-high-machine", "nope", SandboxState.NzqaScope, "257");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("invalid_client", (await ReadJsonAsync(wrongPassword)).GetProperty("error").GetString());

        using var otherOrg = await c.RequestTokenAsync("kowhai-high-machine", "sandbox-pass-257", SandboxState.NzqaScope, "311");
        Assert.Equal(HttpStatusCode.BadRequest, otherOrg.StatusCode);
        Assert.Equal("invalid_request", (await ReadJsonAsync(otherOrg)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Nzqa_answers_401_without_a_token_with_an_unknown_one_and_with_a_DXP_scoped_one()
    {
        await using var c = await StartAsync();
        using var none = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", null, "257");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString());
        Assert.Equal("TOKEN_MISSING", (await ReadJsonAsync(none)).GetProperty("errorCode").GetString());

        using var unknown = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", "made-up", "257");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);

        var dxpToken = await c.TokenAsync(257, SandboxState.DxpScope);
        using var wrongScope = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", dxpToken, "257");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongScope.StatusCode);
        Assert.Equal("TOKEN_WRONG_SCOPE", (await ReadJsonAsync(wrongScope)).GetProperty("errorCode").GetString());

        using var ok = await c.AsProviderAsync(257, HttpMethod.Get, "nzqa/v1/providers/257");
        var provider = await ReadJsonAsync(ok);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Kōwhai High School", provider.GetProperty("name").GetString());
        Assert.Equal(257, provider.GetProperty("providerNumber").GetInt32());
    }

    [Fact]
    public async Task An_expired_token_answers_401_TOKEN_EXPIRED()
    {
        await using var c = await StartAsync(o => o.TokenLifetime = TimeSpan.FromMilliseconds(300));
        var token = await c.TokenAsync(257);
        await Task.Delay(500);
        using var res = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257/enrolments", token, "257");
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        Assert.Equal("TOKEN_EXPIRED", (await ReadJsonAsync(res)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Expire_tokens_fault_ends_every_issued_token()
    {
        await using var c = await StartAsync();
        var token = await c.TokenAsync(257);
        using (var before = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        using (var expire = await c.Http.PostAsync("sandbox/faults/expire-tokens", null))
            Assert.True(expire.IsSuccessStatusCode);
        using var after = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257", token, "257");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Provider_mismatch_between_token_EID_and_path_answers_403_and_unknown_provider_404()
    {
        await using var c = await StartAsync();
        var t257 = await c.TokenAsync(257);
        var t311 = await c.TokenAsync(311);

        using var eidMismatch = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257/enrolments", t257, "311");
        Assert.Equal(HttpStatusCode.Forbidden, eidMismatch.StatusCode);
        Assert.Equal("PROVIDER_MISMATCH", (await ReadJsonAsync(eidMismatch)).GetProperty("errorCode").GetString());

        using var noEid = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257/enrolments", t257, null);
        Assert.Equal(HttpStatusCode.Forbidden, noEid.StatusCode);

        using var otherOrgToken = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/257/enrolments", t311, "257");
        Assert.Equal(HttpStatusCode.Forbidden, otherOrgToken.StatusCode);
        Assert.Equal("PROVIDER_MISMATCH", (await ReadJsonAsync(otherOrgToken)).GetProperty("errorCode").GetString());

        using var write = await c.SendAsync(HttpMethod.Post, "nzqa/v1/providers/311/enrolments", t257, "311", new { items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        using var unknown = await c.SendAsync(HttpMethod.Get, "nzqa/v1/providers/999", t257, "999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
