using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;

namespace NzqaSync.Tests.Architecture;

/// <summary>
/// Error ids live in one place (src/NzqaSync/ErrorIds.cs) and every one is documented (docs/errors.md): a literal id
/// anywhere else in the module, an id without a row in the doc, or a row for an id that no longer exists fails here.
/// </summary>
public class ErrorIdTests
{
    private static readonly Regex IdLiteral = new(@"""((?:Nzqa|Dxp)[A-Z][A-Za-z0-9]+)""", RegexOptions.Compiled);

    /// <summary>Strings that look like ids but are not: import kinds and DXP datasets, a status, the module's name, type names in messages.</summary>
    private static readonly HashSet<string> NotIds = new(StringComparer.Ordinal)
    {
        "NzqaSync", "NzqaOnly", "NzqaRoutes", "DxpValidationRunStatus", "DxpRecordNormaliser", "DxpCodes", "DxpRecordValidator",
        "DxpCourse", "DxpCourseCompletion", "DxpCourseEnrolment", "DxpLearner", "DxpQualificationCompletion",
    };

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "NzqaSync.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NzqaSync.sln not found above " + AppContext.BaseDirectory);
    }

    private static HashSet<string> Declared() => typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToHashSet(StringComparer.Ordinal);

    internal static IEnumerable<string> ModuleSources() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", "NzqaSync"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar));

    /// <summary>Literal ids in code (not comments, not [Cmdlet(...)] nouns): file:line → id.</summary>
    internal static List<(string Where, string Id)> LiteralIds(IEnumerable<string> files)
    {
        var found = new List<(string, string)>();
        foreach (var file in files)
        {
            if (Path.GetFileName(file) == "ErrorIds.cs") continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("//", StringComparison.Ordinal) || line.Contains("[Cmdlet(", StringComparison.Ordinal)) continue;
                foreach (Match m in IdLiteral.Matches(line))
                    if (!NotIds.Contains(m.Groups[1].Value)) found.Add(($"{Path.GetFileName(file)}:{i + 1}", m.Groups[1].Value));
            }
        }
        return found;
    }

    private static HashSet<string> Documented()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
        return Regex.Matches(text, @"^\|\s*`((?:Nzqa|Dxp)[A-Za-z0-9]+)`\s*\|", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void Every_id_written_in_the_module_is_declared_in_ErrorIds()
    {
        var declared = Declared();
        var undeclared = LiteralIds(ModuleSources()).Where(l => !declared.Contains(l.Id)).Select(l => $"{l.Where} {l.Id}").ToList();
        Assert.True(undeclared.Count == 0, "Declare these in src/NzqaSync/ErrorIds.cs and document them in docs/errors.md:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void The_scan_finds_an_undeclared_literal_id()
    {
        var file = Path.Combine(Path.GetTempPath(), "nzqasync-errorid-" + Guid.NewGuid().ToString("N") + ".cs");
        File.WriteAllLines(file, new[] { "// \"NzqaInComment\"", "[Cmdlet(VerbsData.Sync, \"NzqaStandard\")]", "throw Error(\"NzqaMadeUpId\", x);" });
        try { Assert.Equal(new[] { "NzqaMadeUpId" }, LiteralIds(new[] { file }).Select(l => l.Id).ToArray()); }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Every_declared_id_is_documented_and_every_documented_id_is_declared()
    {
        var declared = Declared();
        var documented = Documented();
        var missing = declared.Except(documented).OrderBy(x => x).ToList();
        var stale = documented.Except(declared).OrderBy(x => x).ToList();
        Assert.True(missing.Count == 0, "Ids with no row in docs/errors.md: " + string.Join(", ", missing));
        Assert.True(stale.Count == 0, "Rows in docs/errors.md for ids the module no longer declares: " + string.Join(", ", stale));
    }

    [Fact]
    public void A_service_answer_by_HTTP_class_is_declared_for_both_services()
    {
        // ServiceErrorIds holds one id per kind of failed call for NZQA and for DXP: the same suffixes, every id declared.
        var type = typeof(NzqaSync.Cmdlets.ServiceErrorIds);
        string[] Ids(string service)
        {
            var set = type.GetField(service, BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
            return type.GetProperties().Select(p => (string)p.GetValue(set)!).ToArray();
        }
        var nzqa = Ids("Nzqa");
        var dxp = Ids("Dxp");
        Assert.True(nzqa.Length >= 10, "ServiceErrorIds lists the kinds of failure");
        Assert.All(nzqa, id => Assert.StartsWith("Nzqa", id));
        Assert.All(dxp, id => Assert.StartsWith("Dxp", id));
        Assert.Equal(nzqa.Select(id => id.Substring("Nzqa".Length)), dxp.Select(id => id.Substring("Dxp".Length)));
        var declared = Declared();
        var missing = nzqa.Concat(dxp).Where(id => !declared.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "Declare in ErrorIds: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("NSN_CONFLICT: NSN 100000001 belongs to a learner with another date of birth.", "NzqaRefusedNsnConflict")]
    [InlineData("LEARNER_UNKNOWN: No learner with NSN 9999999999 is registered with NZQA.", "NzqaRefusedLearnerUnknown")]
    [InlineData("FIELD_INVALID: entryMethod is not valid.", "NzqaRefusedFieldInvalid")]
    [InlineData("SOMETHING_NEW: a code nobody has seen", "NzqaSyncFailed")]
    [InlineData("The connection was closed before an answer came.", "NzqaSyncFailed")]
    public void A_refusal_gets_the_id_of_NZQAs_code(string error, string id) =>
        Assert.Equal(id, ErrorIds.ForNzqaRefusal(new[] { error }));

    [Fact]
    public void Every_item_code_the_sandbox_gives_has_a_specific_id()
    {
        // The sandbox is the oracle for NZQA's item codes (docs/api-contract.md lists them as assumptions).
        var codes = Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src", "NzqaSync.Sandbox", "Nzqa"), "*.cs")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\b(?:Fail|Err|Error|Refuse)\w*\([^)]*?""([A-Z][A-Z_]{3,})""").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        Assert.NotEmpty(codes);
        var generic = codes.Where(c => ErrorIds.ForNzqaRefusal(new[] { c + ": x" }) == ErrorIds.NzqaSyncFailed).ToList();
        Assert.True(generic.Count == 0, "NZQA item codes with no specific id: " + string.Join(", ", generic));
    }
}
