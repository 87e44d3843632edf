using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>The returns (reporting periods) DXP lists for the EDUMIS: returnId, window, status and type.</summary>
[Cmdlet(VerbsCommon.Get, "DxpReturn")]
[OutputType(typeof(DxpReturn))]
public sealed class GetDxpReturnCommand : DxpApiCmdlet
{
    /// <summary>Include the Indicative return (IND, 1–6 March) as well as the Full SDR returns.</summary>
    [Parameter]
    public SwitchParameter IncludeIndicative { get; set; }

    /// <summary>Only these returns (like 202604); wildcards allowed.</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string[] ReturnId { get; set; }

    protected override void EndProcessing()
    {
        var connection = ResolveConnection();
        WriteVerbose($"GET returns (EID {connection.Edumis}, includeIndicative={(IncludeIndicative ? "true" : "false")}).");
        try
        {
            var returns = Await(connection.Client.GetReturnsAsync(IncludeIndicative, StopToken), connection.Sender);
            var patterns = ReturnId?.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase)).ToArray();
            foreach (var r in returns)
                if (patterns == null || patterns.Any(p => p.IsMatch(r.ReturnId ?? ""))) WriteObject(r);
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            ThrowTerminatingError(DxpError(ex, connection.BaseUri));
        }
    }
}
