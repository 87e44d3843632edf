#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Tests.Dxp;

/// <summary>The learner, course register and course completion collections: derived values, rules, cross-collection checks.</summary>
public class SdrCollectionTests
{
    public static DxpLearnerRecord Learner(string student = "S1001", int? nsn = 2140000, string? family = "Lee", string? first = "Anna") =>
        DxpRecordNormaliser.Normalise(new DxpLearnerRecord
        {
            StudentIdentificationCode = student, Gender = "F", DateOfBirth = new DateTime(2004, 4, 1), NationalStudentNumber = nsn,
            FamilyName = family, FirstName = first,
        });

    public static DxpCourseRecord Course(string code = "ECON112", string? localId = null) =>
        DxpRecordNormaliser.Normalise(new DxpCourseRecord { LocalId = localId, CourseCode = code, CourseTitle = "Introductory economics", QualificationCode = "BBS701" });

    // Learner page: "The first four characters of a learner's surname plus initial of first legal name. If the learner does
    // not have a first name, use the first five characters for the surname." Work-based page: "Characters must be
    // capitalised. If the surname is less than 4 characters, then blanks must be inserted before forename initial."
    [Theory]
    [InlineData("Smithers", "John", "SMITJ")]
    [InlineData("Lee", "Anna", "LEE A")]  // EBS's example output
    [InlineData("Ng", "tama", "NG  T")]
    [InlineData("Richardson", null, "RICHA")]
    [InlineData("Richardson", "  ", "RICHA")]
    [InlineData("Ōtaki", "ana", "ŌTAKA")] // macrons kept (nothing seen says otherwise)
    [InlineData(null, "Anna", null)]
    public void NameIdCode_follows_the_pages_padding_and_capitals(string? family, string? first, string? expected) =>
        Assert.Equal(expected, NameIdCode.From(family, first));

    [Fact]
    public void A_given_nameIdCode_is_kept_and_a_missing_one_is_derived()
    {
        var given = DxpRecordNormaliser.Normalise(new DxpLearnerRecord { StudentIdentificationCode = "S1", NameIdCode = "LEE B", FamilyName = "Smith", FirstName = "Jo" });
        Assert.Equal("LEE B", given.NameIdCode);
        Assert.Equal("SMITJ", Learner(family: "Smith", first: "Jo").NameIdCode);
        Assert.StartsWith("lr-", given.LocalId);
        Assert.Equal(given.LocalId, DxpRecordNormaliser.Normalise(new DxpLearnerRecord { StudentIdentificationCode = " s1 " }).LocalId);
    }

    [Fact]
    public void Learner_rules_quote_the_page_and_accept_unseen_fields_within_their_length()
    {
        var ok = Learner();
        Assert.Empty(DxpRecordValidator.Validate(ok));
        var bad = Learner(family: null, first: null);
        bad.Gender = "X";
        bad.TotalFeeForDomesticStudent = 123.456m;
        bad.StudentIdentificationCode = "ABCDEFGHIJK";
        var problems = DxpRecordValidator.Validate(bad);
        Assert.Equal(new[] { "studentIdentificationCode", "gender", "nameIdCode", "totalFeeForDomesticStudent" }, problems.Select(p => p.Field).ToArray());
        Assert.Contains("M: Male, F: Female, D: Another gender", problems[1].Message);
        Assert.Contains("Numeric (8,2)", problems[3].Message);
        var free = Learner();
        free.CountryOfCitizenship = "NZL"; free.Ethnicity = new[] { "111", "211" }; free.DisabilityStatus = 7;
        Assert.Empty(DxpRecordValidator.Validate(free));
    }

    [Fact]
    public void Course_and_course_completion_rules_check_the_seen_lengths()
    {
        var c = Course();
        c.CourseTitle = new string('x', 76);
        Assert.Equal("DxpFieldTooLong", DxpRecordValidator.Validate(c).Single().Code);
        var cc = DxpRecordNormaliser.Normalise(new DxpCourseCompletionRecord { StudentIdentificationCode = "S1", CourseCode = "ECON112", CourseCompletionCode = "002" });
        Assert.StartsWith("cc-", cc.LocalId);
        Assert.Equal(("courseCompletionCode", "DxpFieldTooLong"), (DxpRecordValidator.Validate(cc).Single().Field, DxpRecordValidator.Validate(cc).Single().Code));
    }

