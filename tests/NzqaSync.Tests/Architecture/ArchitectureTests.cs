using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NzqaSync.Tests.Architecture;

/// <summary>
/// The layers of docs/architecture.md, enforced on the built module assembly. Each layer lists what it may not
/// reference; a type in a layer that reaches one of those namespaces fails the test with the type and what it reached.
/// </summary>
public class ArchitectureTests
{
    private const string Sma = "System.Management.Automation";

    /// <summary>Layer (namespace) → namespaces (prefixes) it must not reference. Mirrors docs/architecture.md.</summary>
    internal static readonly Dictionary<string, string[]> Forbidden = new()
    {
        // Records, value types and the seeds' rules: no PowerShell, no wire format, no HTTP, no other layer.
        ["NzqaSync.Domain"] = new[] { Sma, "Newtonsoft.Json", "System.Net.Http", "NzqaSync.Api", "NzqaSync.Compare", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Report", "NzqaSync.Module" },
        // Pure comparison: no I/O, no PowerShell.
        ["NzqaSync.Compare"] = new[] { Sma, "Newtonsoft.Json", "System.Net.Http", "NzqaSync.Api", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Report", "NzqaSync.Module" },
        // HTTP, tokens, routes and wire contracts: credentials arrive as NetworkCredential, never a PSCredential.
        // It may hand the journal's record types (a redacted HttpExchange) down to the store; it never writes it.
        ["NzqaSync.Api"] = new[] { Sma, "NzqaSync.Compare", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Report", "NzqaSync.Module" },
        // The journal store: files and JSON lines, nothing above it.
        ["NzqaSync.Journal"] = new[] { Sma, "System.Net.Http", "NzqaSync.Api", "NzqaSync.Compare", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Report", "NzqaSync.Module" },
        // Plans and runs pushes through the API clients; the API layer owns routes and HTTP verbs.
        ["NzqaSync.Sync"] = new[] { Sma, "System.Net.Http", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Report", "NzqaSync.Module" },
        // Local data → typed records (reads PowerShell objects, so it may use the engine's types).
        ["NzqaSync.Sources"] = new[] { "System.Net.Http", "NzqaSync.Api", "NzqaSync.Sync", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Report", "NzqaSync.Module" },
        // The HTML review page from diffs and results.
        ["NzqaSync.Report"] = new[] { Sma, "System.Net.Http", "NzqaSync.Api", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Module" },
        // Files that hold secrets at rest (credential files): checks on the file, nothing above it.
        ["NzqaSync.Secrets"] = new[] { Sma, "System.Net.Http", "NzqaSync.Api", "NzqaSync.Compare", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Report", "NzqaSync.Module" },
        // Module loading only.
        ["NzqaSync.Module"] = new[] { "NzqaSync.Api", "NzqaSync.Compare", "NzqaSync.Sync", "NzqaSync.Sources", "NzqaSync.Cmdlets", "NzqaSync.Journal", "NzqaSync.Report", "NzqaSync.Domain" },
    };

    /// <summary>
    /// Known wrong-way references still to be removed (docs/architecture.md, "Debt"). Exact type → namespace pairs:
    /// a new violation fails, and so does an entry here that no longer occurs, so the list only shrinks.
    /// </summary>
    internal static readonly string[] KnownDebt =
    {
    };

    private static string ModulePath => typeof(NzqaSync.Api.NzqaConnection).Assembly.Location;

    internal static List<string> Violations(string assemblyPath)
    {
        var violations = new List<string>();
        foreach (var (type, refs) in LayerDependencies.Read(assemblyPath))
        {
            var ns = LayerDependencies.NamespaceOf(type);
            if (string.IsNullOrEmpty(ns) || ns == "NzqaSync") continue;
            var layer = Forbidden.Keys.Where(k => ns == k || ns.StartsWith(k + ".", StringComparison.Ordinal)).OrderByDescending(k => k.Length).FirstOrDefault();
            if (layer == null) continue;
            foreach (var r in refs)
                foreach (var f in Forbidden[layer])
                    if (r == f || r.StartsWith(f + ".", StringComparison.Ordinal))
                        violations.Add($"{Outermost(type).FullName} ({layer}) references {r}");
        }
        return violations.Distinct().OrderBy(v => v, StringComparer.Ordinal).ToList();
    }

    private static Mono.Cecil.TypeDefinition Outermost(Mono.Cecil.TypeDefinition type)
    {
        while (type.DeclaringType != null) type = type.DeclaringType;
        return type;
    }

    [Fact]
    public void No_type_reaches_a_layer_it_may_not()
    {
        var violations = Violations(ModulePath);
        var added = violations.Except(KnownDebt).ToList();
        Assert.True(added.Count == 0, "Layer violations (see docs/architecture.md):\n" + string.Join("\n", added));
    }

    [Fact]
    public void The_known_debt_list_holds_only_what_still_occurs()
    {
        var paid = KnownDebt.Except(Violations(ModulePath)).ToList();
        Assert.True(paid.Count == 0, "No longer violated; remove from KnownDebt and docs/architecture.md:\n" + string.Join("\n", paid));
    }

    [Fact]
    public void Every_namespace_of_the_module_is_a_known_layer()
    {
        var namespaces = LayerDependencies.Read(ModulePath).Keys.Select(LayerDependencies.NamespaceOf)
            .Where(n => !string.IsNullOrEmpty(n) && n.StartsWith("NzqaSync", StringComparison.Ordinal)).Distinct().ToList();
        var unknown = namespaces.Where(n => n != "NzqaSync" && n != "NzqaSync.Cmdlets"
            && !Forbidden.Keys.Any(k => n == k || n.StartsWith(k + ".", StringComparison.Ordinal))).ToList();
        Assert.True(unknown.Count == 0, "Namespaces with no layer rule: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_check_sees_a_wrong_reference_when_there_is_one()
    {
        // The reader must see a reference in a method body, not only in signatures: the test assembly's own probe
        // type lives in a "NzqaSync.Domain" namespace and news up a PowerShell object inside a method.
        var violations = Violations(typeof(NzqaSync.Domain.ArchitectureProbe.WrongWay).Assembly.Location);
        Assert.Contains(violations, v => v.StartsWith("NzqaSync.Domain.ArchitectureProbe.WrongWay ", StringComparison.Ordinal) && v.EndsWith(" references System.Management.Automation", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("NzqaSync.Domain.ArchitectureProbe.WrongWay ", StringComparison.Ordinal) && v.EndsWith(" references NzqaSync.Api", StringComparison.Ordinal));
    }
}
