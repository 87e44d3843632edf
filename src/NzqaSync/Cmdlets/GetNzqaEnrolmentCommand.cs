using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Domain;

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

    /// <summary>What NZQA holds: this provider's current enrolments.</summary>
    [Cmdlet(VerbsCommon.Get, "NzqaEnrolment")]
    [OutputType(typeof(EnrolmentRecord))]
    public sealed class GetNzqaEnrolmentCommand : GetNzqaCmdlet<EnrolmentRecord>
    {
        protected override string What => "enrolments";
        protected override Task<List<EnrolmentRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) => c.Client.GetEnrolmentsAsync(progress, ct);
    }

    /// <summary>What NZQA holds: the identity details of this provider's learners.</summary>
    [Cmdlet(VerbsCommon.Get, "NzqaLearner")]
    [OutputType(typeof(LearnerRecord))]
    public sealed class GetNzqaLearnerCommand : GetNzqaCmdlet<LearnerRecord>
    {
        protected override string What => "learners";
        protected override Task<List<LearnerRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) => c.Client.GetLearnersAsync(progress, ct);
    }

    /// <summary>What NZQA holds: this provider's standard entries with their results.</summary>
    [Cmdlet(VerbsCommon.Get, "NzqaStandard")]
    [OutputType(typeof(StandardRecord))]
    public sealed class GetNzqaStandardCommand : GetNzqaCmdlet<StandardRecord>
    {
        [Parameter]
        [ValidateRange(2000, 2100)]
        public int AcademicYear { get; set; }

        protected override string What => "standard entries";

        protected override Task<List<StandardRecord>> ReadAsync(NzqaConnection c, Action<int, int> progress, CancellationToken ct) =>
            c.Client.GetStandardsAsync(MyInvocation.BoundParameters.ContainsKey(nameof(AcademicYear)) ? AcademicYear : (int?)null, progress, ct);
    }
}

namespace NzqaSync.Cmdlets
{
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
            var all = await c.Client.GetCatalogueAsync(ct).ConfigureAwait(false);
            RecentValues.RememberStandards(all.Select(d => d.Number));
            return Number == null ? all : all.FindAll(d => Array.IndexOf(Number, d.Number) >= 0);
        }
    }
}
