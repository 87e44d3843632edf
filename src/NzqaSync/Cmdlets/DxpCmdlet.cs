using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>What every DXP cmdlet shares: DXP's error codes as specific ErrorRecord ids (see <see cref="ServiceErrors.ForDxp"/>).</summary>
public abstract class DxpCmdlet : NzqaCmdlet
{
    protected static ErrorRecord DxpError(Exception exception, object target) => ServiceErrors.ForDxp(exception, target);
}
