using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>The session-default connections, one set per runspace (several runspaces may share a process).</summary>
internal static class SessionConnections
{
    private static readonly ConcurrentDictionary<Guid, NzqaConnection> Nzqa = new ConcurrentDictionary<Guid, NzqaConnection>();
    private static readonly ConcurrentDictionary<Guid, object> Dxp = new ConcurrentDictionary<Guid, object>();

    /// <summary>NZQA as the connection cmdlets (Connect-, Test-, Disconnect-Nzqa) name it, and its session default.</summary>
    public static readonly ServiceSession<NzqaConnection> NzqaSession =
        new("NZQA", "NZQA", "Nzqa", "ProviderNumber", ErrorIds.NzqaInsecureUri, ErrorIds.NzqaNotConnected, GetNzqa, SetNzqa);

    /// <summary>DXP as the connection cmdlets (Connect-, Test-, Disconnect-Dxp) name it, and its session default.</summary>
    public static readonly ServiceSession<DxpConnection> DxpSession =
        new("DXP", "TEC DXP", "Dxp", "Edumis", ErrorIds.DxpInsecureUri, ErrorIds.DxpNotConnected, GetDxp<DxpConnection>, SetDxp);

    private static Guid Current => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

    public static NzqaConnection GetNzqa() => Nzqa.TryGetValue(Current, out var c) ? c : null;

    public static void SetNzqa(NzqaConnection connection)
    {
        if (connection == null) Nzqa.TryRemove(Current, out _);
        else Nzqa[Current] = connection;
    }

    public static T GetDxp<T>() where T : class => Dxp.TryGetValue(Current, out var c) ? c as T : null;

    public static void SetDxp(object connection)
    {
        if (connection == null) Dxp.TryRemove(Current, out _);
        else Dxp[Current] = connection;
    }
}
