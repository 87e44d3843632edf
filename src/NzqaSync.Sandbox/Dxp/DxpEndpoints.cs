using Microsoft.AspNetCore.Builder;

namespace NzqaSync.Sandbox.Dxp;

/// <summary>The TEC DXP provider-based (SDR) submission API, emulated.</summary>
public static class DxpEndpoints
{
    public static void MapDxpEndpoints(this WebApplication app, SandboxState state)
    {
    }
}
