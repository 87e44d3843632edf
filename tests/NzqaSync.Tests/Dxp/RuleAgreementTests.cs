using NzqaSync.Api;
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sandbox.Dxp;

namespace NzqaSync.Tests.Dxp;

/// <summary>
/// The DXP rules are written twice on purpose: the module's validator and the sandbox (the oracle, which does not
/// reference the module). One corpus of good and bad records runs through both: the same verdict (refused or
/// accepted) for every record, or a difference listed below with its reason.
/// </summary>
public class RuleAgreementTests
{
    private const int ReturnYear = 2026;

    /// <summary>Known, explained differences: case name → why the verdicts differ. None today (docs/rules.md).</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new();

    public static IEnumerable<(string Name, IDxpRecord Record)> Corpus()
    {
        var i = 0;
        foreach (var c in DxpValidatorTests.EnrolmentBreaks())
        {
            var r = DxpValidatorTests.GoodEnrolment();
            ((Action<CourseEnrolmentRecord>)c[2])(r);
            yield return ($"ce#{i++} {c[0]} {c[1]}", r);
        }
        i = 0;
        foreach (var c in DxpValidatorTests.CompletionBreaks())
        {
            var r = DxpValidatorTests.GoodCompletion();
            ((Action<QualificationCompletionRecord>)c[2])(r);
            yield return ($"qc#{i++} {c[0]} {c[1]}", r);
        }
        CourseEnrolmentRecord Ce(Action<CourseEnrolmentRecord> change) { var r = DxpValidatorTests.GoodEnrolment(); change(r); return r; }
        yield return ("good enrolment", DxpValidatorTests.GoodEnrolment());
        yield return ("good completion", DxpValidatorTests.GoodCompletion());
        yield return ("fees 03 for a resident in NZ", Ce(r => { r.ResidentialStatus = "Y"; r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "03"; }));
        yield return ("fees 03 for an AUS PR in NZ", Ce(r => { r.AustralianResidentialStatus = true; r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "3"; }));
        yield return ("fees 03 for a resident overseas", Ce(r => { r.ResidentialStatus = "Y"; r.IntramuralExtramuralAttendance = 3; r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = "03"; }));
        yield return ("start two years before the return", Ce(r => { r.CourseStartDate = new DateTime(2024, 2, 23); r.CourseEndDate = new DateTime(2024, 6, 19); }));
        yield return ("start the year before the return", Ce(r => { r.CourseStartDate = new DateTime(2025, 2, 23); r.CourseEndDate = new DateTime(2025, 6, 19); }));
        yield return ("G9999 community education", Ce(r => r.QualificationCode = "G9999"));
        yield return ("five-character qualification", Ce(r => r.QualificationCode = "BC123"));
        yield return ("qualification with a dash", Ce(r => r.QualificationCode = "BC-123"));
        yield return ("delivery site with a dash", Ce(r => r.CourseDeliverySite = "A-"));
        yield return ("efts months not adding up", Ce(r => r.EftsByMonth = new[] { 0.025m, 0.025m, 0.025m, 0.025m, 0.0251m }));
        yield return ("ITE field without sector (2026 return)", Ce(r => r.NzscedFieldOfStudy = "070105"));
        yield return ("historic fund", Ce(r => r.SourceOfFunding = "11"));
        yield return ("starts on the 1st", Ce(r => { r.CourseStartDate = new DateTime(2026, 2, 1); r.EftsByMonth = null; }));
        yield return ("withdrawn after the course end", Ce(r => r.StudentsCourseWithdrawalDate = new DateTime(2026, 6, 20)));
        foreach (var b in EftsWithdrawalTests.Boundaries())
        {
            string start = (string)b[0], end = (string)b[1], inside = (string)b[2], after = (string)b[3];
            var spread = DxpRecordNormaliser.Normalise(EftsWithdrawalTests.Withdrawn(start, end, null)).EftsByMonth;
            var months = spread.Length;
            yield return ($"efts for a withdrawal on {inside} ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, inside, spread));
            yield return ($"efts for a withdrawal on {after} ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, after, spread));
            yield return ($"no efts for a withdrawal on {inside} ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, inside, new decimal[months]));
            yield return ($"no efts for a withdrawal on {after} ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, after, new decimal[months]));
            yield return ($"no efts, not withdrawn ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, null, new decimal[months]));
            yield return ($"derived efts for a withdrawal on {inside} ({start}–{end})", EftsWithdrawalTests.Withdrawn(start, end, inside));
        }
        foreach (var code in new[] { "BBS701", "G9999", "G48017", "BC123", "BC-123", "g9999" })
            yield return ($"course register qualification {code}", new DxpCourseRecord { LocalId = "co-1", CourseCode = "ECON112", CourseTitle = "Introductory economics", QualificationCode = code });
        var qc = DxpValidatorTests.GoodCompletion(); qc.YearRequirementsMet = 2025;
        yield return ("year met not aligned", qc);
        var qc1 = DxpValidatorTests.GoodCompletion(); qc1.QualificationCompletionDate = new DateTime(2026, 1, 1);
        yield return ("completed 1 January", qc1);
        var qc2 = DxpValidatorTests.GoodCompletion(); qc2.LinkedQualificationCodeForFeesFree = "BC12";
        yield return ("short linked qualification", qc2);
        var qc3 = DxpValidatorTests.GoodCompletion(); qc3.StudentIdentificationCode = "S-1";
        yield return ("student id with a dash", qc3);
    }

    private static bool ModuleRefuses(IDxpRecord record) =>
        !DxpRecordValidator.CanSend(DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(record), ReturnYear));

    /// <summary>refused, warned (sent with a warning) or accepted.</summary>
    private static string ModuleVerdict(IDxpRecord record)
    {
        var problems = DxpRecordValidator.Validate(DxpRecordNormaliser.Normalise(record), ReturnYear);
        return !DxpRecordValidator.CanSend(problems) ? "refused" : problems.Count > 0 ? "warned (" + string.Join(", ", problems.Select(p => p.Code)) + ")" : "accepted";
    }

    private static string SandboxVerdict(IDxpRecord record)
    {
        var (refused, why) = SandboxRefuses(record);
        if (refused) return "refused";
        var dataset = record.Dataset;
        using var doc = JsonDocument.Parse(JsonConvert.SerializeObject(DxpRecordNormaliser.Normalise(record), DxpJson.Settings));
        var warnings = DxpRules.Warnings(dataset, DxpRules.ToStored(dataset, doc.RootElement), ReturnYear).Where(w => w.ErrorType == "Warning").ToList();
        return warnings.Count > 0 ? "warned (" + string.Join(", ", warnings.Select(w => w.ErrorCode)) + ")" : "accepted";
    }

    private static (bool Refused, string Why) SandboxRefuses(IDxpRecord record)
    {
        var dataset = record.Dataset;
        var json = JsonConvert.SerializeObject(DxpRecordNormaliser.Normalise(record), DxpJson.Settings);
        using var doc = JsonDocument.Parse(json);
        var schema = new Dictionary<string, List<string>>();
        DxpRules.CheckSchema(dataset, 0, doc.RootElement, schema);
        if (schema.Count > 0) return (true, "CV1 " + string.Join("; ", schema.SelectMany(s => s.Value)));
        var stored = DxpRules.ToStored(dataset, doc.RootElement);
        var errors = DxpRules.UploadErrors(dataset, stored, ReturnYear);
        errors.AddRange(DxpRules.Warnings(dataset, stored, ReturnYear).Where(w => w.ErrorType == "Error").Select(w => w.ErrorCode + " " + w.Description));
        return (errors.Count > 0, string.Join("; ", errors));
    }

    [Fact]
    public void The_module_and_the_sandbox_give_every_record_of_the_corpus_the_same_verdict()
    {
        var disagreements = new List<string>();
        var corpus = Corpus().ToList();
        foreach (var (name, record) in corpus)
        {
            var module = ModuleRefuses(record);
            var (sandbox, why) = SandboxRefuses(record);
            if (module == sandbox) continue;
            if (KnownDifferences.ContainsKey(name)) continue;
            disagreements.Add($"{name}: module {(module ? "refuses" : "accepts")}, sandbox {(sandbox ? "refuses (" + why + ")" : "accepts")}");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(corpus.Count > 60, $"a corpus of {corpus.Count} records");
        Assert.Contains(corpus, c => !ModuleRefuses(c.Record));
        Assert.True(corpus.Count(c => ModuleRefuses(c.Record)) > 40, "most of the corpus breaks a rule");
    }

    /// <summary>Warnings too: a record the module sends with a warning the sandbox's validation run warns about, and the other way round.</summary>
    [Fact]
    public void The_module_and_the_sandbox_warn_about_the_same_records()
    {
        static string Kind(string verdict) => verdict.Split(' ')[0];
        var disagreements = new List<string>();
        var warned = 0;
        foreach (var (name, record) in Corpus())
        {
            var module = ModuleVerdict(record);
            var sandbox = SandboxVerdict(record);
            if (Kind(module) == "warned") warned++;
            if (Kind(module) == Kind(sandbox) || KnownDifferences.ContainsKey(name)) continue;
            disagreements.Add($"{name}: module {module}, sandbox {sandbox}");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(warned >= 8, $"{warned} records warned");
    }
}
