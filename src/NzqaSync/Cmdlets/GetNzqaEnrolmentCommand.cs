using System;
using System.Management.Automation;
using NzqaSync.Domain;

namespace NzqaSync.Cmdlets
{
    /// <summary>What NZQA holds: this provider's current enrolments.</summary>
    [Cmdlet(VerbsCommon.Get, "NzqaEnrolment")]
    [OutputType(typeof(EnrolmentRecord))]
    public sealed class GetNzqaEnrolmentCommand : NzqaApiCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var fetch = new FetchProgress(this, 1, "Reading NZQA enrolments", connection.ProviderNumber);
            WriteVerbose($"GET {connection.BaseUri} enrolments of provider {connection.ProviderNumber} (pages of {Api.NzqaRoutes.PageSize}).");
            try
            {
                var records = Await(connection.Client.GetEnrolmentsAsync(fetch.Report, Stopping), connection.Sender, fetch.Tick);
                fetch.Complete();
                WriteVerbose($"NZQA holds {records.Count} enrolments for provider {connection.ProviderNumber}.");
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
