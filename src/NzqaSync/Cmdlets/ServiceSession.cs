using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>
/// What the NZQA and DXP twins of the connection cmdlets (Connect-, Test-, Disconnect-) differ in, in one place: the
/// service's names, its error ids and the session's default connection to it (<see cref="SessionConnections.NzqaSession"/>,
/// <see cref="SessionConnections.DxpSession"/>).
/// </summary>
internal sealed class ServiceSession<TConnection>(string service, string displayName, string noun, string orgParameter, string insecureUriId,
    string notConnectedId, Func<TConnection> getDefault, Action<TConnection> setDefault) where TConnection : ServiceConnection
{
    /// <summary>"NZQA" or "DXP", as the service's exceptions name it.</summary>
    public string Service { get; } = service;

    /// <summary>"NZQA" or "TEC DXP", as messages to the user name it.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>"Nzqa" or "Dxp", the cmdlets' noun (Connect-Nzqa).</summary>
    public string Noun { get; } = noun;

    /// <summary>The parameter that names the organisation: ProviderNumber or Edumis.</summary>
    public string OrgParameter { get; } = orgParameter;

    public string InsecureUriId { get; } = insecureUriId;
    public string NotConnectedId { get; } = notConnectedId;

    /// <summary>"Not connected to NZQA. Run Connect-Nzqa first, or {what else}."</summary>
    public string NotConnected(string otherwise) => $"Not connected to {DisplayName}. Run Connect-{Noun} first, or {otherwise}.";

    /// <summary>The session's default connection (null when not connected).</summary>
    public TConnection Default
    {
        get => getDefault();
        set => setDefault(value);
    }
}
