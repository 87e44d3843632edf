using NzqaSync.Domain;

namespace NzqaSync.Compare;

/// <summary>The areas of a student's records: each is keyed by, and names, its student the same way (a standard adds its number and year to the key).</summary>
public abstract class StudentArea<TRecord, TDiff> : RecordArea<TRecord, TDiff>
    where TRecord : class, IStudentRecord
    where TDiff : RecordDiff
{
    public override string KeyOf(TRecord record) => NationalStudentNumber.Normalise(record?.Nsn);
    public override string NsnOf(TRecord record) => NationalStudentNumber.Normalise(record?.Nsn) ?? record?.Nsn;
    public override string NameOf(TRecord record) => record?.Name;
}
