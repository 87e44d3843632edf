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
    [OutputType(typeof(DxpLearnerRecord), typeof(DxpCourseRecord), typeof(CourseEnrolmentRecord), typeof(DxpCourseCompletionRecord), typeof(QualificationCompletionRecord), typeof(string))]
    public sealed class GetDxpSubmissionContentCommand : DxpApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ReturnId", ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
        public string ReturnId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Submission")]
        public DxpSubmission Submission { get; set; }

        /// <summary>Learner, Course, CourseEnrolment, CourseCompletion or QualificationCompletion.</summary>
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
                WriteError(new ErrorRecord(new ArgumentException($"Dataset '{Dataset}' is not {DxpDatasets.KindList}."), "DxpUnknownDataset", ErrorCategory.InvalidArgument, Dataset));
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
            foreach (var (local, row) in DxpRecordReader.For(dataset).ReadCsv(csv))
            {
                foreach (var p in local.Problems) WriteWarning($"DXP's read-back row {row}: {p.Message}");
                WriteObject(local.Record);
            }
        }
    }
}
