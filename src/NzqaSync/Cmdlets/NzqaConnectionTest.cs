namespace NzqaSync.Cmdlets;

/// <summary>What a connection test found: reachable, authenticated, the right provider — and if not, why.</summary>
public sealed class NzqaConnectionTest : IConnectionTest
{
    public Uri BaseUri { get; set; }
    public int ProviderNumber { get; set; }
    public string ProviderName { get; set; }
    public bool Reachable { get; set; }
    public bool Authenticated { get; set; }
    public bool ProviderMatches { get; set; }
    /// <summary>None, Unreachable, BadCredentials, WrongProvider, ServiceError or Closed (the connection was disposed).</summary>
    public string Problem { get; set; }
    public string Message { get; set; }
    public bool Success => Problem == "None";
}
