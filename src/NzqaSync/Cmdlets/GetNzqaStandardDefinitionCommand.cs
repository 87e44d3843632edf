using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets;

/// <summary>NZQA's catalogue of standards: number, version, type, level, credits, internal or external.</summary>
[Cmdlet(VerbsCommon.Get, "NzqaStandardDefinition")]
[OutputType(typeof(StandardDefinition))]
public sealed class GetNzqaStandardDefinitionCommand : GetNzqaCmdlet<StandardDefinition>
{
    /// <summary>Only these standard numbers.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("StandardNumber")]
    [ArgumentCompleter(typeof(StandardNumberCompleter))]
    public string[] Number { get; set; }

    protected override string What => "standards in the catalogue";

    protected override async Task<List<StandardDefinition>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct)
    {
        var all = await c.Client.GetCatalogueAsync(ct, progress).ConfigureAwait(false);
        RecentValues.RememberStandards(all.Select(d => d.Number));
        return Number == null ? all : all.FindAll(d => Array.IndexOf(Number, d.Number) >= 0);
    }
}
