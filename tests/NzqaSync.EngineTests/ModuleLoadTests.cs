using System.IO;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

public class ModuleLoadTests
{
    [Fact]
    public void The_assembled_module_imports_and_exports_exactly_the_manifest_cmdlets()
    {
        using var session = new ModuleSession();
        using var run = session.Run("[string[]](Get-Module NzqaSync).ExportedCmdlets.Keys -join ','; [string[]](Test-ModuleManifest -Path $path).ExportedCmdlets.Keys -join ','",
            new System.Collections.Hashtable { ["path"] = session.ModulePath });
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var exported = run.Output[0].ToString().Split(',').OrderBy(n => n).ToArray();
        var declared = run.Output[1].ToString().Split(',').OrderBy(n => n).ToArray();
        Assert.Equal(declared, exported);
        Assert.Contains("Sync-NzqaEnrolment", exported);
        Assert.Contains("Get-NzqaSyncLog", exported);
    }

    [Fact]
    public void The_hosted_engine_has_a_users_cmdlets_and_a_diff_shows_its_status_by_name()
    {
        // Microsoft.PowerShell.SDK: CreateDefault2 loads Utility and Management, not just the 48 Core cmdlets.
        using var session = new ModuleSession();
        using var run = session.Run(@"
            $d = [NzqaSync.Compare.EnrolmentDiff]@{ Key = '100000002'; Nsn = '100000002'; Name = 'Aroha Test' }
            $d.Status = 'New'
            ($d | ConvertTo-Json -Depth 1 | ConvertFrom-Json).Status
            ($d | ConvertTo-Csv | ConvertFrom-Csv).Status
            ($d | Format-Table | Out-String -Width 80) -match 'New\s+\S+\s+100000002'");
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        Assert.Equal(new[] { "New", "New", "True" }, run.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void The_manifest_declares_both_editions_and_explicit_exports()
    {
        using var session = new ModuleSession();
        using var run = session.Run("Test-ModuleManifest -Path $path", new System.Collections.Hashtable { ["path"] = session.ModulePath });
        var manifest = (PSModuleInfo)run.Output.Single().BaseObject;
        Assert.Equal(new[] { "Core", "Desktop" }, manifest.CompatiblePSEditions.OrderBy(e => e));
        Assert.Equal("5.1", manifest.PowerShellVersion.ToString());
        Assert.Empty(manifest.ExportedFunctions);
        Assert.Empty(manifest.ExportedAliases);
        Assert.Equal(typeof(ModuleSession).Assembly.GetName().Version!.ToString(3), manifest.Version.ToString(3));
    }

    [Fact]
    public void Third_party_assemblies_ship_in_dependencies_not_beside_the_module()
    {
        var folder = Path.GetDirectoryName(ModuleSession.DefaultModulePath())!;
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "Polly.Core.dll")));
        Assert.True(File.Exists(Path.Combine(folder, "dependencies", "Newtonsoft.Json.dll")));
        Assert.Equal(new[] { "NzqaSync.dll" }, Directory.GetFiles(folder, "*.dll").Select(Path.GetFileName));
    }

    [Fact]
    public void Cmdlets_that_need_a_connection_say_how_to_get_one()
    {
        using var session = new ModuleSession();
        using var run = session.Run("Disconnect-Nzqa; Get-NzqaEnrolment; 'after'");
        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaNotConnected,NzqaSync.Cmdlets.GetNzqaEnrolmentCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("Connect-Nzqa", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Not_connected_errors_of_the_NZQA_and_DXP_twins_name_their_service_and_what_to_give()
    {
        using var session = new ModuleSession();
        using var run = session.Run("Disconnect-Nzqa; Disconnect-Dxp; Get-NzqaEnrolment; Get-DxpReturn; Test-NzqaConnection; Test-DxpConnection");
        Assert.Equal(4, run.Errors.Count);
        Assert.Equal(new[] { "NzqaNotConnected", "DxpNotConnected", "NzqaNotConnected", "DxpNotConnected" },
            run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new[]
        {
            "Not connected to NZQA. Run Connect-Nzqa first, or pass -Connection.",
            "Not connected to TEC DXP. Run Connect-Dxp first, or pass -Connection.",
            "Not connected to NZQA. Run Connect-Nzqa first, or give -BaseUri, -ProviderNumber and -Credential.",
            "Not connected to TEC DXP. Run Connect-Dxp first, or give -BaseUri, -Edumis and -Credential.",
        }, run.Errors.Select(e => e.Exception.Message));
        Assert.Equal("Connect-Nzqa -BaseUri <uri> -ProviderNumber <n> -Credential <machine account>", run.Errors[0].ErrorDetails.RecommendedAction);
        Assert.Equal("Connect-Dxp -BaseUri <uri> -Edumis <n> -Credential <machine account>", run.Errors[1].ErrorDetails.RecommendedAction);
    }
}
