namespace NzqaSync.Domain;

/// <summary>
/// Long text (errors, differences, progress) for a wrapping table column of the module's format views
/// (module/NzqaSync.format.ps1xml), broken into lines of at most the column's width at 80 console columns.
/// PowerShell's own table wrap cuts at the column edge, mid-word ("No lear|ner with N|SN"); these lines break
/// between words, and a list joined with "; " shows each item from a new line.
/// </summary>
public static class ColumnText
{
    /// <summary>
    /// <paramref name="text"/> as lines of at most <paramref name="width"/> characters joined with "\n": broken at
    /// spaces, after each "; " (the ";" kept), and at line breaks already there. Only a word longer than the width is
    /// cut. Null or empty gives "".
    /// </summary>
    public static string Wrap(string text, int width)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (width < 1) width = 1;
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Replace("; ", ";\n").Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var rest = word;
                if (line.Length > 0 && line.Length + 1 + rest.Length <= width)
                {
                    line.Append(' ').Append(rest);
                    continue;
                }
                if (line.Length > 0) { lines.Add(line.ToString()); line.Clear(); }
                while (rest.Length > width)
                {
                    lines.Add(rest.Substring(0, width));
                    rest = rest.Substring(width);
                }
                line.Append(rest);
            }
            if (line.Length > 0) lines.Add(line.ToString());
        }
        return string.Join("\n", lines);
    }
}
