using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>The issues of the submission's Processed validation run (GET validation/results), every page, one object per issue.</summary>
[Cmdlet(VerbsCommon.Get, "DxpValidationResult", DefaultParameterSetName = ParameterSets.ReturnId)]
[OutputType(typeof(DxpValidationResult))]
public sealed class GetDxpValidationResultCommand : DxpReturnCmdlet
{
    /// <summary>Only Errors or only Warnings.</summary>
    [Parameter]
    [ValidateSet("Error", "Warning")]
    public string ErrorType { get; set; }

    /// <summary>Issues asked for per request (DXP allows 1–1000).</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int PageSize { get; set; } = DxpRoutes.PageSize;

    protected override void ProcessRecord()
    {
        var returnId = CurrentReturnId();
        WriteVerbose($"GET validation/results (pages of {PageSize}) for return {returnId}.");
        if (!TryCall(returnId, s => Dxp.Client.GetValidationResultsAsync(s.SubmissionToken, PageSize, StopToken), out var issues)) return;
        foreach (var issue in issues)
            if (ErrorType == null || string.Equals(issue.ErrorType, ErrorType, StringComparison.OrdinalIgnoreCase)) WriteObject(issue);
        WriteVerbose($"Read {issues.Count} validation issues for return {returnId}.");
    }
}
