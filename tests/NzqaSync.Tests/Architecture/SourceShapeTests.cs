using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace NzqaSync.Tests.Architecture;

/// <summary>
/// The shape docs/architecture.md promises a newcomer: one public cmdlet class per file, named after the cmdlet;
/// no file in the cmdlet folder over 150 lines (cmdlets stay thin: the work is in the layers below); no file of the
/// module over 250 lines.
/// </summary>
public class SourceShapeTests
{
    internal const int MaxCmdletFileLines = 150;
    internal const int MaxModuleFileLines = 250;
    private static readonly Regex CmdletAttribute = new(@"^\s*\[Cmdlet\(", RegexOptions.Compiled | RegexOptions.Multiline);

    private static bool InCmdletFolder(string file) => Path.GetFileName(Path.GetDirectoryName(file)) == "Cmdlets";

    /// <summary>Files over their limit: "Cmdlets/X.cs: 151 lines (at most 150)".</summary>
    internal static List<string> OverLong(IEnumerable<string> files) =>
        files.Select(f => (File: f, Lines: File.ReadAllLines(f).Length, Max: InCmdletFolder(f) ? MaxCmdletFileLines : MaxModuleFileLines))
            .Where(f => f.Lines > f.Max)
            .Select(f => $"{Path.GetFileName(Path.GetDirectoryName(f.File))}/{Path.GetFileName(f.File)}: {f.Lines} lines (at most {f.Max})")
            .ToList();

    /// <summary>Files that declare more than one cmdlet.</summary>
    internal static List<string> SeveralCmdlets(IEnumerable<string> files) =>
        files.Where(f => CmdletAttribute.Matches(File.ReadAllText(f)).Count > 1).Select(Path.GetFileName).ToList();

    [Fact]
    public void No_file_is_over_its_length()
    {
        var over = OverLong(ErrorIdTests.ModuleSources());
        Assert.True(over.Count == 0, "Split these (docs/architecture.md, 'Where things go'):\n" + string.Join("\n", over));
    }

    [Fact]
    public void Each_cmdlet_has_a_file_of_its_own_named_after_it()
    {
        var sources = ErrorIdTests.ModuleSources().ToList();
        Assert.Empty(SeveralCmdlets(sources));
        var cmdlets = typeof(NzqaSync.Api.NzqaConnection).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Length > 0).ToList();
        Assert.NotEmpty(cmdlets);
        var wrong = new List<string>();
        foreach (var type in cmdlets)
        {
            var attribute = (CmdletAttribute)type.GetCustomAttributes(typeof(CmdletAttribute), false)[0];
            var expected = attribute.VerbName + attribute.NounName + "Command";
            var file = sources.FirstOrDefault(f => Path.GetFileName(f) == expected + ".cs" && InCmdletFolder(f));
            if (type.Name != expected || !type.IsSealed || !type.IsPublic) wrong.Add($"{type.Name}: a cmdlet class is public, sealed and named {expected}");
            else if (file == null || !File.ReadAllText(file).Contains("class " + expected + " ", StringComparison.Ordinal)) wrong.Add($"{type.Name}: not in Cmdlets/{expected}.cs");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_checks_see_a_long_file_and_a_file_of_two_cmdlets()
    {
        var dir = Directory.CreateTempSubdirectory("shape-");
        try
        {
            var cmdlets = Directory.CreateDirectory(Path.Combine(dir.FullName, "Cmdlets")).FullName;
            var longCmdlet = Path.Combine(cmdlets, "Long.cs");
            File.WriteAllLines(longCmdlet, Enumerable.Repeat("//", MaxCmdletFileLines + 1));
            var fineElsewhere = Path.Combine(dir.FullName, "Fine.cs");
            File.WriteAllLines(fineElsewhere, Enumerable.Repeat("//", MaxCmdletFileLines + 1));
            var two = Path.Combine(cmdlets, "Two.cs");
            File.WriteAllText(two, "[Cmdlet(VerbsCommon.Get, \"A\")]\nclass A {}\n[Cmdlet(VerbsCommon.Get, \"B\")]\nclass B {}\n");
            Assert.Equal(new[] { $"Cmdlets/Long.cs: {MaxCmdletFileLines + 1} lines (at most {MaxCmdletFileLines})" }, OverLong(new[] { longCmdlet, fineElsewhere }));
            Assert.Equal(new[] { "Two.cs" }, SeveralCmdlets(new[] { two, longCmdlet }));
        }
        finally { dir.Delete(true); }
    }
}
