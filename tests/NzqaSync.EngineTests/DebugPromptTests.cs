using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>
/// -Debug at a console a person answers (trial 5, D4): PowerShell turned a compiled cmdlet's -Debug into Inquire, so a
/// person had to answer "Continue with this operation?" at every verbose line and warning. The host here is one the
/// module counts as interactive (VS Code's name) and counts every prompt, answering Yes. (Sessions nobody can answer
/// are tests/Pester/DebugOutput.Tests.ps1's.)
/// </summary>
public class DebugPromptTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _fixture;
    private readonly AnsweringHost _host = new();
    private readonly Runspace _runspace;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-debug-" + Guid.NewGuid().ToString("N"));

    public DebugPromptTests(SandboxFixture fixture)
    {
        _fixture = fixture;
        Directory.CreateDirectory(_folder);
        _runspace = RunspaceFactory.CreateRunspace(_host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        var school = fixture.School();
        _runspace.SessionStateProxy.SetVariable("nzqa", fixture.Sandbox.Info.NzqaBaseUri);
        _runspace.SessionStateProxy.SetVariable("cred", ModuleSession.Credential(school.MachineAccount, school.Password));
        _runspace.SessionStateProxy.SetVariable("journal", Path.Combine(_folder, "journal"));
        // One learner row with a column no field is near: Import-NzqaRecord warns about it.
        var csv = Path.Combine(_folder, "learners.csv");
        File.WriteAllText(csv, "NSN,Student ID,First Name,Last Name,Date of Birth,Gender,Ethnicity 1,House\n100000017,10000,Leo,Kingi,2009-03-06,M,211,Kauri\n");
        _runspace.SessionStateProxy.SetVariable("csv", csv);
        Invoke($"Import-Module '{ModuleSession.DefaultModulePath()}' -ErrorAction Stop");
    }

    public void Dispose()
    {
        _runspace.Dispose();
        Directory.Delete(_folder, true);
    }

    private PowerShell Invoke(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script).Invoke();
        return ps;
    }

    [Fact]
    public void Debug_shows_exchanges_verbose_lines_and_warnings_without_asking()
    {
        using var ps = Invoke(@"
            Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal -Debug
            Get-NzqaLearner -Debug | Select-Object -First 3
            Import-NzqaRecord -Path $csv -Kind Learner -Debug");

        Assert.Equal(0, _host.Prompts);
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Debug, d => d.Message.StartsWith("HTTP exchange (redacted):", StringComparison.Ordinal) && d.Message.Contains("Authorization: Bearer [redacted]"));
        Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("Connected to NZQA", StringComparison.Ordinal));
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("'House'"));
    }

    [Fact]
    public void An_Inquire_the_user_set_themselves_at_a_console_is_kept()
    {
        using var ps = Invoke(@"
            Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal
            $DebugPreference = 'Inquire'
            Get-NzqaLearner | Select-Object -First 1");

        Assert.True(_host.Prompts > 0, "the user's own $DebugPreference = 'Inquire' asks at each debug line");
        Assert.Empty(ps.Streams.Error);
    }

    /// <summary>A host the module counts as one a person answers (by its name), that answers Yes and counts each prompt.</summary>
    private sealed class AnsweringHost : PSHost
    {
        private readonly AnsweringUI _ui = new();
        public int Prompts => _ui.Prompts;
        public override string Name => "Visual Studio Code Host";
        public override Version Version => new(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }

    private sealed class AnsweringUI : PSHostUserInterface
    {
        public int Prompts { get; private set; }
        public override PSHostRawUserInterface RawUI => null;
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) { Prompts++; return 0; }
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) { Prompts++; return new Dictionary<string, PSObject>(); }
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override string ReadLine() { Prompts++; return ""; }
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override void Write(string value) { }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
        public override void WriteLine(string value) { }
        public override void WriteErrorLine(string value) { }
        public override void WriteDebugLine(string message) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
    }
}
