namespace NzqaSync.Cmdlets;

/// <summary>What Test-NzqaConnection and Test-DxpConnection both find out (each output type keeps its own property order).</summary>
public interface IConnectionTest
{
    bool Reachable { get; set; }
    bool Authenticated { get; set; }
    string Problem { get; set; }
    string Message { get; set; }
}
