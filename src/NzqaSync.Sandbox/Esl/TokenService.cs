using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NzqaSync.Sandbox.Esl;

/// <summary>A bearer token the sandbox's ESL issued: one scope, one organisation, an expiry.</summary>
public sealed record IssuedToken(string Value, string Scope, int OrgId, string MachineAccount, DateTimeOffset ExpiresAt);

/// <summary>Why a bearer token was not accepted.</summary>
public enum TokenProblem { None, Missing, Unknown, Expired, WrongScope, WrongOrganisation }

/// <summary>Issues and checks ESL-style bearer tokens (OAuth2 client credentials).</summary>
public sealed class TokenService
{
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly SandboxState _state;

    public TokenService(SandboxState state) => _state = state;

    /// <summary>Tokens issued so far (the fault storm and the expiry tests read it).</summary>
    public int IssuedCount => _tokens.Count;

    /// <summary>Every token value issued (the canary test scans all output for them).</summary>
    public IEnumerable<string> IssuedValues() => _tokens.Keys;

    public IssuedToken Issue(string scope, int orgId, string machineAccount)
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new IssuedToken(value, scope, orgId, machineAccount, DateTimeOffset.UtcNow + _state.Options.TokenLifetime);
        _tokens[value] = token;
        return token;
    }

    /// <summary>Ends every token at once (the fault injector's "token expiry").</summary>
    public void ExpireAll()
    {
        foreach (var key in _tokens.Keys)
            if (_tokens.TryGetValue(key, out var t)) _tokens[key] = t with { ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1) };
    }

    /// <summary>Checks an Authorization header value for a call to an API of <paramref name="scope"/> for <paramref name="orgId"/>.</summary>
    public TokenProblem Check(string authorizationHeader, string scope, int orgId)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return TokenProblem.Missing;
        if (!_tokens.TryGetValue(authorizationHeader.Substring(7).Trim(), out var token)) return TokenProblem.Unknown;
        if (token.ExpiresAt <= DateTimeOffset.UtcNow) return TokenProblem.Expired;
        if (!string.Equals(token.Scope, scope, StringComparison.Ordinal)) return TokenProblem.WrongScope;
        if (token.OrgId != orgId) return TokenProblem.WrongOrganisation;
        return TokenProblem.None;
    }

    /// <summary>Decodes "Basic base64(account:password)"; null when the header is not Basic.</summary>
    public static (string Account, string Password)? ReadBasic(string authorizationHeader)
    {
        if (string.IsNullOrEmpty(authorizationHeader) || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader.Substring(6).Trim()));
            var colon = text.IndexOf(':');
            return colon < 0 ? null : (text.Substring(0, colon), text.Substring(colon + 1));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
