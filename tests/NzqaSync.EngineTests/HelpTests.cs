using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>
/// Help coverage, through Get-Help in a real engine: every exported cmdlet (walked, never listed here) has a
/// synopsis, a description, two examples with code and a description for each parameter; about_NzqaSync resolves.
/// A new cmdlet without docs/help/&lt;Verb-Noun&gt;.md fails the build first (NzqaSync.HelpGen) and these tests second.
/// </summary>
public class HelpTests
{
    private static readonly Lazy<string[]> Exported = new(() =>
    {
        using var session = new ModuleSession();
        using var run = session.Run("[string[]](Get-Module NzqaSync).ExportedCmdlets.Keys");
        return run.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    });

    public static IEnumerable<object[]> ExportedCmdlets() => Exported.Value.Select(n => new object[] { n });

    private const string CheckHelp = @"
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $cmd = Get-Command -Name $name -Module NzqaSync
        $help = Get-Help -Name $name -Full
        $synopsis = ""$($help.Synopsis)"".Trim()
        # Without MAML, Get-Help makes up a synopsis from the syntax (it starts with the cmdlet name).
        if (-not $synopsis -or $synopsis.StartsWith($name)) { ""no synopsis (Get-Help shows '$synopsis')"" }
        $description = (@($help.description) | ForEach-Object { $_.Text }) -join ' '
        if (-not $description.Trim()) { 'no description' }
        $examples = @(@($help.examples.example) | Where-Object { $_ -and ""$($_.code)"".Trim() })
        if ($examples.Count -lt 2) { ""$($examples.Count) example(s) with code; at least 2 are needed"" }
        $described = @{}
        foreach ($p in @($help.parameters.parameter)) {
            if ($p) { $described[[string]$p.name] = ((@($p.description) | ForEach-Object { $_.Text }) -join ' ').Trim() }
        }
        foreach ($p in $cmd.Parameters.Keys) {
            if ($common.Contains($p)) { continue }
            if (-not $described.ContainsKey($p)) { ""parameter -$p is missing from the help"" }
            elseif (-not $described[$p]) { ""parameter -$p has no description"" }
        }
        foreach ($p in $described.Keys) { if (-not $cmd.Parameters.ContainsKey($p)) { ""the help describes -$p, which $name does not have"" } }
    ";

    [Fact]
    public void The_module_exports_cmdlets_to_check() => Assert.Contains("Compare-NzqaEnrolment", Exported.Value);

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Every_exported_cmdlet_has_complete_help(string name)
    {
        using var session = new ModuleSession();
        using var run = session.Run(CheckHelp, new Hashtable { ["name"] = name });
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var problems = run.Output.Select(o => o.ToString()).ToArray();
        Assert.True(problems.Length == 0, $"{name}: {string.Join("; ", problems)}. Edit docs/help/{name}.md (format: docs/help/README.md).");
    }

    // Every NzqaSync cmdlet called in an example's code (any cmdlet's help) is given only parameters it has: a name,
    // an alias or an unambiguous prefix, as PowerShell binds them. Code that does not parse is a problem too.
    private const string CheckExamples = @"
        $module = @{}
        foreach ($c in Get-Command -Module NzqaSync) { $module[$c.Name] = $c }
        $help = Get-Help -Name $name -Examples
        $i = 0
        foreach ($example in @($help.examples.example)) {
            $i++
            $code = ""$($example.code)""
            $tokens = $null; $parseErrors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref]$tokens, [ref]$parseErrors)
            foreach ($e in @($parseErrors)) { if ($e) { ""example $($i): does not parse: $($e.Message)"" } }
            foreach ($call in $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $cmd = $module[[string]$call.GetCommandName()]
                if (-not $cmd) { continue }
                foreach ($p in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $given = $p.ParameterName
                    $exact = @($cmd.Parameters.Values | Where-Object { $_.Name -eq $given -or $_.Aliases -contains $given })
                    if ($exact.Count -eq 1) { continue }
                    $prefix = @($cmd.Parameters.Values | Where-Object { $_.Name.StartsWith($given, 'OrdinalIgnoreCase') -or @($_.Aliases | Where-Object { $_.StartsWith($given, 'OrdinalIgnoreCase') }).Count })
                    if ($prefix.Count -ne 1) { ""example $($i): $($cmd.Name) has no parameter -$given"" }
                }
            }
        }
    ";

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Examples_use_only_parameters_the_cmdlets_have(string name)
    {
        using var session = new ModuleSession();
        using var run = session.Run(CheckExamples, new Hashtable { ["name"] = name });
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var problems = run.Output.Select(o => o.ToString()).ToArray();
        Assert.True(problems.Length == 0, $"{name}: {string.Join("; ", problems)}. Edit docs/help/{name}.md.");
    }

    [Fact]
    public void Parameter_metadata_in_the_help_comes_from_the_cmdlet()
    {
        using var session = new ModuleSession();
        using var run = session.Run(@"
            $p = (Get-Help Sync-NzqaEnrolment -Full).parameters.parameter | Where-Object name -eq 'InputObject'
            $p.required; $p.pipelineInput
            $k = (Get-Help Import-NzqaRecord -Full).parameters.parameter | Where-Object name -eq 'Kind'
            $k.position; ($k.description | ForEach-Object { $_.Text }) -join ' '");
        Assert.Empty(run.Errors);
        var values = run.Output.Select(o => o.ToString()).ToArray();
        Assert.Equal("true", values[0]);
        Assert.Contains("ByValue", values[1]);
        Assert.Equal("1", values[2]);
        Assert.Contains("Accepted values: Enrolment", values[3]);
    }

    [Fact]
    public void Every_cmdlet_class_in_the_assembly_is_exported_so_its_help_is_checked()
    {
        using var session = new ModuleSession();
        var folder = Path.GetDirectoryName(session.ModulePath)!;
        using var types = session.Run(@"
            $asm = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'NzqaSync' -and $_.Location -eq $dll }
            foreach ($t in $asm.GetExportedTypes()) {
                $a = [System.Attribute]::GetCustomAttribute($t, [System.Management.Automation.CmdletAttribute])
                if ($a -and -not $t.IsAbstract) { '{0}-{1}' -f $a.VerbName, $a.NounName }
            }", new Hashtable { ["dll"] = Path.Combine(folder, "NzqaSync.dll") });
        Assert.Empty(types.Errors);
        var classes = types.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(classes);
        var missing = classes.Except(Exported.Value).ToArray();
        Assert.True(missing.Length == 0, "Cmdlet classes not in CmdletsToExport of NzqaSync.psd1: " + string.Join(", ", missing));
    }

    [Fact]
    public void About_NzqaSync_explains_the_workflow_statuses_journal_and_sandbox()
    {
        using var session = new ModuleSession();
        using var run = session.Run("Get-Help about_NzqaSync | ForEach-Object { \"$_\" }");
        Assert.Empty(run.Errors);
        var text = string.Join("\n", run.Output.Select(o => o.ToString()));
        foreach (var expected in new[]
                 {
                     "Connect-Nzqa", "Compare-NzqaEnrolment", "Out-GridView -PassThru", "Sync-NzqaEnrolment", "Get-NzqaSyncLog",
                     "Match", "New", "Different", "Leaver", "NzqaOnly", "Invalid", "Pending", "Synced", "Failed",
                     "NZQASYNC_JOURNAL_PATH", "InDoubt", "dotnet run --project src/NzqaSync.Sandbox", "/sandbox/info",
                 })
            Assert.Contains(expected, text);
    }
}
