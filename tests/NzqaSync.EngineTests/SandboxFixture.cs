using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NzqaSync.Demo;
using NzqaSync.Sandbox;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace NzqaSync.EngineTests;

/// <summary>One sandbox on a free loopback port for a test class, and a fresh journal folder per test.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public SandboxHost Sandbox { get; private set; }

    public async Task InitializeAsync() => Sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 7, Students = 120, Today = new DateOnly(2026, 5, 11) });

    /// <summary>A fixture over a sandbox with other options (a test that needs several seeds or sizes); dispose it.</summary>
    public static async Task<SandboxFixture> StartAsync(SandboxOptions options) => new SandboxFixture { Sandbox = await SandboxHost.StartAsync(options) };

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    public SandboxProvider School(int number = 257) => Sandbox.Info.Providers.Single(p => p.ProviderNumber == number);
}

/// <summary>A hosted engine with the module imported, plus the variables an NZQA test needs.</summary>
public sealed class EngineTest : IDisposable
{
    public EngineTest(SandboxFixture fixture, int provider = 257)
    {
        Fixture = fixture;
        JournalPath = Path.Combine(Path.GetTempPath(), "nzqasync-engine-" + Guid.NewGuid().ToString("N"));
        Session = new ModuleSession();
        var school = fixture.School(provider);
        Variables = new Hashtable
        {
            ["nzqa"] = fixture.Sandbox.Info.NzqaBaseUri,
            ["provider"] = provider,
            ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password),
            ["journal"] = JournalPath,
        };
    }

    public SandboxFixture Fixture { get; }
    public ModuleSession Session { get; }
    public Hashtable Variables { get; }
    public string JournalPath { get; }

    public const string Connect = "Connect-Nzqa -BaseUri $nzqa -ProviderNumber $provider -Credential $cred -JournalPath $journal\n";

    public ScriptRun Run(string script, bool toHost = false) => Session.Run(script, Variables, toHost);

    public void Dispose()
    {
        Session.Dispose();
        if (Directory.Exists(JournalPath)) Directory.Delete(JournalPath, true);
    }
}
