using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>
/// What the NZQA and DXP twins of the connection cmdlets (Connect-, Test-, Disconnect-) differ in, in one place: the
/// service's names, its error ids and the session's default connection to it (<see cref="SessionConnections.NzqaSession"/>,
/// <see cref="SessionConnections.DxpSession"/>).
/// </summary>
internal sealed class ServiceSession<TConnection>(string service, string displayName, string insecureUriId, string notConnectedId,
    Func<TConnection> getDefault, Action<TConnection> setDefault) where TConnection : ServiceConnection
{
    /// <summary>"NZQA" or "DXP", as the service's exceptions name it.</summary>
    public string Service { get; } = service;

    /// <summary>"NZQA" or "TEC DXP", as messages to the user name it.</summary>
    public string DisplayName { get; } = displayName;

    public string InsecureUriId { get; } = insecureUriId;
    public string NotConnectedId { get; } = notConnectedId;

    /// <summary>The session's default connection (null when not connected).</summary>
    public TConnection Default
    {
        get => getDefault();
        set => setDefault(value);
    }
}
