using System.Text.Json.Serialization;

namespace NzqaSync.Sandbox.Nzqa;

/// <summary>A provider as NZQA describes it (GET /providers/{p}).</summary>
public sealed record NzqaProviderInfo(int ProviderNumber, string Name, string Kind);

/// <summary>A learner's identity as NZQA holds it (GET /providers/{p}/learners).</summary>
public sealed record NzqaLearner(
    string Nsn,
    string FirstName,
    string MiddleName,
    string LastName,
    DateOnly DateOfBirth,
    string Gender,
    IReadOnlyList<string> Ethnicities,
    string LocalStudentId);

/// <summary>A student's current enrolment at a provider (GET /providers/{p}/enrolments). Names echo the learner's formal name.</summary>
public sealed record NzqaEnrolment(
    string Nsn,
    int ProviderNumber,
    string LocalStudentId,
    string FirstName,
    string LastName,
    DateOnly EnrolmentDate,
    int YearLevel,
    DateOnly? LeavingDate,
    string LeavingReason,
    string Status);

/// <summary>A standard entry and its result (GET /providers/{p}/standards). The key is nsn + standard + version + academic year.</summary>
public sealed record NzqaStandardEntry(
    string Nsn,
    string StandardNumber,
    int StandardVersion,
    int AcademicYear,
    string EntryMethod,
    string Result,
    int? ResultProviderCode,
    string Status,
    int ProviderNumber)
{
    [JsonIgnore]
    public string Key => NzqaKeys.Entry(Nsn, StandardNumber, StandardVersion, AcademicYear);
}

/// <summary>A catalogue standard (GET /standards). Type A achievement, U unit, S scholarship.</summary>
public sealed record NzqaStandard(
    string Number,
    int Version,
    string Type,
    string Title,
    int Level,
    int Credits,
    string Assessment,
    bool AllowsMerit)
{
    [JsonIgnore]
    public bool IsExternal => Assessment == "External";
}

/// <summary>The outcome of one item of a batch write.</summary>
public sealed record NzqaItemResult(int Index, string Key, string Outcome, IReadOnlyList<NzqaItemError> Errors);

/// <summary>One reason an item failed: a stable code and a message a person can act on.</summary>
public sealed record NzqaItemError(string Code, string Message);

/// <summary>Item outcomes of a batch write.</summary>
public static class NzqaOutcome
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Unchanged = "Unchanged";
    public const string Failed = "Failed";
}

/// <summary>Natural keys as they appear in batch results.</summary>
public static class NzqaKeys
{
    /// <summary>"nsn:standard:version:year", e.g. "123456789:91027:4:2026".</summary>
    public static string Entry(string nsn, string standardNumber, int version, int academicYear)
        => $"{nsn}:{standardNumber}:{version}:{academicYear}";
}
