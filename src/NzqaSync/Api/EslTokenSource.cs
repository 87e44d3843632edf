using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using Newtonsoft.Json;
using Polly.Timeout;

namespace NzqaSync.Api;

/// <summary>
/// Bearer tokens from the Education Sector Logon (OAuth2 client credentials). ESL gives no refresh token:
/// a new token is asked for shortly before the old one expires, and once after any 401. The token lives in
/// memory only; the password is read from the credential at the moment of the call and never kept as text.
/// </summary>
public sealed class EslTokenSource
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly Uri _tokenUri;
    private readonly string _scope;
    private readonly int _orgId;
    private readonly Func<NetworkCredential> _credential;
    private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
    private string _token;
    private DateTimeOffset _expiresAt;

    private readonly RetryPolicy _policy;

    public EslTokenSource(HttpClient http, Uri tokenUri, string scope, int orgId, Func<NetworkCredential> credential,
        ResilienceSettings resilience = null, System.Collections.Concurrent.ConcurrentQueue<string> notes = null)
    {
        _policy = new RetryPolicy("ESL", resilience, notes);
        _http = http;
        _tokenUri = tokenUri;
        _scope = scope;
        _orgId = orgId;
        _credential = credential;
    }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token != null && DateTimeOffset.UtcNow < _expiresAt - RenewBefore) return token;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token != null && DateTimeOffset.UtcNow < _expiresAt - RenewBefore) return _token;
            return await RequestAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> after a 401 so the next call asks ESL again.</summary>
    public void Invalidate(string rejected)
    {
        if (rejected == null || string.Equals(rejected, _token, StringComparison.Ordinal)) _token = null;
    }

    public void Clear() => _token = null;

    /// <summary>
    /// Asks ESL for a token under the same per-attempt timeout and retry rules as API calls (a server that accepts
    /// and never answers ends in a timeout error, not a hang); a redirect is never followed.
    /// </summary>
    private async Task<string> RequestAsync(CancellationToken cancellationToken)
    {
        var credential = _credential();
        var authority = _tokenUri.GetLeftPart(UriPartial.Authority);
        HttpResponseMessage response;
        try
        {
            response = await _policy.Pipeline.ExecuteAsync(async ct =>
            {
                using (var request = Build(credential))
                    return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ServiceException("ESL", null, "Timeout",
                $"{authority} did not answer the token request within {_policy.Settings.AttemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                $"({_policy.Settings.MaxRetryAttempts + 1} attempts).", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException)
        {
            throw new ServiceException("ESL", null, null, $"{authority}: {RetryPolicy.Describe(ex)}", ex);
        }
        using (response)
        {
            if (RetryPolicy.IsRedirect(response)) throw RetryPolicy.Redirected("ESL", response, "POST " + _tokenUri.AbsolutePath);
            var body = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            EslTokenResponse parsed = null;
            try { parsed = JsonConvert.DeserializeObject<EslTokenResponse>(body); } catch (JsonException) { }
            if (!response.IsSuccessStatusCode || string.IsNullOrEmpty(parsed?.AccessToken))
            {
                var status = response.StatusCode;
                if (status == HttpStatusCode.Unauthorized || status == HttpStatusCode.BadRequest || status == HttpStatusCode.Forbidden)
                    throw new AuthenticationFailedException(status, parsed?.Error, parsed?.ErrorDescription ?? "ESL refused the machine credentials.");
                throw new ServiceException("ESL", status, parsed?.Error, parsed?.ErrorDescription);
            }
            _token = parsed.AccessToken;
            _expiresAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(parsed.ExpiresIn ?? 1200);
            return _token;
        }
    }

    private HttpRequestMessage Build(NetworkCredential credential)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _tokenUri);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credential.UserName + ":" + credential.Password));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        request.Content = new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("grant_type", "client_credentials"),
            new KeyValuePair<string, string>("scope", _scope),
            new KeyValuePair<string, string>("org_id", _orgId.ToString(CultureInfo.InvariantCulture)),
        });
        return request;
    }
}
