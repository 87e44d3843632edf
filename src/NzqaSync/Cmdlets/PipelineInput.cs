using System.Collections;
using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>What came down the pipeline as the items it holds: an array or list is its items; a string or hashtable is one item.</summary>
internal static class PipelineInput
{
    public static IEnumerable Items(object input)
    {
        if (input is PSObject pso && pso.BaseObject is IEnumerable wrapped && !(pso.BaseObject is string) && !(pso.BaseObject is IDictionary)) return wrapped;
        if (input is IEnumerable many && !(input is string) && !(input is IDictionary)) return many;
        return new[] { input };
    }

    /// <summary>
    /// The base objects of what came down the pipeline: a collection's items, each unwrapped from its PSObject (a
    /// string is one item; so is a hashtable when <paramref name="dictionaryIsOneItem"/>), else the object itself.
    /// </summary>
    public static IEnumerable<object> BaseObjects(object input, bool dictionaryIsOneItem = false)
    {
        var value = input is PSObject pso ? pso.BaseObject : input;
        if (value is IEnumerable many && !(value is string) && !(dictionaryIsOneItem && value is IDictionary))
        {
            foreach (var item in many) yield return item is PSObject p ? p.BaseObject : item;
        }
        else yield return value;
    }
}