    [Fact]
    public void Cross_check_names_both_records_course_missing_from_the_register_and_learner_missing()
    {
        var check = new SdrCrossCheck(new[] { Learner("S1", 2140000) }, new[] { Course("ECON112", "C-ECON"), Course("ACCT101", "C-ACCT1"), Course("ACCT101", "C-ACCT2") });
        var enrolment = DxpSandbox.Enrolment("E1", student: "S1", course: "MGMT999");
        enrolment.NationalStudentNumber = 2140000;
        var missing = check.Check(enrolment).Single();
        Assert.Equal("DxpCourseNotInRegister", missing.Code);
        Assert.Contains("course enrolment E1", missing.Message);
        Assert.Contains("MGMT999", missing.Message);

        var completion = DxpRecordNormaliser.Normalise(new DxpCourseCompletionRecord { LocalId = "CC9", StudentIdentificationCode = "S404", CourseCode = "ECON112" });
        var noLearner = check.Check(completion).Single();
        Assert.Equal("DxpLearnerMissing", noLearner.Code);
        Assert.Contains("course completion CC9", noLearner.Message);
        Assert.Contains("S404", noLearner.Message);

        var twice = DxpSandbox.Enrolment("E2", student: "S1", course: "ACCT101");
        twice.NationalStudentNumber = 2140000;
        var p = check.Check(twice).Single();
        Assert.Equal("DxpCourseInRegisterTwice", p.Code);
        Assert.Contains("C-ACCT1", p.Message);
        Assert.Contains("C-ACCT2", p.Message);

        var nsn = DxpSandbox.Enrolment("E3", student: "S1", course: "ECON112");
        nsn.NationalStudentNumber = 999;
        var disagree = check.Check(nsn).Single();
        Assert.Equal("DxpNsnDisagrees", disagree.Code);
        Assert.Contains("course enrolment E3", disagree.Message);
        var fine = DxpSandbox.Enrolment("E4", student: "S1", course: "ECON112");
        fine.NationalStudentNumber = 2140000;
        Assert.Empty(check.Check(fine));
    }

    [Fact]
    public async Task Sandbox_serves_the_three_collections_and_its_validation_checks_across_them()
    {
        await using var s = await DxpSandbox.StartAsync();
        s.Host.State.Dxp.Options.ValidationStepDuration = TimeSpan.Zero;
        var sub = await s.SubmissionAsync();
        var learner = Learner("S1001", 2140000);
        var up = await s.UploadAsync(sub.SubmissionToken, learner);
        Assert.True(up.Status == HttpStatusCode.OK, up.Text);
        Assert.Empty((JArray)up.Body["content"]![0]!["errors"]!);
        var badGender = Learner("S1002"); badGender.Gender = "Q";
        var refused = (await s.UploadAsync(sub.SubmissionToken, badGender)).Body.ToObject<DxpUploadResponse>()!;
        Assert.False(refused.Content.Single().Accepted);
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, Course("ECON112"))).Status);
        var enrolment = DxpSandbox.Enrolment("E1", student: "S1001", course: "ECON112"); enrolment.NationalStudentNumber = 2140000;
        var orphan = DxpSandbox.Enrolment("E2", student: "S1001", course: "NOPE101"); orphan.NationalStudentNumber = 2140000;
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, enrolment, orphan)).Status);
        var completion = DxpRecordNormaliser.Normalise(new DxpCourseCompletionRecord { LocalId = "CC1", StudentIdentificationCode = "S7777", CourseCode = "ECON112", CourseCompletionCode = "2" });
        Assert.Equal(HttpStatusCode.OK, (await s.UploadAsync(sub.SubmissionToken, completion)).Status);

        var learnersCsv = await s.CsvAsync(sub, "learners");
        Assert.Equal("localId,studentIdentificationCode,gender,dateOfBirth,totalFeeForDomesticStudent,nameIdCode,nationalStudentNumber,irdNumber,countryOfCitizenship,ethnicity,iwi,disabilityStatus", learnersCsv[0]);
        Assert.Contains(",LEE A,", learnersCsv[1]);
        Assert.Equal(2, (await s.CsvAsync(sub, "course-completions")).Length);

        await s.SendAsync(HttpMethod.Post, "validation", new DxpSubmissionTokenRequest(sub.SubmissionToken));
        var results = (await s.SendAsync(HttpMethod.Get, $"validation/results?submissionToken={sub.SubmissionToken}")).Body.ToObject<PagedResult<DxpValidationResult>>()!.Results;
        var cross = results.Where(r => r.ErrorCode.StartsWith("XR")).Select(r => (r.ErrorCode, r.LocalId, r.FileType)).OrderBy(x => x.LocalId).ToList();
        Assert.Equal(new[] { ("XR02", "CC1", "CourseCompletion"), ("XR01", "E2", "CourseEnrolment") }, cross);

        var deleted = (await s.SendAsync(HttpMethod.Post, "courses/delete", new DxpUploadRequest<DxpLocalIdRef>(sub.SubmissionToken, new[] { new DxpLocalIdRef(Course("ECON112").LocalId) }))).Body.ToObject<DxpUploadResponse>()!;
        Assert.True(deleted.Content.Single().Accepted);
    }
}

