namespace NzqaSync.HelpGen;

/// <summary>One example: a title, the code, and what it does (paragraphs).</summary>
public sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A related link: text, and a URI when it is a web link.</summary>
public sealed record HelpLink(string Text, string Uri);

/// <summary>
/// The hand-written half of a cmdlet's help, read from docs/help/&lt;Verb-Noun&gt;.md (format: docs/help/README.md).
/// Everything about parameters that reflection knows (type, mandatory, position, pipeline input, sets) is not here.
/// </summary>
public sealed class HelpSource
{
    public string Path { get; init; } = "";
    public string Name { get; set; } = "";
    public List<string> Synopsis { get; } = new();
    public List<string> Description { get; } = new();
    public Dictionary<string, List<string>> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<string>> Inputs { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, List<string>> Outputs { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<HelpExample> Examples { get; } = new();
    public List<string> Notes { get; } = new();
    public List<HelpLink> Links { get; } = new();

    public static HelpSource Read(string path) => Parse(File.ReadAllText(path), path);

    public static HelpSource Parse(string text, string path = "")
    {
        var source = new HelpSource { Path = path };
        string section = null, sub = null;
        var body = new List<string>();

        void Flush()
        {
            if (section == null) { body.Clear(); return; }
            var lines = body.ToList();
            body.Clear();
            switch (section)
            {
                case "SYNOPSIS": source.Synopsis.AddRange(Paragraphs(lines)); break;
                case "DESCRIPTION": source.Description.AddRange(Paragraphs(lines)); break;
                case "NOTES": source.Notes.AddRange(Paragraphs(lines)); break;
                case "PARAMETERS" when sub != null: source.Parameters[sub.TrimStart('-').Trim()] = Paragraphs(lines); break;
                case "INPUTS" when sub != null: source.Inputs[sub.Trim()] = Paragraphs(lines); break;
                case "OUTPUTS" when sub != null: source.Outputs[sub.Trim()] = Paragraphs(lines); break;
                case "EXAMPLES" when sub != null: source.Examples.Add(Example(sub, lines)); break;
                case "RELATED LINKS":
                    foreach (var line in lines.Select(l => l.Trim()).Where(l => l.StartsWith("- ") || l.StartsWith("* ")))
                        source.Links.Add(Link(line.Substring(2).Trim()));
                    break;
            }
        }

        var inFence = false;
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```")) inFence = !inFence;
            if (!inFence && line.StartsWith("# ") && !line.StartsWith("## "))
            {
                source.Name = line.Substring(2).Trim();
                continue;
            }
            if (!inFence && line.StartsWith("## "))
            {
                Flush();
                section = line.Substring(3).Trim().ToUpperInvariant();
                sub = null;
                continue;
            }
            if (!inFence && line.StartsWith("### "))
            {
                Flush();
                sub = line.Substring(4).Trim();
                continue;
            }
            body.Add(line);
        }
        Flush();
        return source;
    }

    private static HelpExample Example(string title, List<string> lines)
    {
        var code = new StringBuilder();
        var rest = new List<string>();
        var inCode = false;
        var codeDone = false;
        foreach (var line in lines)
        {
            if (!codeDone && line.TrimStart().StartsWith("```"))
            {
                if (inCode) codeDone = true;
                inCode = !inCode;
                continue;
            }
            if (inCode) code.Append(line).Append('\n');
            else rest.Add(line);
        }
        return new HelpExample(title, code.ToString().TrimEnd('\n'), Paragraphs(rest));
    }

    private static HelpLink Link(string text)
    {
        // [text](uri) or plain text (another command or an about_ topic).
        if (text.StartsWith("[") && text.Contains("](") && text.EndsWith(")"))
        {
            var split = text.IndexOf("](", StringComparison.Ordinal);
            return new HelpLink(text.Substring(1, split - 1), text.Substring(split + 2, text.Length - split - 3));
        }
        return new HelpLink(text, "");
    }

    /// <summary>Blank-line separated paragraphs; list items and fenced code stay as their own paragraphs.</summary>
    public static List<string> Paragraphs(IEnumerable<string> lines)
    {
        var result = new List<string>();
        var current = new List<string>();
        var fence = (List<string>)null;
        void End()
        {
            if (current.Count > 0) result.Add(string.Join(" ", current.Select(l => l.Trim())));
            current.Clear();
        }
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```"))
            {
                if (fence == null) { End(); fence = new List<string>(); }
                else { result.Add(string.Join("\n", fence)); fence = null; }
                continue;
            }
            if (fence != null) { fence.Add(line); continue; }
            if (string.IsNullOrWhiteSpace(line)) { End(); continue; }
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("- ") || trimmed.StartsWith("* ")) End();
            current.Add(line);
        }
        End();
        if (fence != null) result.Add(string.Join("\n", fence));
        return result;
    }
}
