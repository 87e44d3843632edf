using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Xml;

namespace NzqaSync.HelpGen;

/// <summary>
/// dotnet NzqaSync.HelpGen.dll --module out/NzqaSync/NzqaSync.psd1 --source docs/help --out out/NzqaSync/en-US/NzqaSync.dll-Help.xml
/// Imports the assembled module into an engine, walks its exported cmdlets, and joins each one's metadata with
/// docs/help/&lt;Verb-Noun&gt;.md. Exit code 1 (and MSBuild-style "error" lines) when a source is missing or incomplete.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string module = null, sourceDir = null, output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--module": module = args[i + 1]; break;
                case "--source": sourceDir = args[i + 1]; break;
                case "--out": output = args[i + 1]; break;
            }
        }
        if (module == null || sourceDir == null || output == null)
        {
            Console.Error.WriteLine("usage: NzqaSync.HelpGen --module <psd1> --source <docs/help> --out <en-US/NzqaSync.dll-Help.xml>");
            return 2;
        }

        var cmdlets = ExportedCmdlets(Path.GetFullPath(module));
        var (commands, errors) = Generate(cmdlets, Path.GetFullPath(sourceDir));
        foreach (var error in errors) Console.Error.WriteLine(error);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine($"NzqaSync.HelpGen: {errors.Count} help problem(s); see docs/help/README.md.");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(output, settings)) MamlWriter.Document(commands).Save(writer);
        Console.WriteLine($"NzqaSync.HelpGen: wrote help for {commands.Count} cmdlets to {output}");
        return 0;
    }

    /// <summary>The module's exported cmdlets as the engine sees them after Import-Module.</summary>
    public static List<CmdletInfo> ExportedCmdlets(string psd1)
    {
        var iss = InitialSessionState.CreateDefault2();
        using var runspace = RunspaceFactory.CreateRunspace(iss);
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        var modules = ps.AddCommand("Import-Module").AddParameter("Name", psd1).AddParameter("PassThru").AddParameter("ErrorAction", "Stop").Invoke<PSModuleInfo>();
        return modules.Single().ExportedCmdlets.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    public static (List<System.Xml.Linq.XElement> Commands, List<string> Errors) Generate(IEnumerable<CmdletInfo> cmdlets, string sourceDir)
    {
        var commands = new List<System.Xml.Linq.XElement>();
        var errors = new List<string>();
        foreach (var cmdlet in cmdlets)
        {
            var path = Path.Combine(sourceDir, cmdlet.Name + ".md");
            if (!File.Exists(path))
            {
                errors.Add($"{path}: error NZHELP001: exported cmdlet {cmdlet.Name} has no help source. Copy docs/help/_template.md to {cmdlet.Name}.md and fill it in.");
                continue;
            }
            var source = HelpSource.Read(path);
            var problems = Check(cmdlet, source);
            errors.AddRange(problems.Select(p => $"{path}: error {p}"));
            if (problems.Count == 0) commands.Add(MamlWriter.Write(cmdlet, source));
        }
        return (commands, errors);
    }

    /// <summary>What a help source must have: the same checks as HelpTests, so the build fails first.</summary>
    public static List<string> Check(CmdletInfo cmdlet, HelpSource source)
    {
        var problems = new List<string>();
        if (!string.Equals(source.Name, cmdlet.Name, StringComparison.OrdinalIgnoreCase))
            problems.Add($"NZHELP002: the title is '# {source.Name}', expected '# {cmdlet.Name}'.");
        if (source.Synopsis.Count == 0) problems.Add("NZHELP003: ## SYNOPSIS is empty.");
        if (source.Description.Count == 0) problems.Add("NZHELP004: ## DESCRIPTION is empty.");
        var withCode = source.Examples.Count(e => !string.IsNullOrWhiteSpace(e.Code));
        if (withCode < 2) problems.Add($"NZHELP005: ## EXAMPLES has {withCode} example(s) with a ```powershell block; at least 2 are needed.");
        foreach (var p in MamlWriter.DescribedParameters(cmdlet))
            if ((!source.Parameters.TryGetValue(p.Name, out var d) || d.Count == 0) && !MamlWriter.StandardDescriptions.ContainsKey(p.Name))
                problems.Add($"NZHELP006: parameter -{p.Name} has no description (add '### -{p.Name}' under ## PARAMETERS).");
        foreach (var documented in source.Parameters.Keys)
            if (!cmdlet.Parameters.ContainsKey(documented))
                problems.Add($"NZHELP007: '### -{documented}' describes a parameter {cmdlet.Name} does not have.");
        return problems;
    }
}