/// <summary>Compare-DxpRecord's core: local vs the submission by localId, field by field in the sent form.</summary>
public class DxpRecordComparerTests
{
    private static NzqaSync.Compare.DxpLocalItem Item(IDxpRecord r) => new(r, null, null);

    [Fact]
    public void New_Different_Match_DxpOnly_and_Invalid_by_localId()
    {
        var same = DxpSandbox.Enrolment("same");
        var changedLocal = DxpSandbox.Enrolment("changed");
        var changedHeld = DxpSandbox.Enrolment("changed");
        changedHeld.CourseEndDate = new DateTime(2026, 6, 26);
        changedHeld.EftsByMonth = changedLocal.EftsByMonth;
        var held = new IDxpRecord[] { DxpSandbox.Enrolment("same"), changedHeld, DxpSandbox.Enrolment("gone"), DxpSandbox.Enrolment("bad") };
        var bad = DxpSandbox.Enrolment("bad");
        var problem = new DxpFieldProblem("courseCode", "DxpCourseNotInRegister", "not in the register", localId: "bad");
        var local = new[] { Item(same), Item(changedLocal), Item(DxpSandbox.Enrolment("new")), new NzqaSync.Compare.DxpLocalItem(bad, new[] { problem }, "row") };

        var diffs = NzqaSync.Compare.DxpRecordComparer.Compare(CourseEnrolmentRecord.DatasetName, local, held, "202608").ToList();

        Assert.Equal(new[] { ("same", "Match"), ("changed", "Different"), ("new", "New"), ("bad", "Invalid"), ("gone", "DxpOnly") },
            diffs.Select(d => (d.LocalId, d.Status.ToString())).ToArray());
        var difference = diffs[1].Differences.Single();
        Assert.Equal(("courseEndDate", "2026-06-19", "2026-06-26"), (difference.Field, difference.Local, difference.Dxp));
        // An Invalid record keeps its DXP record: it is not DxpOnly, so it is never deleted.
        Assert.DoesNotContain(diffs, d => d.LocalId == "bad" && d.Status.ToString() == "DxpOnly");
    }

    [Fact]
    public void Numbers_compare_by_value_and_a_repeated_localId_is_one_shared_problem()
    {
        var local = DxpSandbox.Enrolment("a");
        var held = DxpSandbox.Enrolment("a");
        held.CourseEftsFactor = 0.1250m; // 0.125 as DXP may write it
        Assert.Empty(NzqaSync.Compare.DxpRecordComparer.Differences(local, held));

        var twice = new[] { Item(DxpSandbox.Enrolment("dup", student: "S1")), Item(DxpSandbox.Enrolment("dup", student: "S2")) };
        var diffs = NzqaSync.Compare.DxpRecordComparer.Compare(CourseEnrolmentRecord.DatasetName, twice, Array.Empty<IDxpRecord>(), "202608").ToList();
        Assert.All(diffs, d => Assert.Equal("Invalid", d.Status.ToString()));
        Assert.Same(diffs[0].Problems.Single(), diffs[1].Problems.Single());
        Assert.Equal("DxpLocalIdDuplicate", diffs[0].Problems[0].Code);
    }
}
