using System.Collections;
using CsvHelper;
using CsvHelper.Configuration;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Sources;

/// <summary>
/// Reads objects (CSV rows, hashtables, typed records) as records of one DXP dataset chosen at run time, over the
/// dataset's <see cref="DxpBindings"/>; and DXP's CSV read-back of a dataset as typed records.
/// </summary>
public abstract class DxpRecordReader
{
    public static DxpRecordReader For(string dataset, IDictionary columnMap = null)
    {
        switch (dataset)
        {
            case CourseEnrolmentRecord.DatasetName: return new Typed<CourseEnrolmentRecord>(DxpBindings.CourseEnrolment, columnMap);
            case QualificationCompletionRecord.DatasetName: return new Typed<QualificationCompletionRecord>(DxpBindings.QualificationCompletion, columnMap);
            case DxpLearnerRecord.DatasetName: return new Typed<DxpLearnerRecord>(DxpBindings.Learner, columnMap);
            case DxpCourseRecord.DatasetName: return new Typed<DxpCourseRecord>(DxpBindings.Course, columnMap);
            case DxpCourseCompletionRecord.DatasetName: return new Typed<DxpCourseCompletionRecord>(DxpBindings.CourseCompletion, columnMap);
            default: throw new ArgumentException($"'{dataset}' is not a DXP dataset.", nameof(dataset));
        }
    }

    public abstract LocalRecord<IDxpRecord> Read(object input);
    public abstract IReadOnlyList<string> UnknownColumnMapKeys();
    public abstract IEnumerable<string> FieldNames { get; }
    public abstract bool Binds(string column);

    /// <summary>
    /// DXP's CSV read-back (header of field names, one row per localId; dates in UTC, read as New Zealand dates;
    /// arrays joined with ';'). A cell that cannot be read is reported with the row, never thrown.
    /// </summary>
    public IEnumerable<(LocalRecord<IDxpRecord> Record, int Row)> ReadCsv(string csv)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null, HeaderValidated = null };
        using (var text = new StringReader(csv ?? ""))
        using (var parser = new CsvReader(text, config))
        {
            if (!parser.Read()) yield break;
            parser.ReadHeader();
            var headers = parser.HeaderRecord ?? Array.Empty<string>();
            while (parser.Read())
            {
                var cells = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < headers.Length; i++) cells[headers[i]] = parser.TryGetField<string>(i, out var v) && v.Length > 0 ? v : null;
                yield return (Read(cells), parser.Parser.RawRow);
            }
        }
    }

    private sealed class Typed<T> : DxpRecordReader where T : class, IDxpRecord, new()
    {
        private readonly LocalRecordReader<T> _reader;

        public Typed(IReadOnlyList<PropertyBinding<T>> bindings, IDictionary columnMap) => _reader = new LocalRecordReader<T>(bindings, columnMap);

        public override LocalRecord<IDxpRecord> Read(object input)
        {
            var local = _reader.Read(input);
            return new LocalRecord<IDxpRecord>(local.Record, local.Problems, local.Source, local.Present) { ProblemsReported = local.ProblemsReported };
        }

        public override IReadOnlyList<string> UnknownColumnMapKeys() => _reader.UnknownColumnMapKeys();
        public override IEnumerable<string> FieldNames => _reader.FieldNames;
        public override bool Binds(string column) => _reader.Binds(column);
    }
}
