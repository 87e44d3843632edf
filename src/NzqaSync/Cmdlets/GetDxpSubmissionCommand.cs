using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The submission token for a return (POST token/{returnId}): its expiry, maxRecordPerBatch, status and validation
/// runs. The connection keeps the token and reuses it while it has more than a minute left; -Renew asks for a new one.
/// </summary>
[Cmdlet(VerbsCommon.Get, "DxpSubmission")]
[OutputType(typeof(DxpSubmission))]
public sealed class GetDxpSubmissionCommand : DxpApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string ReturnId { get; set; }

    /// <summary>Ask DXP again even when the connection holds a live token (DXP returns the same token while it is valid).</summary>
    [Parameter]
    public SwitchParameter Renew { get; set; }

    private Api.DxpConnection _connection;

    protected override void Begin() => _connection = ResolveConnection();

    protected override void ProcessRecord()
    {
        WriteVerbose($"POST token/{ReturnId} (EID {_connection.Edumis}){(Renew ? ", renewing" : " unless a live token is held")}.");
        try
        {
            WriteObject(Await(_connection.GetSubmissionAsync(ReturnId, StopToken, renew: Renew), _connection.Sender));
        }
        catch (Exception ex) when (!(ex is PipelineStoppedException))
        {
            WriteError(DxpError(ex, ReturnId));
        }
    }
}
