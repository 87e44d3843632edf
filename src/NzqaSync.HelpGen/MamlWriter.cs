using System.Collections;
using System.Management.Automation;
using System.Xml.Linq;

namespace NzqaSync.HelpGen;

/// <summary>
/// Writes one cmdlet's MAML (the format Get-Help reads for binary modules) from its hand-written source and the
/// metadata the engine reports for it. Nothing about a parameter's shape is typed by hand.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    /// <summary>The parameters every ShouldProcess cmdlet has; described here unless a source says otherwise.</summary>
    public static readonly IReadOnlyDictionary<string, string> StandardDescriptions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. Nothing is changed and nothing is sent.",
        ["Confirm"] = "Asks for confirmation before each change. Without it nothing prompts, so scheduled scripts run unattended.",
    };

    public static bool IsCommon(string name) => Cmdlet.CommonParameters.Contains(name);

    /// <summary>Parameters that need a description: all but the common ones (WhatIf and Confirm included).</summary>
    public static IEnumerable<ParameterMetadata> DescribedParameters(CmdletInfo cmdlet) =>
        cmdlet.Parameters.Values.Where(p => !IsCommon(p.Name)).OrderBy(p => Order(cmdlet, p));

    private static int Order(CmdletInfo cmdlet, ParameterMetadata p)
    {
        var positions = p.ParameterSets.Values.Select(s => s.Position).Where(x => x >= 0).ToList();
        var optionalCommon = Cmdlet.OptionalCommonParameters.Contains(p.Name) ? 2000 : 0;
        return optionalCommon + (positions.Count > 0 ? positions.Min() : 1000);
    }

    public static XDocument Document(IEnumerable<XElement> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                commands));

    public static XElement Write(CmdletInfo cmdlet, HelpSource source)
    {
        var defaults = DefaultValues(cmdlet);
        var parameters = DescribedParameters(cmdlet).ToList();
        return new XElement(Command + "command",
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                new XElement(Maml + "description", Paras(source.Synopsis))),
            new XElement(Maml + "description", Paras(source.Description)),
            new XElement(Command + "syntax", SyntaxItems(cmdlet, source, defaults)),
            new XElement(Command + "parameters", parameters.Select(p => Parameter(p, AnySet(p), source, defaults))),
            new XElement(Command + "inputTypes", InputTypes(cmdlet, source)),
            new XElement(Command + "returnValues", OutputTypes(cmdlet, source)),
            source.Notes.Count > 0 ? new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(source.Notes))) : null,
            new XElement(Command + "examples", source.Examples.Select((e, i) => new XElement(Command + "example",
                new XElement(Maml + "title", $"--------- Example {i + 1}: {StripExampleNumber(e.Title)} ---------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paras(e.Remarks))))),
            new XElement(Command + "relatedLinks", source.Links.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
    }

    private static string StripExampleNumber(string title)
    {
        // "Example 1: Compare ..." -> "Compare ..." (the number is added back in order).
        var colon = title.IndexOf(':');
        return title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) && colon > 0 ? title.Substring(colon + 1).Trim() : title;
    }

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static ParameterSetMetadata AnySet(ParameterMetadata p) =>
        p.ParameterSets.Values.FirstOrDefault(s => s.IsMandatory) ?? p.ParameterSets.Values.First();

    private static IEnumerable<XElement> SyntaxItems(CmdletInfo cmdlet, HelpSource source, IReadOnlyDictionary<string, string> defaults)
    {
        var sets = cmdlet.ParameterSets.OrderByDescending(s => s.IsDefault).ToList();
        foreach (var set in sets)
        {
            var inSet = set.Parameters.Where(p => !IsCommon(p.Name))
                .OrderBy(p => p.Position >= 0 ? p.Position : 1000)
                .ThenByDescending(p => p.IsMandatory)
                .ThenBy(p => Cmdlet.OptionalCommonParameters.Contains(p.Name) ? 1 : 0)
                .ToList();
            yield return new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                inSet.Select(p =>
                {
                    var meta = cmdlet.Parameters[p.Name];
                    var setMeta = meta.ParameterSets.TryGetValue(set.Name, out var s) ? s : meta.ParameterSets.Values.First();
                    return Parameter(meta, setMeta, source, defaults);
                }));
        }
    }

    private static XElement Parameter(ParameterMetadata p, ParameterSetMetadata set, HelpSource source, IReadOnlyDictionary<string, string> defaults)
    {
        var isSwitch = p.SwitchParameter;
        var typeName = FriendlyName(p.ParameterType);
        var description = source.Parameters.TryGetValue(p.Name, out var d) ? new List<string>(d)
            : StandardDescriptions.TryGetValue(p.Name, out var std) ? new List<string> { std } : new List<string>();
        var validateSet = p.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        if (validateSet != null) description.Add("Accepted values: " + string.Join(", ", validateSet.ValidValues) + ".");
        var range = p.Attributes.OfType<ValidateRangeAttribute>().FirstOrDefault();
        if (range != null) description.Add($"Accepted range: {range.MinRange} to {range.MaxRange}.");

        var pipeline = set.ValueFromPipeline && set.ValueFromPipelineByPropertyName ? "True (ByValue, ByPropertyName)"
            : set.ValueFromPipeline ? "True (ByValue)"
            : set.ValueFromPipelineByPropertyName ? "True (ByPropertyName)"
            : "False";
        var aliases = p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none";
        var position = set.Position >= 0 ? set.Position.ToString() : "named";
        return new XElement(Command + "parameter",
            new XAttribute("required", set.IsMandatory ? "true" : "false"),
            new XAttribute("variableLength", p.ParameterType.IsArray ? "true" : "false"),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position),
            new XAttribute("aliases", aliases),
            new XElement(Maml + "name", p.Name),
            new XElement(Maml + "description", Paras(description)),
            validateSet == null ? null : new XElement(Command + "parameterValueGroup",
                validateSet.ValidValues.Select(v => new XElement(Command + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
            isSwitch ? null : new XElement(Command + "parameterValue",
                new XAttribute("required", "true"), new XAttribute("variableLength", p.ParameterType.IsArray ? "true" : "false"), typeName),
            new XElement(Dev + "type", new XElement(Maml + "name", typeName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", defaults.TryGetValue(p.Name, out var dv) ? dv : isSwitch ? "False" : "None"));
    }

    private static IEnumerable<XElement> InputTypes(CmdletInfo cmdlet, HelpSource source)
    {
        var types = cmdlet.Parameters.Values
            .Where(p => p.ParameterSets.Values.Any(s => s.ValueFromPipeline || s.ValueFromPipelineByPropertyName))
            .Select(p => p.ParameterType.FullName ?? p.ParameterType.Name)
            .Concat(source.Inputs.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (types.Count == 0) types.Add("None");
        return types.Select(t => TypeEntry(Command + "inputType", t, Describe(source.Inputs, t)));
    }

    private static IEnumerable<XElement> OutputTypes(CmdletInfo cmdlet, HelpSource source)
    {
        var types = cmdlet.OutputType.Where(t => t.Type != typeof(void)).Select(t => t.Type?.FullName ?? t.Name)
            .Concat(source.Outputs.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (types.Count == 0) types.Add("None");
        return types.Select(t => TypeEntry(Command + "returnValue", t, Describe(source.Outputs, t)));
    }

    private static List<string> Describe(Dictionary<string, List<string>> described, string fullName)
    {
        if (described.TryGetValue(fullName, out var d)) return d;
        var shortName = fullName.Split('.').Last();
        return described.TryGetValue(shortName, out d) ? d : new List<string>();
    }

    private static XElement TypeEntry(XName name, string type, IEnumerable<string> description) =>
        new(name,
            new XElement(Dev + "type", new XElement(Maml + "name", type)),
            new XElement(Maml + "description", Paras(description)));

    /// <summary>String[], Hashtable, NzqaConnection: the names PowerShell users see.</summary>
    public static string FriendlyName(Type type)
    {
        if (type.IsArray) return FriendlyName(type.GetElementType()!) + "[]";
        var nullable = Nullable.GetUnderlyingType(type);
        if (nullable != null) return FriendlyName(nullable);
        return type.Name;
    }

    /// <summary>Property initialisers of the cmdlet class (BatchSize = 100) are the parameters' defaults.</summary>
    private static IReadOnlyDictionary<string, string> DefaultValues(CmdletInfo cmdlet)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        object instance;
        try { instance = Activator.CreateInstance(cmdlet.ImplementingType); }
        catch { return found; }
        foreach (var p in cmdlet.Parameters.Values.Where(p => !IsCommon(p.Name) && !p.SwitchParameter))
        {
            var property = cmdlet.ImplementingType.GetProperty(p.Name);
            if (property == null || !property.CanRead) continue;
            object value;
            try { value = property.GetValue(instance); }
            catch { continue; }
            if (value == null || value is ICollection) continue;
            var type = property.PropertyType;
            if (type.IsValueType && Equals(value, Activator.CreateInstance(type))) continue;
            found[p.Name] = value.ToString();
        }
        (instance as IDisposable)?.Dispose();
        return found;
    }
}
