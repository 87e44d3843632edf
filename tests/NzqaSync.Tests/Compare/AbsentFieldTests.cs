using NzqaSync.Api;
using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Compare;

/// <summary>Absent is not empty: a column the input does not have is neither compared nor sent; a present blank is a blank.</summary>
public class AbsentFieldTests
{
    private static PSObject Row(params (string Name, object Value)[] cells)
    {
        var pso = new PSObject();
        foreach (var (name, value) in cells) pso.Properties.Add(new PSNoteProperty(name, value));
        return pso;
    }

    private static readonly Dictionary<string, StandardDefinition> Catalogue = new()
    {
        ["91027"] = new() { Number = "91027", Version = 4, Type = "A", Assessment = "External" },
        ["91031"] = new() { Number = "91031", Version = 1, Type = "A", Assessment = "Internal" },
    };

    private static readonly StandardArea Area = new(257, Catalogue, new HashSet<string> { "1234567890" });

    private static List<StandardDiff> CompareStandards(IEnumerable<PSObject> rows, params StandardRecord[] nzqa)
    {
        var reader = new LocalRecordReader<StandardRecord>(StandardBindings.All);
        return RecordComparer.Compare(Area, rows.Select(reader.Read).ToList(), nzqa).ToList();
    }

    private static StandardRecord AtNzqa(string number, string result, string method, int? provider = null) => new()
    {
        Nsn = "1234567890", StandardNumber = number, StandardVersion = Catalogue[number].Version, AcademicYear = 2026, Result = result,
        EntryMethod = method, Status = "Entered", ResultProviderCode = provider,
    };

    [Fact]
    public void An_export_with_only_nsn_standard_year_and_result_compares_match()
    {
        var diffs = CompareStandards(new[]
        {
            Row(("NSN", "1234567890"), ("Standard", "91027"), ("Year", "2026"), ("Result", "M")),
            Row(("NSN", "1234567890"), ("Standard", "91031"), ("Year", "2026"), ("Result", "A")),
        }, AtNzqa("91027", "M", "Digital"), AtNzqa("91031", "A", null, provider: 498));
        Assert.All(diffs, d => Assert.Equal(DiffStatus.Match, d.Status));
        Assert.All(diffs, d => Assert.Empty(d.Differences));
        Assert.Contains("EntryMethod", diffs[0].AbsentFields);
    }

    /// <summary>
    /// The file path: Import-NzqaRecord emits typed records and Compare-Nzqa* -Path wraps them; both must still know the
    /// file had no Entry Method column (it used to compare every external entry "EntryMethod: (none) (NZQA Digital)").
    /// </summary>
    [Fact]
    public void A_typed_record_read_from_a_four_column_file_still_knows_its_file_had_no_entry_method_column()
    {
        var reader = new LocalRecordReader<StandardRecord>(StandardBindings.All);
        var plan = reader.PlanFor(new[] { "NSN", "Standard", "Year", "Result" });
        var imported = reader.Read(plan, new[] { "1234567890", "91027", "2026", "M" }).Record;
        var nzqa = AtNzqa("91027", "M", "Digital");
        foreach (var local in new[] { reader.Read(PSObject.AsPSObject(imported)), new LocalRecord<StandardRecord>(imported, null, imported) })
        {
            var diff = RecordComparer.Compare(Area, new[] { local }, new[] { nzqa }).Single();
            Assert.Equal(DiffStatus.Match, diff.Status);
            Assert.Contains("EntryMethod", diff.AbsentFields);
        }
        // A record built in a script has every field: its empty entry method is compared.
        var built = new StandardRecord { Nsn = "1234567890", StandardNumber = "91027", AcademicYear = 2026, Result = "M" };
        Assert.Equal(DiffStatus.Different, RecordComparer.Compare(Area, new[] { reader.Read(built) }, new[] { nzqa }).Single().Status);
    }

    [Fact]
    public void A_changed_result_with_no_entry_method_column_sends_the_result_and_no_blank_entry_method()
    {
        var diff = CompareStandards(new[] { Row(("NSN", "1234567890"), ("Standard", "91027"), ("Year", "2026"), ("Result", "E")) },
            AtNzqa("91027", "M", "Digital")).Single();
        Assert.Equal(DiffStatus.Different, diff.Status);
        Assert.Equal("Result", Assert.Single(diff.Differences).Field);
        var plan = StandardSyncPlanner.Plan(diff, 257);
        var op = Assert.Single(plan.Operations);
        Assert.Equal(SyncAction.SubmitResult, op.Action);
        Assert.Null(op.Item["entryMethod"]);
    }

    [Fact]
    public void A_present_blank_entry_method_is_compared_and_for_an_external_standard_invalid_by_its_rule()
    {
        var diff = CompareStandards(new[] { Row(("NSN", "1234567890"), ("Standard", "91027"), ("Year", "2026"), ("Entry Method", ""), ("Result", "M")) },
            AtNzqa("91027", "M", "Digital")).Single();
        Assert.Equal(DiffStatus.Invalid, diff.Status);
        Assert.Contains(diff.Problems, p => p.ErrorId == "NzqaMissingField" && p.Field == "EntryMethod");
    }

