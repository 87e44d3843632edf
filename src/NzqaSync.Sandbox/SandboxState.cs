using System;
using System.Collections.Generic;
using NzqaSync.Sandbox.Dxp;
using NzqaSync.Sandbox.Esl;

namespace NzqaSync.Sandbox;

/// <summary>Everything the sandbox holds: providers and their machine accounts, NZQA's store, DXP's store.</summary>
public sealed class SandboxState
{
    public const string NzqaScope = "https://api.nzqa.govt.nz/sms";
    public const string DxpScope = "https://web.prd.dxs.pub.tec.govt.nz";

    public SandboxState(SandboxOptions options)
    {
        Options = options;
        Providers = new List<SandboxProvider>
        {
            new(257, "Kōwhai High School", "School", "kowhai-high-machine", "sandbox-pass-257"),
            new(311, "Harbourside College", "School", "harbourside-machine", "sandbox-pass-311"),
            new(498, "Te Aho o Te Kura Pounamu", "School", "te-kura-machine", "sandbox-pass-498"),
            new(7001, "Te Awa Institute of Technology", "Tertiary", "te-awa-machine", "sandbox-pass-7001"),
        };
        Tokens = new TokenService(this);
        Dxp = new DxpStore(this);
    }

    public TokenService Tokens { get; }
    public DxpStore Dxp { get; }

    public SandboxOptions Options { get; }
    public List<SandboxProvider> Providers { get; }

    public SandboxInfo Info(Uri origin) => new(
        new Uri(origin, "nzqa/v1").ToString(),
        new Uri(origin, "dxp").ToString(),
        new Uri(origin, "esl/oauth2/access_token").ToString(),
        NzqaScope,
        DxpScope,
        Providers);
}
