using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;

namespace NzqaSync.Cmdlets
{
    /// <summary>The shared body of Get-Nzqa*: read every page of one NZQA resource for this provider.</summary>
    public abstract class GetNzqaCmdlet<TRecord> : NzqaApiCmdlet
    {
        protected abstract string What { get; }
        protected abstract Task<List<TRecord>> ReadAsync(NzqaConnection connection, Action<int, int> progress, CancellationToken cancellationToken);

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var fetch = new FetchProgress(this, 1, $"Reading NZQA {What}", connection.ProviderNumber);
            WriteVerbose($"GET {connection.BaseUri} {What} of provider {connection.ProviderNumber} (pages of {NzqaRoutes.PageSize}).");
            try
            {
                var records = Await(ReadAsync(connection, fetch.Report, StopToken), connection.Sender, fetch.Tick);
                fetch.Complete();
                WriteVerbose($"NZQA holds {records.Count} {What} for provider {connection.ProviderNumber}.");
                WriteObject(records, true);
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                fetch.Complete();
                ThrowTerminatingError(ServiceError(ex, "Nzqa", connection.BaseUri));
            }
        }
    }
}
