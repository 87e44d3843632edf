using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>
/// Every type an exported cmdlet declares in [OutputType] has a narrow default table in NzqaSync.format.ps1xml,
/// and that table is what Out-Default shows a person. The types are walked, never listed here: a new cmdlet
/// whose output type has no view fails these tests.
/// </summary>
public class ViewTests
{
    /// <summary>Wide enough for a console, narrow enough to read: fixed columns add up to at most this.</summary>
    private const int MaxFixedWidth = 110;
    private const int MaxColumns = 7;

    private static readonly Lazy<Type[]> OutputTypes = new(() =>
    {
        using var session = new ModuleSession();
        using var run = session.Run(@"
            foreach ($c in (Get-Module NzqaSync).ExportedCmdlets.Values) { foreach ($t in $c.OutputType) { $t.Type } }");
        return run.Objects<Type>()
            .Where(t => t != typeof(void) && t.Assembly.GetName().Name == "NzqaSync") // FileInfo and friends have the engine's views
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToArray();
    });

    public static IEnumerable<object[]> ModuleOutputTypes() => OutputTypes.Value.Select(t => new object[] { t.FullName });

    private sealed record TableView(string Name, string[] Labels, int FixedWidth, bool Wraps);

    /// <summary>The table views of the format file the module ships, by the type names they select.</summary>
    private static Dictionary<string, TableView> Views(string moduleFolder)
    {
        var doc = XDocument.Load(Path.Combine(moduleFolder, "NzqaSync.format.ps1xml"));
        var views = new Dictionary<string, TableView>(StringComparer.OrdinalIgnoreCase);
        foreach (var view in doc.Descendants("View"))
        {
            var table = view.Element("TableControl");
            if (table == null) continue;
            var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
            var items = table.Descendants("TableColumnItem").ToList();
            var labels = headers.Select((h, i) => (string)h.Element("Label") ?? (string)items[i].Element("PropertyName")).ToArray();
            var width = headers.Sum(h => (int?)h.Element("Width") ?? 0) + headers.Count;
            foreach (var type in view.Element("ViewSelectedBy")!.Elements("TypeName"))
                views[type.Value.Trim()] = new TableView((string)view.Element("Name"), labels, width, table.Descendants("Wrap").Any());
        }
        return views;
    }

    [Fact]
    public void The_module_declares_output_types_to_check()
    {
        Assert.Contains(OutputTypes.Value, t => t.Name == "EnrolmentDiff");
        Assert.Contains(OutputTypes.Value, t => t.Name == "SyncResult");
        Assert.Contains(OutputTypes.Value, t => t.Name == "SyncLogEntry");
    }

    [Theory]
    [MemberData(nameof(ModuleOutputTypes))]
    public void Every_output_type_renders_its_narrow_default_table_through_Out_Default(string typeName)
    {
        var type = OutputTypes.Value.Single(t => t.FullName == typeName);
        using var session = new ModuleSession();
        var views = Views(Path.GetDirectoryName(session.ModulePath)!);
        Assert.True(views.TryGetValue(typeName, out var view),
            $"{typeName} is an [OutputType] of an exported cmdlet but has no table view: add one to module/NzqaSync.format.ps1xml " +
            "(<ViewSelectedBy><TypeName>" + typeName + "</TypeName></ViewSelectedBy>, a few narrow columns).");
        Assert.InRange(view!.Labels.Length, 2, MaxColumns);
        Assert.True(view.FixedWidth <= MaxFixedWidth, $"{view.Name}: fixed columns take {view.FixedWidth} characters; keep the default table under {MaxFixedWidth}.");

        var sample = Sample(type);
        var before = session.Host.Lines.Count;
        using var run = session.Run("$sample, $sample | Out-Default", new Hashtable { ["sample"] = sample });
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        var lines = session.Host.Lines.Skip(before).ToList();

        // A table: a header line, then a line of dashes under each column, then the rows.
        var dashes = lines.FindIndex(l => l.TrimStart().StartsWith("---"));
        Assert.True(dashes > 0, $"{typeName} did not render as a table:\n{string.Join("\n", lines)}");
        var header = lines[dashes - 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(view.Labels, header);
        Assert.Equal(view.Labels.Length, lines[dashes].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        var rows = lines.Skip(dashes + 1).TakeWhile(l => l.Trim().Length > 0).ToList();
        if (view.Wraps)
        {
            // A wrapping view (errors shown whole at 80 columns): the two identical objects are two identical blocks.
            Assert.True(rows.Count % 2 == 0, string.Join("\n", rows));
            Assert.Equal(rows.Take(rows.Count / 2), rows.Skip(rows.Count / 2));
        }
        else Assert.Equal(2, rows.Count); // one row per object
        if (type.GetProperties().Any(p => p.PropertyType == typeof(string) && p.SetMethod?.IsPublic == true))
            Assert.Contains(lines.Skip(dashes + 1), l => l.Contains("Sample"));
        Assert.Equal(0, session.Host.Prompts);
    }

    /// <summary>A default-constructed object (or, without a public constructor, an uninitialised one) with sample text.</summary>
    private static object Sample(Type type)
    {
        if (type.IsAbstract)
            type = type.Assembly.GetExportedTypes().First(t => type.IsAssignableFrom(t) && !t.IsAbstract);
        var ctor = type.GetConstructor(Type.EmptyTypes);
        var sample = ctor != null ? ctor.Invoke(null) : RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.SetMethod?.IsPublic != true) continue;
            if (property.PropertyType == typeof(string)) property.SetValue(sample, "Sample" + property.Name);
            else if (property.PropertyType == typeof(DateTimeOffset)) property.SetValue(sample, new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(13)));
            else if (property.PropertyType == typeof(DateTime?) || property.PropertyType == typeof(DateTime)) property.SetValue(sample, new DateTime(2026, 3, 2));
        }
        return sample;
    }
}

