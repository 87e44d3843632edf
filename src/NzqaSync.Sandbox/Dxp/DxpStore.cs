namespace NzqaSync.Sandbox.Dxp;

/// <summary>What the emulated TEC DXP holds: returns, submissions and their uploaded records.</summary>
public sealed class DxpStore
{
    public DxpStore(SandboxState state)
    {
    }
}
