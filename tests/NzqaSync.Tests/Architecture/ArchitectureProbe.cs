// A deliberate wrong-way reference, compiled into the test assembly only, so ArchitectureTests can show that its
// check fails when a Domain type reaches PowerShell or the API layer (from inside a method body).
namespace NzqaSync.Domain.ArchitectureProbe;

internal static class WrongWay
{
    internal static object Reach()
    {
        var ps = new System.Management.Automation.PSObject();
        return (ps, NzqaSync.Api.NzqaConnection.DefaultTokenUri(new System.Uri("http://127.0.0.1/")));
    }
}
