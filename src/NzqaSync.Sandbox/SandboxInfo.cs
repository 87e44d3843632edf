namespace NzqaSync.Sandbox;

/// <summary>What GET /sandbox/info returns: where the services are and the seeded machine credentials.</summary>
public sealed record SandboxInfo(
    string NzqaBaseUri,
    string DxpBaseUri,
    string TokenUri,
    string NzqaScope,
    string DxpScope,
    IReadOnlyList<SandboxProvider> Providers);

public sealed record SandboxProvider(int ProviderNumber, string Name, string Kind, string MachineAccount, string Password);
