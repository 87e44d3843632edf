using NzqaSync.Api;

namespace NzqaSync.Cmdlets;

/// <summary>The shared body of Get-Nzqa*: read every page of one NZQA resource for this provider.</summary>
public abstract class GetNzqaCmdlet<TRecord> : NzqaApiCmdlet
{
    protected abstract string What { get; }
    protected abstract Task<List<TRecord>> ReadAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken);

    protected override void EndProcessing()
    {
        var connection = ResolveConnection();
        WriteVerbose($"GET {connection.BaseUri} {What} of provider {connection.ProviderNumber} (pages of {NzqaRoutes.PageSize}).");
        var records = Read(connection, $"Reading NZQA {What}", progress => ReadAsync(connection, progress, StopToken));
        WriteVerbose($"NZQA holds {records.Count} {What} for provider {connection.ProviderNumber}.");
        WriteObject(records, true);
    }
}
