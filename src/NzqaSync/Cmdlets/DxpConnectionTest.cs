namespace NzqaSync.Cmdlets;

/// <summary>What a DXP connection test found: reachable, authenticated, the EDUMIS has returns — and if not, why.</summary>
public sealed class DxpConnectionTest : IConnectionTest
{
    public Uri BaseUri { get; set; }
    public int Edumis { get; set; }
    public bool Reachable { get; set; }
    public bool Authenticated { get; set; }
    /// <summary>Returns DXP lists for this EDUMIS (Full and Indicative); 0 for a provider with no SDR returns.</summary>
    public int ReturnCount { get; set; }
    /// <summary>None, Unreachable, BadCredentials, WrongProvider, NoReturns or ServiceError.</summary>
    public string Problem { get; set; }
    public string Message { get; set; }
    public bool Success => Problem == "None";
}
