using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>The session-default connections, one set per runspace (several runspaces may share a process).</summary>
internal static class SessionConnections
{
    private static readonly ConcurrentDictionary<Guid, NzqaConnection> Nzqa = new ConcurrentDictionary<Guid, NzqaConnection>();
    private static readonly ConcurrentDictionary<Guid, object> Dxp = new ConcurrentDictionary<Guid, object>();

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
