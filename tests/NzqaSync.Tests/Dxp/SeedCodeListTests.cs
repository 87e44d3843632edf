using NzqaSync.Api;
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sandbox.Dxp;

namespace NzqaSync.Tests.Dxp;

/// <summary>
/// Every code list the DXP seed pages give, read from the seed text itself (Seeds/, a verbatim copy of
/// shared/seeds), against the module's validator and the sandbox's rules: each accepts exactly those codes. Deleting a
/// code from either side, or adding one, fails here.
/// </summary>
public class SeedCodeListTests
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Seeds", "tec-dxp-upload-course-enrolment.txt"));

    /// <summary>The "N: description" codes between two markers of the seed text.</summary>
    private static List<string> Codes(string from, string to)
    {
        var start = Seed.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, from);
        var end = Seed.IndexOf(to, start + from.Length, StringComparison.Ordinal);
        Assert.True(end > start, to);
        return Regex.Matches(Seed.Substring(start + from.Length, end - start - from.Length), @"^([0-9A-Z]{1,5}): ", RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
    }

    public static List<string> CategoryOfFees => Codes("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment string REQUIRED", "*1 The Category");
    public static List<string> Attendance => Codes("intramuralExtramuralAttendance int32 REQUIRED", "This field is mandatory.");
    public static List<string> CurrentFunds => Codes("Select a value from the list below – current funds.", "Guidance: Select a value from the list below – historic funds.");
    public static List<string> HistoricFunds => Codes("Select a value from the list below – historic funds.", "This field is mandatory.");
    public static List<string> Residential => Codes("residentialStatus string REQUIRED", "This field is mandatory.");
    public static List<string> IteSector => Codes("iteSector int32", "This field is mandatory if");
    public static List<string> IteNzsced => Codes("the qualification NZSCED is an ITE enrolment, which includes the following.", "iteSubject string[]");

    [Fact]
    public void The_seed_lists_are_read_from_the_seed()
    {
        Assert.Equal(new[] { "0", "1", "3", "4", "6", "8", "9", "12", "13", "14" }, CategoryOfFees);
        Assert.Equal(new[] { "1", "2", "3", "4" }, Attendance);
        Assert.Equal(17, CurrentFunds.Count);
        Assert.Equal(15, HistoricFunds.Count);
        Assert.Equal(new[] { "Y", "N" }, Residential);
        Assert.Equal(new[] { "1", "2", "3" }, IteSector);
        Assert.Equal(9, IteNzsced.Count);
    }

    private static CourseEnrolmentRecord Good() => DxpRecordNormaliser.Normalise(DxpValidatorTests.GoodEnrolment());

    private static bool ModuleAccepts(Action<CourseEnrolmentRecord> change, string field)
    {
        var r = Good();
        change(r);
        return !DxpRecordValidator.Validate(r).Any(p => p.Field == field && p.Severity == DxpProblemSeverity.Error);
    }

    private static bool SandboxAccepts(Action<JsonObject> change, string field)
    {
        var json = JsonNode.Parse(JsonConvert.SerializeObject(Good(), DxpJson.Settings))!.AsObject();
        change(json);
        using var doc = JsonDocument.Parse(json.ToJsonString());
        var stored = DxpRules.ToStored(DxpRules.CourseEnrolments, doc.RootElement);
        return !DxpRules.UploadErrors(DxpRules.CourseEnrolments, stored).Any(e => e.StartsWith(field + ":", StringComparison.Ordinal));
    }

    private static IEnumerable<string> OneAndTwoDigitNumbers => Enumerable.Range(0, 100).Select(i => i.ToString());

    [Fact]
    public void Category_of_fees_exactly_the_seed_codes_in_both_spellings()
    {
        const string field = "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment";
        foreach (var code in OneAndTwoDigitNumbers)
        {
            var listed = CategoryOfFees.Contains(code);
            foreach (var spelling in new[] { code, code.PadLeft(2, '0') })
            {
                Assert.True(listed == ModuleAccepts(r => r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = spelling, field), $"module, fees '{spelling}'");
                Assert.True(listed == SandboxAccepts(j => j[field] = spelling, field), $"sandbox, fees '{spelling}'");
            }
        }
    }

    [Fact]
    public void Source_of_funding_exactly_the_seed_codes_current_accepted_historic_warned()
    {
        foreach (var code in OneAndTwoDigitNumbers)
        {
            var current = CurrentFunds.Contains(code);
            var historic = HistoricFunds.Contains(code);
            var r = Good();
            r.SourceOfFunding = code;
            if (code is "28" or "29") r.Consortium = 1;
            var problems = DxpRecordValidator.Validate(r).Where(p => p.Field == "sourceOfFunding").ToList();
            Assert.True(current == (problems.Count == 0), $"module, current fund '{code}'");
            Assert.True(historic == problems.Any(p => p.Code == "DxpCodeHistoric" && p.Severity == DxpProblemSeverity.Warning), $"module, historic fund '{code}'");
            Assert.True((current || historic) == SandboxAccepts(j => { j["sourceOfFunding"] = code; if (code is "28" or "29") j["consortium"] = 1; }, "sourceOfFunding"), $"sandbox, fund '{code}'");
        }
    }

    [Fact]
    public void Attendance_and_ite_sector_exactly_the_seed_codes()
    {
        foreach (var n in Enumerable.Range(-1, 8))
        {
            var code = n.ToString();
            Assert.True(Attendance.Contains(code) == ModuleAccepts(r => r.IntramuralExtramuralAttendance = n, "intramuralExtramuralAttendance"), $"module, attendance {n}");
            Assert.True(Attendance.Contains(code) == SandboxAccepts(j => j["intramuralExtramuralAttendance"] = n, "intramuralExtramuralAttendance"), $"sandbox, attendance {n}");
            Assert.True(IteSector.Contains(code) == ModuleAccepts(r => { r.IteSector = n; r.IteSubject = new[] { "Mathematics" }; }, "iteSector"), $"module, ITE sector {n}");
            Assert.True(IteSector.Contains(code) == SandboxAccepts(j => { j["iteSector"] = n; j["iteSubject"] = new JsonArray("Mathematics"); }, "iteSector"), $"sandbox, ITE sector {n}");
        }
    }

    [Fact]
    public void Residential_status_exactly_the_seed_codes()
    {
        foreach (var code in Enumerable.Range('A', 26).Select(c => ((char)c).ToString()))
        {
            Assert.True(Residential.Contains(code) == ModuleAccepts(r => r.ResidentialStatus = code, "residentialStatus"), $"module, residential {code}");
            Assert.True(Residential.Contains(code) == SandboxAccepts(j => j["residentialStatus"] = code, "residentialStatus"), $"sandbox, residential {code}");
        }
    }

    [Fact]
    public void Ite_nzsced_fields_exactly_the_seed_list()
    {
        foreach (var n in Enumerable.Range(70090, 50))
        {
            var listed = IteNzsced.Contains(n.ToString());
            Assert.True(listed == DxpCodes.IsIteNzsced("0" + n), $"module, NZSCED 0{n}");
            var r = Good();
            r.NzscedFieldOfStudy = "0" + n;
            r.CourseStartDate = new DateTime(2025, 2, 23); // before 2026: the missing sector is a warning
            r.CourseEndDate = new DateTime(2025, 6, 19);
            Assert.True(listed == DxpRecordValidator.Validate(r).Any(p => p.Code == "DxpIteSectorMissing"), $"module validator, NZSCED 0{n}");
            var json = JsonNode.Parse(JsonConvert.SerializeObject(r, DxpJson.Settings))!.AsObject();
            Assert.True(listed == DxpRules.Warnings(DxpRules.CourseEnrolments, json, 2025).Any(i => i.ErrorCode == "ITE01"), $"sandbox, NZSCED 0{n}");
        }
    }
}
