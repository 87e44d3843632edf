using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using CsvHelper;
using CsvHelper.Configuration;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Reads back what DXP holds for one dataset of the submission (the CSV at submissionContentsUrl): typed records with
    /// New Zealand dates (DXP returns UTC), one per localId, or the CSV text with -Raw.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DxpSubmissionContent", DefaultParameterSetName = "ReturnId")]
    [OutputType(typeof(CourseEnrolmentRecord), typeof(QualificationCompletionRecord), typeof(string))]
    public sealed class GetDxpSubmissionContentCommand : DxpApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        /// <summary>CourseEnrolment or QualificationCompletion.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ArgumentCompleter(typeof(DxpDatasetCompleter))]
        public string Dataset { get; set; }

        /// <summary>The CSV text as DXP sent it.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        private Api.DxpConnection _connection;

        protected override void BeginProcessing() => _connection = ResolveConnection();

        protected override void ProcessRecord()
        {
            var dataset = DxpDatasets.Normalise(Dataset);
            if (dataset == null)
            {
                WriteError(new ErrorRecord(new ArgumentException($"Dataset '{Dataset}' is not CourseEnrolment or QualificationCompletion."), "DxpUnknownDataset", ErrorCategory.InvalidArgument, Dataset));
                return;
            }
            var returnId = ReturnIdOf(_connection, ReturnId, Submission);
            string csv;
            try
            {
                WriteVerbose($"GET contents/…/{dataset}.csv for return {returnId}.");
                csv = WithSubmission(_connection, returnId, s => _connection.Client.GetContentsCsvAsync(s, dataset, StopToken));
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                WriteError(DxpError(ex, returnId));
                return;
            }
            if (Raw)
            {
                WriteObject(csv);
                return;
            }
            if (dataset == CourseEnrolmentRecord.DatasetName) Emit(csv, DxpBindings.CourseEnrolment);
            else Emit(csv, DxpBindings.QualificationCompletion);
        }

        private void Emit<T>(string csv, IReadOnlyList<PropertyBinding<T>> bindings) where T : class, new()
        {
            var reader = new LocalRecordReader<T>(bindings);
            var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, HeaderValidated = null };
            using (var text = new StringReader(csv))
            using (var parser = new CsvReader(text, config))
            {
                if (!parser.Read()) return;
                parser.ReadHeader();
                var headers = parser.HeaderRecord ?? Array.Empty<string>();
                while (parser.Read())
                {
                    var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < headers.Length; i++) cells[headers[i]] = parser.TryGetField<string>(i, out var v) && v.Length > 0 ? v : null;
                    var local = reader.Read(cells);
                    foreach (var p in local.Problems)
                        WriteWarning($"DXP's read-back row {parser.Parser.RawRow}: {p.Message}");
                    WriteObject(local.Record);
                }
            }
        }
    }
}