/// <summary>What a person running a compare sees: progress and counts with -Verbose, and never a prompt.</summary>
public class VerbosityTests
{
    [Fact]
    public void Compare_with_Verbose_reports_the_counts_and_nothing_prompts()
    {
        using var session = new ModuleSession();
        using var run = session.Run(@"
            $nzqa = @(
                [NzqaSync.Domain.EnrolmentRecord]@{ Nsn = '100000001'; FirstName = 'Aroha'; LastName = 'Ngata'; EnrolmentDate = [datetime]'2025-02-03'; YearLevel = 11 }
                [NzqaSync.Domain.EnrolmentRecord]@{ Nsn = '100000002'; FirstName = 'Tama'; LastName = 'Kereama'; EnrolmentDate = [datetime]'2025-02-03'; YearLevel = 11 }
                [NzqaSync.Domain.EnrolmentRecord]@{ Nsn = '100000009'; FirstName = 'Mere'; LastName = 'Tūhoe'; EnrolmentDate = [datetime]'2024-02-01'; YearLevel = 12 }
            )
            $local = @(
                [pscustomobject]@{ NSN = '100000001'; 'First Name' = 'Aroha'; Surname = 'Ngata'; 'Enrolment Date' = '2025-02-03'; 'Year Level' = 11 }
                [pscustomobject]@{ NSN = '100000002'; 'First Name' = 'Tama'; Surname = 'Kereama'; 'Enrolment Date' = '2025-02-03'; 'Year Level' = 12 }
                [pscustomobject]@{ NSN = '100000003'; 'First Name' = 'Hēmi'; Surname = 'Walker'; 'Enrolment Date' = '2026-02-02'; 'Year Level' = 9 }
                [pscustomobject]@{ NSN = 'abc'; 'First Name' = 'No'; Surname = 'Number'; 'Enrolment Date' = '2026-02-02'; 'Year Level' = 9 }
            )
            $local | Compare-NzqaEnrolment -NzqaRecord $nzqa -Verbose -ErrorAction SilentlyContinue", toHost: true);

        Assert.Null(run.Thrown);
        var verbose = run.Verbose.Select(v => v.Message).ToArray();
        Assert.Contains(verbose, m => m.Contains("Compared 4 local enrolments with NZQA") &&
                                      m.Contains("Match 1") && m.Contains("New 1") && m.Contains("Different 1") &&
                                      m.Contains("NzqaOnly 1") && m.Contains("Invalid 1"));
        Assert.Equal(0, session.Host.Prompts);
        // The diffs went to the host as the default table.
        Assert.Contains(session.Host.Lines, l => l.StartsWith("Status") && l.Contains("Nsn") && l.Contains("Differences"));
        Assert.Contains(session.Host.Lines, l => l.Contains("Hēmi Walker"));
    }
}
