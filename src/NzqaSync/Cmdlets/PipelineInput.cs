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
}
