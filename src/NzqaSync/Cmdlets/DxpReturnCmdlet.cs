using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The DXP cmdlets that work on one return: -ReturnId (also by property name, so Get-DxpReturn and Send-Dxp* results
/// pipe in) or -Submission (its token reused). Send-Dxp* and Compare-DxpRecord declare their own: their pipeline
/// carries records, which must not bind a return id.
/// </summary>
public abstract class DxpReturnCmdlet : DxpApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ReturnId, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string ReturnId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Submission)]
    public DxpSubmission Submission { get; set; }

    /// <summary>The connection in use (-Connection, else the session's).</summary>
    protected DxpConnection Dxp { get; private set; }

    protected override void Begin() => Dxp = ResolveConnection();

    /// <summary>The return of this record: -ReturnId, or -Submission's (remembered on the connection so its token is reused).</summary>
    protected string CurrentReturnId() => ReturnIdOf(Dxp, ReturnId, Submission);

    /// <summary>The dataset's route name, or null after a DxpUnknownDataset error naming the kinds there are.</summary>
    protected string DatasetOrError(string dataset)
    {
        var normalised = DxpDatasets.Normalise(dataset);
        if (normalised == null)
            WriteError(new ErrorRecord(new ArgumentException($"Dataset '{dataset}' is not {DxpDatasets.KindList}."), ErrorIds.DxpUnknownDataset, ErrorCategory.InvalidArgument, dataset));
        return normalised;
    }

    /// <summary>Calls DXP with the return's submission token; a failure is a non-terminating error naming the return (false).</summary>
    protected bool TryCall<T>(string returnId, Func<DxpSubmission, Task<T>> call, out T result) => TryCall(Dxp, returnId, call, out result, out _);
}
