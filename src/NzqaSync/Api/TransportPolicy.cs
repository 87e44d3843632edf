using System.Net;

namespace NzqaSync.Api;

/// <summary>https only, except to loopback (the sandbox). Certificate errors are never ignored anywhere.</summary>
public static class TransportPolicy
{
    public static void Check(Uri uri, string parameterName)
    {
        if (uri == null || !uri.IsAbsoluteUri)
            throw new ArgumentException($"{parameterName} must be an absolute URI.", parameterName);
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return;
        throw new ArgumentException($"{parameterName} '{uri}' is refused: only https is allowed, except to loopback (the sandbox).", parameterName);
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
