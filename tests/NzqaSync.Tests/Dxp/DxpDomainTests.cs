using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NzqaSync.Api;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Tests.Dxp;

public class EftsByMonthTests
{
    // Seed: "evenly dividing the course EFTS factor by the number of calendar months the learner is enrolled,
    // irrespective of which day in the month the course starts or ends".
    [Theory]
    [InlineData("0.125", "2026-02-23", "2026-06-19", new[] { "0.0250", "0.0250", "0.0250", "0.0250", "0.0250" })] // api-facts example
    [InlineData("0.0125", "2026-03-01", "2026-03-31", new[] { "0.0125" })] // the seed's courseEftsFactor example, one month
    [InlineData("0.0010", "2026-07-31", "2026-07-01", null)] // end before start
    [InlineData("0.1", "2026-01-31", "2026-03-01", new[] { "0.0334", "0.0333", "0.0333" })] // remainder to the earliest month
    [InlineData("0.25", "2026-11-15", "2027-02-02", new[] { "0.0625", "0.0625", "0.0625", "0.0625" })] // spans the year end
    [InlineData("1.0000", "2026-02-01", "2026-12-31", new[] { "0.0910", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909", "0.0909" })]
    [InlineData("0", "2026-02-01", "2026-03-31", new[] { "0.0000", "0.0000" })]
    public void Compute_divides_by_calendar_months_and_adds_back(string factor, string start, string end, string[] expected)
    {
        var f = decimal.Parse(factor);
        var s = DateTime.Parse(start);
        var e = DateTime.Parse(end);
        if (expected == null)
        {
            Assert.Throws<ArgumentException>(() => EftsByMonth.Compute(f, s, e));
            return;
        }
        var values = EftsByMonth.Compute(f, s, e);
        Assert.Equal(expected, values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        Assert.Equal(f, values.Sum());
        Assert.True(values.Max() - values.Min() <= 0.0001m);
    }

    [Fact]
    public void Compute_refuses_a_factor_with_more_than_four_decimals() =>
        Assert.Throws<ArgumentException>(() => EftsByMonth.Compute(0.12345m, new DateTime(2026, 2, 1), new DateTime(2026, 3, 1)));
}

public class IrdNumberTests
{
    [Theory]
    [InlineData("49-091-850", true, "049-091-850")]
    [InlineData("35-901-981", true, "035-901-981")]
    [InlineData("49-098-576", true, "049-098-576")]
    [InlineData("136-410-132", true, "136-410-132")]
    [InlineData("136410132", true, "136-410-132")]
    [InlineData("049-091-850", true, "049-091-850")] // "enter leading zero in the first box if your IRD number is only 8 digits"
    [InlineData("136-410-133", false, null)] // wrong check digit
    [InlineData("9-125-568", false, null)] // below 10,000,000
    [InlineData("150-000-001", false, null)] // above 150,000,000
    [InlineData("12-345-67", false, null)] // seven digits
    [InlineData("49-O91-850", false, null)] // a letter O
    [InlineData("", false, null)]
    public void IsValid_follows_inland_revenue(string value, bool valid, string normalised)
    {
        Assert.Equal(valid, IrdNumber.IsValid(value));
        if (valid) Assert.Equal(normalised, IrdNumber.Normalise(value));
        else Assert.Throws<FormatException>(() => IrdNumber.Normalise(value));
    }
}

public class NzDateTests
{
    [Theory]
    // Dates on both sides of New Zealand's daylight-saving changes (NZDT +13 ends 5 April 2026, NZST +12 ends
    // 27 September 2026), the first of a month and 1 January. Sent as UTC midnight of the date; the old way (New
    // Zealand midnight, e.g. 2026-02-01T00:00:00+13:00) is stored as the previous day in UTC.
    [InlineData(2026, 1, 1)]
    [InlineData(2026, 2, 1)]
    [InlineData(2026, 2, 23)]
    [InlineData(2026, 4, 4)]
    [InlineData(2026, 4, 5)]
    [InlineData(2026, 4, 6)]
    [InlineData(2026, 9, 26)]
    [InlineData(2026, 9, 27)]
    [InlineData(2026, 9, 28)]
    [InlineData(2026, 12, 31)]
    public void A_date_is_sent_as_utc_midnight_and_its_utc_and_nz_dates_are_both_the_calendar_date(int y, int m, int d)
    {
        var date = new DateTime(y, m, d);
        var sent = NzDate.ToIso(date);
        Assert.Equal($"{y:0000}-{m:00}-{d:00}T00:00:00Z", sent);
        var instant = DateTimeOffset.Parse(sent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(date, instant.UtcDateTime.Date);                                        // TEC reading the stored UTC date
        Assert.Equal(date, TimeZoneInfo.ConvertTime(instant, NzDate.Zone).Date);            // or converting to New Zealand time
        Assert.Equal(date, NzDate.Parse(sent));
        Assert.Equal(date, NzDate.Parse($"{d:00}/{m:00}/{y}"));
        Assert.Equal(date, NzDate.Parse($"{d:00}/{m:00}/{y} 00:00:00"));                    // as Excel writes it
    }

    [Theory]
    // A value another client sent as New Zealand midnight reads back (from UTC) as its New Zealand date.
    [InlineData("2026-02-22T11:00:00Z", 2026, 2, 23)]
    [InlineData("2026-04-04T11:00:00Z", 2026, 4, 5)]
    [InlineData("2026-04-05T12:00:00Z", 2026, 4, 6)]
    [InlineData("2026-09-26T12:00:00Z", 2026, 9, 27)]
    [InlineData("2026-09-27T11:00:00Z", 2026, 9, 28)]
    [InlineData("2026-02-23T00:00:00+13:00", 2026, 2, 23)]
    public void A_utc_value_not_at_midnight_reads_back_as_its_new_zealand_date(string readBack, int y, int m, int d) =>
        Assert.Equal(new DateTime(y, m, d), NzDate.Parse(readBack));

    [Theory]
    [InlineData("01/02/2026 00:00:00", 2026, 2, 1)]
    [InlineData("01/02/2026 0:00", 2026, 2, 1)]
    [InlineData("1/2/2026 12:00:00 AM", 2026, 2, 1)]
    [InlineData("12/01/2026 00:00:00", 2026, 1, 12)]
    [InlineData("31/12/2026 23:59:59", 2026, 12, 31)]
    public void Dd_mm_yyyy_with_a_time_part_is_read_day_first(string text, int y, int m, int d) =>
        Assert.Equal(new DateTime(y, m, d), NzDate.Parse(text));

    [Fact]
    public void A_month_first_date_is_not_read_as_one()
    {
        Assert.False(NzDate.TryParse("02/13/2026 00:00:00", out _));
        Assert.False(NzDate.TryParse("2/13/2026", out _));
    }

    [Fact]
    public void Json_sends_utc_midnight_and_reads_the_same_date_back()
    {
        var record = new CourseEnrolmentRecord { CourseStartDate = new DateTime(2026, 2, 1), CourseEndDate = new DateTime(2026, 6, 19) };
        var text = JsonConvert.SerializeObject(record, DxpJson.Settings);
        Assert.Contains("\"courseStartDate\":\"2026-02-01T00:00:00Z\"", text);
        Assert.Contains("\"courseEndDate\":\"2026-06-19T00:00:00Z\"", text);
        Assert.DoesNotContain("studentsCourseWithdrawalDate", text);

        var back = JsonConvert.DeserializeObject<CourseEnrolmentRecord>("{\"courseStartDate\":\"2026-02-01T00:00:00Z\",\"courseEndDate\":\"2026-06-18T12:00:00Z\"}", DxpJson.Settings)!;
        Assert.Equal(new DateTime(2026, 2, 1), back.CourseStartDate);
        Assert.Equal(new DateTime(2026, 6, 19), back.CourseEndDate);
        foreach (var handling in new[] { DateParseHandling.DateTimeOffset, DateParseHandling.DateTime })
        {
            var parsed = JsonConvert.DeserializeObject<CourseEnrolmentRecord>("{\"courseStartDate\":\"2026-02-01T00:00:00Z\",\"courseEndDate\":\"2026-02-23T00:00:00+13:00\"}",
                new JsonSerializerSettings { ContractResolver = DxpContractResolver.Instance, DateParseHandling = handling })!;
            Assert.Equal(new DateTime(2026, 2, 1), parsed.CourseStartDate);
            Assert.Equal(new DateTime(2026, 2, 23), parsed.CourseEndDate);
        }
        var qc = JsonConvert.SerializeObject(new QualificationCompletionRecord { QualificationCompletionDate = new DateTime(2026, 1, 1) }, DxpJson.Settings);
        Assert.Contains("\"qualificationCompletionDate\":\"2026-01-01T00:00:00Z\"", qc);
    }
}

public class DxpLocalIdTests
{
    private static CourseEnrolmentRecord Enrolment(string localId = null) => new()
    {
        LocalId = localId, StudentIdentificationCode = "S1001", CourseCode = "ECON112", CourseStartDate = new DateTime(2026, 2, 23),
    };

    [Fact]
    public void Same_natural_key_gives_the_same_id_and_other_keys_differ()
    {
        var a = DxpLocalId.For(Enrolment());
        Assert.Equal(a, DxpLocalId.For(Enrolment()));
        Assert.StartsWith("ce-", a);
        Assert.True(a.Length <= 40);
        var utc = Enrolment();
        utc.CourseStartDate = new DateTime(2026, 2, 22, 11, 0, 0, DateTimeKind.Utc);
        Assert.Equal(a, DxpLocalId.For(utc)); // the UTC read-back maps to the same key, normalised or not
        Assert.Equal(a, DxpLocalId.For(DxpRecordNormaliser.Normalise(utc)));
        var other = Enrolment(); other.CourseStartDate = new DateTime(2026, 7, 13);
        Assert.NotEqual(a, DxpLocalId.For(other));
        var qc = new QualificationCompletionRecord { StudentIdentificationCode = "S1001", QualificationCode = "BC1234", YearRequirementsMet = 2026 };
        Assert.StartsWith("qc-", DxpLocalId.For(qc));
        Assert.Equal("qc-", DxpLocalId.For(qc).Substring(0, 3));
    }

    [Fact]
    public void Normaliser_fills_a_missing_local_id_and_efts_but_never_overwrites_given_values()
    {
        var derived = DxpRecordNormaliser.Normalise(new CourseEnrolmentRecord
        {
            StudentIdentificationCode = "S1001", CourseCode = "ECON112", CourseStartDate = new DateTime(2026, 2, 23),
            CourseEndDate = new DateTime(2026, 6, 19), CourseEftsFactor = 0.125m,
        });
        Assert.Equal(DxpLocalId.For(Enrolment()), derived.LocalId);
        Assert.Equal(new[] { 0.025m, 0.025m, 0.025m, 0.025m, 0.025m }, derived.EftsByMonth);

        var given = DxpRecordNormaliser.Normalise(new CourseEnrolmentRecord
        {
            LocalId = "mine-1", StudentIdentificationCode = "S1001", CourseCode = "ECON112", CourseStartDate = new DateTime(2026, 2, 23),
            CourseEndDate = new DateTime(2026, 6, 19), CourseEftsFactor = 0.125m, EftsByMonth = new[] { 0.05m, 0.05m, 0.025m, 0m, 0m },
        });
        Assert.Equal("mine-1", given.LocalId);
        Assert.Equal(new[] { 0.05m, 0.05m, 0.025m, 0m, 0m }, given.EftsByMonth);
    }
}

public class DxpUploadBatcherTests
{
    private static QualificationCompletionRecord Q(string id) => new() { LocalId = id };

    [Fact]
    public void Splits_into_batches_of_at_most_max_in_order()
    {
        var records = Enumerable.Range(1, 1201).Select(i => Q("q" + i)).ToList();
        var plan = DxpUploadBatcher.Plan(records, 500);
        Assert.Equal(new[] { 500, 500, 201 }, plan.Batches.Select(b => b.Count).ToArray());
        Assert.Equal(records, plan.Batches.SelectMany(b => b).ToList());
        Assert.Empty(plan.Problems);
    }

    [Fact]
    public void A_duplicate_local_id_is_held_back_and_reported_not_thrown()
    {
        var plan = DxpUploadBatcher.Plan(new[] { Q("a"), Q("b"), Q("a"), Q(null), Q("c") }, 2);
        Assert.Equal(new[] { "a", "b", "c" }, plan.Batches.SelectMany(b => b).Select(r => r.LocalId).ToArray());
        Assert.Equal(new[] { 2, 1 }, plan.Batches.Select(b => b.Count).ToArray());
        Assert.Equal(new[] { "DxpLocalIdDuplicate", "DxpFieldRequired" }, plan.Problems.Select(p => p.Code).ToArray());
        Assert.Equal("a", plan.Problems[0].LocalId);
        Assert.Contains("record 1", plan.Problems[0].Message);
        Assert.Equal(2, plan.HeldBack.Count);
    }
}

public class DxpContractTests
{
    [Fact]
    public void Problem_details_read_both_error_code_spellings()
    {
        var a = JsonConvert.DeserializeObject<DxpProblemDetails>("{\"title\":\"Bad\",\"status\":400,\"errorCode\":\"SC1\"}")!;
        var b = JsonConvert.DeserializeObject<DxpProblemDetails>("{\"title\":\"Bad\",\"status\":400,\"errorCodes\":[\"MP1\",\"CV1\"]}")!;
        var c = JsonConvert.DeserializeObject<DxpProblemDetails>("{\"errorCodes\":\"GM1\",\"errors\":{\"content\":[\"x\"]}}")!;
        Assert.Equal(new[] { "SC1" }, a.Codes);
        Assert.Equal(new[] { "MP1", "CV1" }, b.Codes);
        Assert.Equal(new[] { "GM1" }, c.Codes);
        Assert.StartsWith("SC1: Bad", a.ToString());
    }

    [Fact]
    public void Upload_request_uses_the_seed_json_names()
    {
        var r = DxpRecordNormaliser.Normalise(DxpValidatorTests.GoodEnrolment());
        var text = JsonConvert.SerializeObject(new DxpUploadRequest<CourseEnrolmentRecord>("tok", new[] { r }), DxpJson.Settings);
        var json = JObject.Parse(text);
        var item = (JObject)json["content"]![0]!;
        Assert.Equal("tok", (string)json["submissionToken"]!);
        foreach (var name in new[] { "localId", "studentIdentificationCode", "qualificationCode", "courseCode", "courseStartDate", "courseEndDate",
                     "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment", "intramuralExtramuralAttendance", "courseDeliverySite",
                     "sourceOfFunding", "residentialStatus", "australianResidentialStatus", "fundingCategory", "courseClassification",
                     "nzscedFieldOfStudy", "courseEftsFactor", "eftsByMonth", "nationalStudentNumber" })
            Assert.True(item.ContainsKey(name), name);
        Assert.Equal(JTokenType.Integer, item["nationalStudentNumber"]!.Type);
        Assert.Equal(JTokenType.Boolean, item["australianResidentialStatus"]!.Type);
        Assert.Contains("\"eftsByMonth\":[0.0250,0.0250,0.0250,0.0250,0.0250]", text);
        Assert.Equal("00", (string)item["categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment"]!);
        Assert.False(item.ContainsKey("Dataset"));
    }
}
