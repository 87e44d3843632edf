using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
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
    [OutputType(typeof(EnrolmentRecord), typeof(LearnerRecord), typeof(StandardRecord), typeof(Domain.Dxp.CourseEnrolmentRecord), typeof(Domain.Dxp.QualificationCompletionRecord), typeof(Domain.Dxp.DxpLearnerRecord), typeof(Domain.Dxp.DxpCourseRecord), typeof(Domain.Dxp.DxpCourseCompletionRecord))]
    public sealed class ImportNzqaRecordCommand : NzqaCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        public string[] Path { get; set; }

        [Parameter(Mandatory = true, Position = 1)]
        [ValidateSet("Enrolment", "Learner", "Standard", "CourseEnrolment", "QualificationCompletion", "DxpLearner", "DxpCourse", "DxpCourseEnrolment", "DxpCourseCompletion", "DxpQualificationCompletion")]
        public string Kind { get; set; }

        /// <summary>Names the file's columns: @{ Nsn = 'Student NSN'; YearLevel = 'Yr' }.</summary>
        [Parameter]
        public Hashtable ColumnMap { get; set; }

        /// <summary>A -ColumnMap key that names no field (a typo such as Nssn) would be ignored silently: refuse it.</summary>
        protected override void BeginProcessing()
        {
            if (ColumnMap == null) return;
            switch (Kind)
            {
                case "Enrolment": RefuseUnknownColumnMapKeys(new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All, ColumnMap), "enrolment", ColumnMap); break;
                case "Learner": RefuseUnknownColumnMapKeys(new LocalRecordReader<LearnerRecord>(LearnerBindings.All, ColumnMap), "learner", ColumnMap); break;
                case "Standard": RefuseUnknownColumnMapKeys(new LocalRecordReader<StandardRecord>(StandardBindings.All, ColumnMap), "standard", ColumnMap); break;
                case "DxpLearner": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpLearnerRecord>(DxpBindings.Learner, ColumnMap), "DXP learner", ColumnMap); break;
                case "DxpCourse": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpCourseRecord>(DxpBindings.Course, ColumnMap), "DXP course", ColumnMap); break;
                case "DxpCourseCompletion": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.DxpCourseCompletionRecord>(DxpBindings.CourseCompletion, ColumnMap), "DXP course completion", ColumnMap); break;
                case "DxpCourseEnrolment":
                case "CourseEnrolment": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.CourseEnrolmentRecord>(DxpBindings.CourseEnrolment, ColumnMap), "course enrolment", ColumnMap); break;
                case "DxpQualificationCompletion":
                case "QualificationCompletion": RefuseUnknownColumnMapKeys(new LocalRecordReader<Domain.Dxp.QualificationCompletionRecord>(DxpBindings.QualificationCompletion, ColumnMap), "qualification completion", ColumnMap); break;
            }
        }

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
                    case "DxpLearner":
                        Import(full, DxpBindings.Learner, (r, line) => { });
                        break;
                    case "DxpCourse":
                        Import(full, DxpBindings.Course, (r, line) => { });
                        break;
                    case "DxpCourseCompletion":
                        Import(full, DxpBindings.CourseCompletion, (r, line) => { });
                        break;
                    case "DxpCourseEnrolment":
                    case "CourseEnrolment":
                        Import(full, DxpBindings.CourseEnrolment, (r, line) => { });
                        break;
                    case "DxpQualificationCompletion":
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
            var file = System.IO.Path.GetFileName(path);
            string[] header = null;
            IEnumerator<CsvRow> enumerator;
            try
            {
                enumerator = CsvRecordSource.Read(path, h => header = h).GetEnumerator();
            }
            catch (IOException ex)
            {
                WriteError(new ErrorRecord(ex, "NzqaFileUnreadable", ErrorCategory.ReadError, path));
                return;
            }
            using (enumerator)
            {
                var lastLine = 1;
                var headerChecked = false;
                while (true)
                {
                    try
                    {
                        if (!enumerator.MoveNext()) break;
                    }
                    catch (DecoderFallbackException ex)
                    {
                        var message = $"{file} is not UTF-8 text (after line {lastLine}); nothing after line {lastLine} was imported. " +
                                      "Save it from the SMS or Excel as 'CSV UTF-8' and import again.";
                        WriteError(new ErrorRecord(new InvalidDataException(message, ex), "NzqaCsvNotUtf8", ErrorCategory.InvalidData, path)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Save the file as CSV UTF-8." },
                        });
                        return;
                    }
                    catch (Exception ex) when (ex is CsvHelper.CsvHelperException || ex is IOException)
                    {
                        WriteError(new ErrorRecord(ex, "NzqaCsvUnreadable", ErrorCategory.ReadError, path));
                        return;
                    }
                    if (!headerChecked)
                    {
                        headerChecked = true;
                        if (!HeaderBinds(reader, header, file, path)) return;
                    }
                    var row = enumerator.Current;
                    lastLine = row.Line;
                    rows++;
                    if (row.Defect != null || CsvRecordSource.CheckControlCharacters(row, reader.Binds))
                    {
                        bad++;
                        var message = $"{file} line {row.Line}: {row.Defect}";
                        WriteError(new ErrorRecord(new InvalidDataException(message), row.DefectId, ErrorCategory.InvalidData, row)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row in the SMS export and import again." },
                        });
                        continue;
                    }
                    var local = reader.Read(row.Cells);
                    setLine(local.Record, row.Line);
                    if (local.Problems.Count > 0)
                    {
                        bad++;
                        var message = $"{file} line {row.Line}: " + string.Join(" ", local.Problems.Select(p => p.Message));
                        WriteError(new ErrorRecord(new InvalidRecordException(message, local.Problems), local.Problems[0].ErrorId, ErrorCategory.InvalidData, row)
                        {
                            ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row in the SMS export and import again." },
                        });
                        continue;
                    }
                    WriteObject(local.Record);
                }
                if (!headerChecked && !HeaderBinds(reader, header, file, path)) return;
                if (rows == 0)
                    WriteWarning($"{file} has a header but no data rows: no {Kind.ToLowerInvariant()} records were imported.");
            }
            WriteVerbose($"Read {rows} rows from {path}: {rows - bad} records, {bad} rows with errors.");
        }

        /// <summary>
        /// An empty file, or one whose header names none of the fields (not CSV, another kind of export, a semicolon
        /// file read wrongly), is one error for the file, not one per row.
        /// </summary>
        private bool HeaderBinds<TRecord>(LocalRecordReader<TRecord> reader, string[] header, string file, string path) where TRecord : class, new()
        {
            string message = null, id = null;
            if (header == null)
            {
                id = "NzqaCsvEmpty";
                message = $"{file} is empty: it has no header row and no records.";
            }
            else if (!header.Any(h => !string.IsNullOrWhiteSpace(h) && reader.Binds(h)))
            {
                id = "NzqaCsvNoKnownColumns";
                var shown = string.Join(", ", header.Take(8).Select(h => h.Length > 40 ? h.Substring(0, 40) + "…" : h));
                message = $"{file} line 1 names none of the {Kind.ToLowerInvariant()} columns (found: {shown}). " +
                          "Is it a CSV export of the right kind? Use -ColumnMap to name its columns.";
            }
            if (message == null) return true;
            WriteError(new ErrorRecord(new InvalidDataException(message), id, ErrorCategory.InvalidData, path)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Export the file from the SMS as CSV, or give -ColumnMap." },
            });
            return false;
        }
    }
}
