using System.Collections.ObjectModel;

namespace NzqaSync.Domain;

/// <summary>
/// A read-only list whose text is its items' text joined with "; ": what Export-Csv (and any string conversion)
/// writes for a list property, instead of the list's type name.
/// </summary>
public sealed class TextList<T> : ReadOnlyCollection<T>
{
    public TextList(IList<T> items) : base(items) { }

    public override string ToString() => string.Join("; ", this.Select(i => i?.ToString()));
}

public static class TextList
{
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> items) =>
        items as TextList<T> ?? new TextList<T>((items ?? Enumerable.Empty<T>()).ToList());
}