    [Fact]
    public void A_new_learner_with_no_middle_name_column_is_created_without_one_and_an_existing_one_keeps_nzqas()
    {
        var reader = new LocalRecordReader<LearnerRecord>(LearnerBindings.All);
        var row = Row(("NSN", "1234567890"), ("First Name", "Aroha"), ("Last Name", "Ngata"), ("Date of Birth", "01/03/2009"), ("Gender", "F"), ("Ethnicity", "211"));
        var created = RecordComparer.Compare(LearnerArea.Instance, new[] { reader.Read(row) }, Array.Empty<LearnerRecord>()).Single();
        Assert.Equal(DiffStatus.New, created.Status);
        var item = LearnerSyncPlanner.Plan(created, 257).Operations.Single().Item;
        Assert.False(item.ContainsKey("middleName"));
        Assert.False(item.ContainsKey("localStudentId"));
        Assert.Equal("2009-03-01", (string)item["dateOfBirth"]);

        var nzqa = new LearnerRecord { Nsn = "1234567890", FirstName = "Aroha", MiddleName = "Mere", LastName = "Ngata", DateOfBirth = new DateTime(2009, 3, 1), Gender = "F", Ethnicities = new[] { "211" }, LocalStudentId = "S1" };
        var same = RecordComparer.Compare(LearnerArea.Instance, new[] { reader.Read(row) }, new[] { nzqa }).Single();
        Assert.Equal(DiffStatus.Match, same.Status);

        // A present, empty Middle Name is a deliberate blank: compared (and an identity change).
        var blank = Row(("NSN", "1234567890"), ("First Name", "Aroha"), ("Middle Name", ""), ("Last Name", "Ngata"), ("Date of Birth", "01/03/2009"), ("Gender", "F"), ("Ethnicity", "211"), ("Student ID", "S1"));
        var differs = RecordComparer.Compare(LearnerArea.Instance, new[] { reader.Read(blank) }, new[] { nzqa }).Single();
        Assert.Equal("MiddleName", Assert.Single(differs.Differences).Field);
    }

    [Fact]
    public void A_new_enrolment_with_no_student_id_or_leaving_columns_is_created_without_them()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        var diff = RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { reader.Read(Row(("NSN", "1234567890"), ("Enrolment Date", "02/02/2026"), ("Year Level", "11"))) }, Array.Empty<EnrolmentRecord>()).Single();
        var item = EnrolmentSyncPlanner.Plan(diff, 257).Operations.Single().Item;
        Assert.Equal(new[] { "enrolmentDate", "nsn", "yearLevel" }, item.Properties().Select(p => p.Name).OrderBy(n => n, StringComparer.Ordinal));

        // And an absent required field is Invalid by its rule.
        var noLevel = RecordComparer.Compare(EnrolmentArea.Instance,
            new[] { reader.Read(Row(("NSN", "1234567890"), ("Enrolment Date", "02/02/2026"))) }, Array.Empty<EnrolmentRecord>()).Single();
        Assert.Equal(DiffStatus.Invalid, noLevel.Status);
        Assert.Contains(noLevel.Problems, p => p.Field == "YearLevel" && p.ErrorId == "NzqaMissingField");
    }

    [Fact]
    public void Dxp_an_absent_derivable_field_is_derived_an_absent_optional_one_not_sent_and_an_absent_required_one_invalid()
    {
        var reader = new LocalRecordReader<CourseEnrolmentRecord>(DxpBindings.CourseEnrolment);
        var good = Dxp.DxpValidatorTests.GoodEnrolment();
        var cells = new List<(string, object)>
        {
            ("studentIdentificationCode", good.StudentIdentificationCode), ("qualificationCode", good.QualificationCode), ("courseCode", good.CourseCode),
            ("courseStartDate", "23/02/2026"), ("courseEndDate", "19/06/2026"), ("Category of Fees", "0"), ("Attendance", "1"), ("Site", "01"),
            ("sourceOfFunding", "1"), ("residentialStatus", "N"), ("australianResidentialStatus", "N"), ("fundingCategory", "A1"),
            ("courseClassification", "1.1"), ("NZSCED", "030101"), ("EFTS Factor", "0.125"), ("NSN", "123456789"),
        };
        var record = DxpRecordNormaliser.Normalise(reader.Read(Row(cells.ToArray())).Record);
        Assert.Equal(new[] { 0.025m, 0.025m, 0.025m, 0.025m, 0.025m }, record.EftsByMonth);   // derived
        Assert.StartsWith("ce-", record.LocalId);                                              // derived
        Assert.DoesNotContain(DxpRecordValidator.Validate(record), p => p.Severity == DxpProblemSeverity.Error);
        var json = Newtonsoft.Json.JsonConvert.SerializeObject(record, DxpJson.Settings);
        Assert.DoesNotContain("studentsCourseWithdrawalDate", json);
        Assert.DoesNotContain("iteSector", json);

        var noSite = DxpRecordNormaliser.Normalise(reader.Read(Row(cells.Where(c => c.Item1 != "Site").ToArray())).Record);
        Assert.Contains(DxpRecordValidator.Validate(noSite), p => p.Field == "courseDeliverySite" && p.Severity == DxpProblemSeverity.Error);
    }
}
