using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets
{
    /// <summary>
    /// Reads an SMS export CSV into typed records that bind straight into Compare-Nzqa* (no mapping needed).
    /// A row whose values cannot be read gets an ErrorRecord with its line number; the good rows flow on.
    /// </summary>
    [Cmdlet(VerbsData.Import, "NzqaRecord")]
    [OutputType(typeof(EnrolmentRecord), typeof(LearnerRecord), typeof(StandardRecord), typeof(Domain.Dxp.CourseEnrolmentRecord), typeof(Domain.Dxp.QualificationCompletionRecord))]
    public sealed class ImportNzqaRecordCommand : NzqaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("Enrolment", "Learner", "Standard", "CourseEnrolment", "QualificationCompletion")]
        public string Kind { get; set; }

        /// <summary>Names the file's columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
        [Parameter]
        public Hashtable ColumnMap { get; set; }

        protected override void ProcessRecord()
        {
            foreach (var path in Path)
            {
                var full = GetUnresolvedProviderPathFromPSPath(path);
                if (!File.Exists(full))
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"No file at '{full}'.", full), "NzqaFileNotFound", ErrorCategory.ObjectNotFound, path));
                    continue;
                }
                switch (Kind)
                {
                    case "Enrolment":
                        Import(full, EnrolmentBindings.All, (r, line) => r.SourceLine = line);
                        break;
                    case "Learner":
                        Import(full, LearnerBindings.All, (r, line) => r.SourceLine = line);
                        break;
                    case "Standard":
                        Import(full, StandardBindings.All, (r, line) => r.SourceLine = line);
                        break;
                    case "CourseEnrolment":
                        Import(full, DxpBindings.CourseEnrolment, (r, line) => { });
                        break;
                    case "QualificationCompletion":
                        Import(full, DxpBindings.QualificationCompletion, (r, line) => { });
                        break;
                }
            }
        }

        private void Import<TRecord>(string path, IReadOnlyList<PropertyBinding<TRecord>> bindings, Action<TRecord, int> setLine) where TRecord : class, new()
        {
            var reader = new LocalRecordReader<TRecord>(bindings, ColumnMap);
            var rows = 0;
            var bad = 0;
            WriteVerbose($"Reading {Kind} records from {path}.");
            IEnumerator<CsvRow> enumerator;
            try
            {
                enumerator = CsvRecordSource.Read(path).GetEnumerator();
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, "NzqaFileUnreadable", ErrorCategory.ReadError, path));
                return;
            }
            using (enumerator)
            {
                while (true)
                {
                    try
                    {
                        if (!enumerator.MoveNext()) break;
                    }
                    catch (Exception ex) when (ex is CsvHelper.CsvHelperException || ex is IOException)
                    {
                        WriteError(new ErrorRecord(ex, "NzqaCsvUnreadable", ErrorCategory.ReadError, path));
                        break;
                    }
                    var row = enumerator.Current;
                    rows++;
                    var local = reader.Read(row.Cells);
                    setLine(local.Record, row.Line);
                    if (local.Problems.Count > 0)
                    {
                        bad++;
                        var message = $"{System.IO.Path.GetFileName(path)} line {row.Line}: " + string.Join(" ", local.Problems.Select(p => p.Message));
                        WriteError(new ErrorRecord(new InvalidRecordException(message, local.Problems), local.Problems[0].ErrorId, ErrorCategory.InvalidData, row)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row in the SMS export and import again." },
                        });
                        continue;
                    }
                    WriteObject(local.Record);
                }
            }
            WriteVerbose($"Read {rows} rows from {path}: {rows - bad} records, {bad} rows with errors.");
        }
    }
}
