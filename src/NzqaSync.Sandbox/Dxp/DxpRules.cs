#nullable enable
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NzqaSync.Sandbox.Dxp;

/// <summary>The JSON type a field must have; a value of another type is a schema error (CV1).</summary>
public enum DxpFieldKind { String, Int, Bool, Number, DateTime, NumberArray, StringArray }

/// <summary>One field of a DXP content type as its seed page describes it.</summary>
public sealed record DxpFieldSpec(string Name, DxpFieldKind Kind, bool Required, int MaxLength = 0);

/// <summary>An issue a validation run reports for one stored record.</summary>
public sealed record DxpIssue(string ErrorCode, string ErrorType, string Description);

/// <summary>
/// The DXP rules, server side: schema (CV1), per-record upload errors, and the warnings and cross-record errors of a
/// validation run. Written independently of the module's validator (the sandbox does not reference the module), from
/// the same seeds: shared/seeds/tec-dxp-upload-course-enrolment.txt and tec-dxp-upload-qualification-completion.txt.
/// </summary>
public static class DxpRules
{
    public const string CourseEnrolments = "course-enrolments";
    public const string QualificationCompletions = "qualification-completions";
    public const string Learners = "learners";
    public const string Courses = "courses";
    public const string CourseCompletions = "course-completions";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<DxpFieldSpec>> Datasets = new Dictionary<string, IReadOnlyList<DxpFieldSpec>>
    {
        [CourseEnrolments] = new DxpFieldSpec[]
        {
            new("localId", DxpFieldKind.String, true),
            new("studentIdentificationCode", DxpFieldKind.String, true, 10),
            new("qualificationCode", DxpFieldKind.String, true, 6),
            new("courseCode", DxpFieldKind.String, true, 20),
            new("courseStartDate", DxpFieldKind.DateTime, true),
            new("courseEndDate", DxpFieldKind.DateTime, true),
            new("studentsCourseWithdrawalDate", DxpFieldKind.DateTime, false),
            new("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment", DxpFieldKind.String, true, 2),
            new("intramuralExtramuralAttendance", DxpFieldKind.Int, true),
            new("courseDeliverySite", DxpFieldKind.String, true, 2),
            new("sourceOfFunding", DxpFieldKind.String, true, 2),
            new("residentialStatus", DxpFieldKind.String, true, 1),
            new("australianResidentialStatus", DxpFieldKind.Bool, true),
            new("fundingCategory", DxpFieldKind.String, true, 2),
            new("courseClassification", DxpFieldKind.Number, true),
            new("nzscedFieldOfStudy", DxpFieldKind.String, true, 6),
            new("courseEftsFactor", DxpFieldKind.Number, true),
            new("eftsByMonth", DxpFieldKind.NumberArray, true),
            new("nationalStudentNumber", DxpFieldKind.Int, true),
            new("consortium", DxpFieldKind.Int, false),
            new("iteSector", DxpFieldKind.Int, false),
            new("iteSubject", DxpFieldKind.StringArray, false, 40),
        },
        [QualificationCompletions] = new DxpFieldSpec[]
        {
            new("localId", DxpFieldKind.String, true),
            new("studentIdentificationCode", DxpFieldKind.String, true, 10),
            new("nationalStudentNumber", DxpFieldKind.Int, true),
            new("qualificationCode", DxpFieldKind.String, true, 6),
            new("yearRequirementsMet", DxpFieldKind.Int, true),
            new("irdNumber", DxpFieldKind.String, false, 11),
            // The schema says optional; the seed's text says "This field is mandatory."
            new("qualificationCompletionDate", DxpFieldKind.DateTime, true),
            new("linkedQualificationCodeForFeesFree", DxpFieldKind.String, false, 6),
        },
        // shared/docs/dxp-sdr-fields.md §2: seen up to nameIdCode; the fields after it are the contract's assumption.
        [Learners] = new DxpFieldSpec[]
        {
            new("localId", DxpFieldKind.String, true),
            new("studentIdentificationCode", DxpFieldKind.String, true, 10),
            new("gender", DxpFieldKind.String, true),
            new("dateOfBirth", DxpFieldKind.DateTime, true),
            new("totalFeeForDomesticStudent", DxpFieldKind.Number, false),
            new("nameIdCode", DxpFieldKind.String, true, 5),
            new("nationalStudentNumber", DxpFieldKind.Int, false),
            new("irdNumber", DxpFieldKind.String, false, 11),
            new("countryOfCitizenship", DxpFieldKind.String, false, 4),
            new("ethnicity", DxpFieldKind.StringArray, false),
            new("iwi", DxpFieldKind.StringArray, false),
            new("disabilityStatus", DxpFieldKind.Int, false),
        },
        // §3: seen up to qualificationCode.
        [Courses] = new DxpFieldSpec[]
        {
            new("localId", DxpFieldKind.String, true),
            new("courseCode", DxpFieldKind.String, true, 20),
            new("courseTitle", DxpFieldKind.String, true, 75),
            new("qualificationCode", DxpFieldKind.String, true, 6),
            new("discountedCourseTuitionFee", DxpFieldKind.Number, false),
            new("discountedCompulsoryCourseCostsFee", DxpFieldKind.Number, false),
            new("learningHours", DxpFieldKind.Number, false),
            new("volumeResearchFactor", DxpFieldKind.Number, false),
        },
        // §4: seen up to courseCode.
        [CourseCompletions] = new DxpFieldSpec[]
        {
            new("localId", DxpFieldKind.String, true),
            new("studentIdentificationCode", DxpFieldKind.String, true, 10),
            new("courseCode", DxpFieldKind.String, true, 20),
            new("nationalStudentNumber", DxpFieldKind.Int, false),
            new("courseStartDate", DxpFieldKind.DateTime, false),
            new("courseEndDate", DxpFieldKind.DateTime, false),
            new("courseCompletionCode", DxpFieldKind.String, false, 2),
        },
    };

    /// <summary>The fileType a validation result names.</summary>
    public static string FileType(string dataset) => dataset switch
    {
        CourseEnrolments => "CourseEnrolment",
        QualificationCompletions => "QualificationCompletion",
        Learners => "Learner",
        Courses => "Course",
        _ => "CourseCompletion",
    };

    private static readonly HashSet<int> CategoryOfFees = new() { 0, 1, 3, 4, 6, 8, 9, 12, 13, 14 };
    private static readonly HashSet<int> CurrentFunds = new() { 1, 2, 3, 5, 9, 10, 12, 13, 20, 22, 23, 24, 26, 28, 29, 31, 37 };
    private static readonly HashSet<int> HistoricFunds = new() { 4, 6, 7, 8, 11, 14, 15, 16, 25, 27, 30, 32, 33, 35, 36 };
    private static readonly HashSet<int> IteNzsced = new() { 70101, 70103, 70105, 70108, 70118, 70120, 70122, 70124, 70126 };

    private static readonly Lazy<TimeZoneInfo> Nz = new(() => TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"));

    /// <summary>New Zealand midnight of a calendar date as a UTC instant.</summary>
    public static DateTimeOffset NzMidnight(int year, int month, int day)
    {
        var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Nz.Value.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// Schema check of one content item (CV1 when anything is wrong): each known field's JSON type, int32 range for
    /// integers, ISO-8601 for dates. Returns messages keyed "content[i].field".
    /// </summary>
    public static void CheckSchema(string dataset, int index, JsonElement item, IDictionary<string, List<string>> errors)
    {
        void Add(string? field, string message)
        {
            var key = $"content[{index}]{(field == null ? "" : "." + field)}";
            if (!errors.TryGetValue(key, out var list)) errors[key] = list = new List<string>();
            list.Add(message);
        }
        if (item.ValueKind != JsonValueKind.Object) { Add(null, "Each content item must be an object."); return; }
        foreach (var spec in Datasets[dataset])
        {
            if (!item.TryGetProperty(spec.Name, out var v) || v.ValueKind == JsonValueKind.Null) continue;
            var ok = spec.Kind switch
            {
                DxpFieldKind.String => v.ValueKind == JsonValueKind.String,
                DxpFieldKind.Int => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out _),
                DxpFieldKind.Bool => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
                DxpFieldKind.Number => v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out _),
                DxpFieldKind.DateTime => v.ValueKind == JsonValueKind.String && TryInstant(v.GetString(), out _),
                DxpFieldKind.NumberArray => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out _)),
                DxpFieldKind.StringArray => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
                _ => false,
            };
            if (!ok) Add(spec.Name, $"The value is not a valid {Describe(spec.Kind)}.");
        }
    }

    private static string Describe(DxpFieldKind kind) => kind switch
    {
        DxpFieldKind.String => "string",
        DxpFieldKind.Int => "int32",
        DxpFieldKind.Bool => "boolean",
        DxpFieldKind.Number => "double",
        DxpFieldKind.DateTime => "date-time (ISO-8601)",
        DxpFieldKind.NumberArray => "double[]",
        _ => "string[]",
    };

    /// <summary>"Will use ISO-8601 for your dates and will accept any timezone. The API will store and return in UTC." A value with no zone is taken as UTC.</summary>
    public static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);

    /// <summary>
    /// The record as stored: a copy holding the known fields, dates turned to UTC as TEC stores them
    /// ("2026-02-23T00:00:00+13:00" is stored "2026-02-22T11:00:00Z"; "2026-02-23T00:00:00Z" stays the 23rd).
    /// </summary>
    public static JsonObject ToStored(string dataset, JsonElement item)
    {
        var stored = new JsonObject();
        foreach (var spec in Datasets[dataset])
        {
            if (!item.TryGetProperty(spec.Name, out var v) || v.ValueKind == JsonValueKind.Null) continue;
            stored[spec.Name] = spec.Kind == DxpFieldKind.DateTime && TryInstant(v.GetString(), out var instant)
                ? JsonValue.Create(instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                : JsonNode.Parse(v.GetRawText());
        }
        return stored;
    }

    /// <summary>Per-record errors returned by an upload (a record with any is not stored).</summary>
    public static List<string> UploadErrors(string dataset, JsonObject r, int? returnYear = null)
    {
        var errors = new List<string>();
        foreach (var spec in Datasets[dataset])
        {
            var node = r[spec.Name];
            if (node == null)
            {
                if (spec.Required) errors.Add($"{spec.Name}: This field is mandatory.");
                continue;
            }
            if (spec.Kind == DxpFieldKind.String)
            {
                var s = node.GetValue<string>();
                if (spec.Required && s.Trim().Length == 0) errors.Add($"{spec.Name}: This field is mandatory (Possible values: 1 ≤ length{(spec.MaxLength > 0 ? " ≤ " + spec.MaxLength : "")}).");
                else if (spec.MaxLength > 0 && s.Length > spec.MaxLength) errors.Add($"{spec.Name}: Length: {spec.MaxLength} — must be {(spec.Required ? 1 : 0)}–{spec.MaxLength} characters.");
            }
        }
        if (dataset == CourseEnrolments) CourseEnrolmentErrors(r, errors, returnYear);
        else if (dataset == QualificationCompletions) QualificationCompletionErrors(r, errors);
        else if (dataset == Learners) LearnerErrors(r, errors);
        else if (dataset == CourseCompletions) CourseCompletionErrors(r, errors);
        else if (dataset == Courses) QualificationCode(r, "qualificationCode", nonFormal: true, errors);
        return errors;
    }

    private static string? Str(JsonObject r, string name) => r[name]?.GetValue<string>()?.Trim();
    private static int? Int(JsonObject r, string name) => r[name]?.GetValue<int>();
    private static decimal? Dec(JsonObject r, string name) => r[name] is JsonNode n ? decimal.Parse(n.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;
    /// <summary>
    /// The date TEC works with: the calendar date of the stored UTC value. Nothing published says TEC converts a stored
    /// value back to New Zealand time, so the sandbox assumes it does not — a date sent as New Zealand midnight is
    /// checked (EFTS months, year requirements met, natural key) as the day before, as it would be at TEC.
    /// </summary>
    private static DateTime? Date(JsonObject r, string name) => r[name] is JsonNode n && TryInstant(n.GetValue<string>(), out var i) ? i.UtcDateTime.Date : null;
    private static int? Code(string? s) => s != null && s.Length is 1 or 2 && s.All(char.IsAsciiDigit) ? int.Parse(s, CultureInfo.InvariantCulture) : null;

    private static int Places(decimal d)
    {
        d /= 1.000000000000000000000000000000000m;
        return (decimal.GetBits(d)[3] >> 16) & 0xFF;
    }

    private static bool Alnum(string s) => s.Length > 0 && s.All(char.IsAsciiLetterOrDigit);

    /// <summary>"a six alpha-numeric code from the SDR Qualifications Register"; for course enrolments also G9999 and the model GFFSSX.</summary>
    private static void QualificationCode(JsonObject r, string field, bool nonFormal, List<string> errors)
    {
        var code = Str(r, field);
        if (string.IsNullOrEmpty(code) || code.Length > 6) return;
        if (code.Length == 6 && Alnum(code)) return;
        if (nonFormal && code == "G9999") return;
        errors.Add($"{field}: '{code}' is not a six alpha-numeric code from the SDR Qualifications Register{(nonFormal ? " (or G9999 / GFFSSX for community education)" : "")}.");
    }

    private static void CourseEnrolmentErrors(JsonObject r, List<string> errors, int? returnYear)
    {
        var start = Date(r, "courseStartDate");
        // "The start date of the learner's course(s) in the current or previous academic year."
        if (returnYear is int ry && start is DateTime s0 && s0.Year != ry && s0.Year != ry - 1)
            errors.Add($"courseStartDate: {s0:dd/MM/yyyy} is not in the current or previous academic year of return year {ry}.");
        QualificationCode(r, "qualificationCode", nonFormal: true, errors);
        var site = Str(r, "courseDeliverySite");
        if (!string.IsNullOrEmpty(site) && !Alnum(site)) errors.Add($"courseDeliverySite: '{site}' is not alpha-numeric.");
        var end = Date(r, "courseEndDate");
        var withdrawal = Date(r, "studentsCourseWithdrawalDate");
        if (start.HasValue && end.HasValue && end < start) errors.Add("courseEndDate: The course end date is before the course start date.");
        if (start.HasValue && withdrawal.HasValue && withdrawal < start) errors.Add("studentsCourseWithdrawalDate: The withdrawal date is before the course start date.");

        var fees = Str(r, "categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment");
        if (!string.IsNullOrEmpty(fees) && !(Code(fees) is int f && CategoryOfFees.Contains(f)))
            errors.Add($"categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment: '{fees}' is not a Category of Fees Assessment code.");
        if (Int(r, "intramuralExtramuralAttendance") is int a && (a < 1 || a > 4))
            errors.Add($"intramuralExtramuralAttendance: {a} is not 1, 2, 3 or 4.");
        var source = Str(r, "sourceOfFunding");
        var sourceCode = Code(source);
        if (!string.IsNullOrEmpty(source) && !(sourceCode is int s && (CurrentFunds.Contains(s) || HistoricFunds.Contains(s))))
            errors.Add($"sourceOfFunding: '{source}' is not a Source of Funding code.");
        var res = Str(r, "residentialStatus");
        if (!string.IsNullOrEmpty(res) && res != "Y" && res != "N") errors.Add($"residentialStatus: '{res}' is not Y or N.");
        // Footnote *1: 00 for NZ residents and Australian permanent residents residing in New Zealand (attendance 1 or 2).
        var ausPr = r["australianResidentialStatus"] is JsonValue aus && aus.TryGetValue<bool>(out var ab) && ab;
        if ((res == "Y" || ausPr) && Int(r, "intramuralExtramuralAttendance") is 1 or 2 && Code(fees) is int fc && CategoryOfFees.Contains(fc) && fc != 0)
            errors.Add($"categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment: '{fees}' must be 00 for a New Zealand resident or Australian permanent resident residing in New Zealand.");
        if (Dec(r, "courseClassification") is decimal cc && (cc < 0 || cc >= 100 || Places(cc) > 1))
            errors.Add($"courseClassification: {cc} is not Numeric (2,1).");
        var factor = Dec(r, "courseEftsFactor");
        if (factor is decimal fa && (fa < 0 || fa >= 10 || Places(fa) > 4))
            errors.Add($"courseEftsFactor: {fa} is not Numeric (1,4): a decimal rounded to four decimal places.");
        if (r["eftsByMonth"] is JsonArray months)
        {
            var values = months.Select(m => decimal.Parse(m!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
            if (values.Count == 0) errors.Add("eftsByMonth: This field is mandatory.");
            foreach (var v in values.Where(v => v < 0 || v >= 10 || Places(v) > 4))
                errors.Add($"eftsByMonth: {v} is not Numeric (1,4): a decimal rounded to four decimal places.");
            if (start.HasValue && end.HasValue && end >= start)
            {
                var span = (end.Value.Year * 12 + end.Value.Month) - (start.Value.Year * 12 + start.Value.Month) + 1;
                if (values.Count > 0 && values.Count != span)
                    errors.Add($"eftsByMonth: {values.Count} values for a course of {span} calendar months.");
            }
            // A withdrawn learner with 0 in every month counts no EFTS (the withdrawal period): not a broken sum.
            var noEfts = withdrawal.HasValue && values.Count > 0 && values.All(v => v == 0);
            if (factor is decimal total && values.Count > 0 && !noEfts && values.All(v => Places(v) <= 4) && Places(total) <= 4 && values.Sum() != total)
                errors.Add($"eftsByMonth: adds up to {values.Sum()}, not the Course EFTS Factor {total}.");
        }
        if (Int(r, "nationalStudentNumber") is int nsn && nsn <= 0) errors.Add($"nationalStudentNumber: {nsn} is not a National Student Number.");
        if (sourceCode is 28 or 29 && r["consortium"] == null) errors.Add("consortium: This field is mandatory for funding source 28 or 29.");
        var sector = Int(r, "iteSector");
        if (sector is int sec && (sec < 1 || sec > 3)) errors.Add($"iteSector: {sec} is not 1, 2 or 3.");
        if (sector == 3)
        {
            var subjects = (r["iteSubject"] as JsonArray)?.Select(n => n!.GetValue<string>()).Where(x => x.Trim().Length > 0).ToList() ?? new List<string>();
            if (subjects.Count is < 1 or > 4) errors.Add($"iteSubject: {subjects.Count} subjects; 1 to 4 are required when iteSector is 3 (Secondary).");
            foreach (var sub in subjects.Where(x => x.Length > 40)) errors.Add($"iteSubject: '{sub}' is longer than 40 characters.");
        }
    }

    private static void LearnerErrors(JsonObject r, List<string> errors)
    {
        var gender = Str(r, "gender");
        if (!string.IsNullOrEmpty(gender) && gender is not ("M" or "F" or "D")) errors.Add($"gender: '{gender}' is not M, F or D.");
        if (Dec(r, "totalFeeForDomesticStudent") is decimal fee && (fee < 0 || fee >= 1_000_000m || Places(fee) > 2))
            errors.Add($"totalFeeForDomesticStudent: {fee} is not Numeric (8,2).");
        if (Int(r, "nationalStudentNumber") is int nsn && nsn <= 0) errors.Add($"nationalStudentNumber: {nsn} is not a National Student Number.");
        var ird = Str(r, "irdNumber");
        if (!string.IsNullOrEmpty(ird) && ird.Length <= 11 && !IrdValid(ird)) errors.Add($"irdNumber: '{ird}' fails Inland Revenue's checksum.");
    }

    private static void CourseCompletionErrors(JsonObject r, List<string> errors)
    {
        if (Int(r, "nationalStudentNumber") is int nsn && nsn <= 0) errors.Add($"nationalStudentNumber: {nsn} is not a National Student Number.");
        var start = Date(r, "courseStartDate");
        var end = Date(r, "courseEndDate");
        if (start.HasValue && end.HasValue && end < start) errors.Add("courseEndDate: The course end date is before the course start date.");
    }

    private static void QualificationCompletionErrors(JsonObject r, List<string> errors)
    {
        if (Int(r, "nationalStudentNumber") is int nsn && nsn <= 0) errors.Add($"nationalStudentNumber: {nsn} is not a National Student Number.");
        var year = Int(r, "yearRequirementsMet");
        if (year is int y && (y < 1000 || y > 9999)) errors.Add($"yearRequirementsMet: {y} is not a year in the format YYYY.");
        QualificationCode(r, "qualificationCode", nonFormal: false, errors);
        QualificationCode(r, "linkedQualificationCodeForFeesFree", nonFormal: false, errors);
        var student = Str(r, "studentIdentificationCode");
        if (!string.IsNullOrEmpty(student) && student.Length <= 10 && !Alnum(student)) errors.Add($"studentIdentificationCode: '{student}' is not alpha-numeric.");
        var ird = Str(r, "irdNumber");
        if (!string.IsNullOrEmpty(ird) && ird.Length <= 11 && !IrdValid(ird))
            errors.Add($"irdNumber: '{ird}' fails Inland Revenue's checksum.");
    }

    /// <summary>Inland Revenue's check-digit algorithm (see shared/docs/api-facts.md, "Rules worth knowing exactly").</summary>
    public static bool IrdValid(string value)
    {
        var digits = new string(value.Where(c => c != '-').ToArray());
        if (digits.Length is < 8 or > 9 || !digits.All(char.IsAsciiDigit)) return false;
        var n = long.Parse(digits, CultureInfo.InvariantCulture);
        if (n < 10_000_000 || n > 150_000_000) return false;
        var body = digits[..^1].PadLeft(8, '0');
        int Check(int[] w)
        {
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (body[i] - '0') * w[i];
            var rem = sum % 11;
            return rem == 0 ? 0 : 11 - rem;
        }
        var c = Check(new[] { 3, 2, 7, 6, 5, 4, 3, 2 });
        if (c == 10) c = Check(new[] { 7, 4, 3, 2, 5, 2, 7, 6 });
        return c != 10 && c == digits[^1] - '0';
    }

    /// <summary>Warnings a validation run reports for one stored record.</summary>
    /// <summary>Issues a validation run reports for one stored record (beyond the upload errors): warnings, and the ITE rule.</summary>
    public static IEnumerable<DxpIssue> Warnings(string dataset, JsonObject r, int? returnYear = null)
    {
        if (dataset == QualificationCompletions)
        {
            // "This should align with what is reported for the 'Year Requirements Met' field": a warning, not a refusal.
            if (Int(r, "yearRequirementsMet") is int y && y is >= 1000 and <= 9999 && Date(r, "qualificationCompletionDate") is DateTime done && done.Year != y)
                yield return new DxpIssue("YRM01", "Warning", $"Year Requirements Met {y} does not align with the qualification completion date {done:dd/MM/yyyy}.");
            yield break;
        }
        if (dataset != CourseEnrolments) yield break;
        var nzsced = Str(r, "nzscedFieldOfStudy");
        if (r["iteSector"] == null && int.TryParse(nzsced, NumberStyles.None, CultureInfo.InvariantCulture, out var field) && IteNzsced.Contains(field))
        {
            // "optional until 2026 and a warning will be displayed until then. From 2026 we will introduce validation rules"
            var year = returnYear ?? Date(r, "courseStartDate")?.Year;
            yield return new DxpIssue("ITE01", year >= 2026 ? "Error" : "Warning",
                $"ITE Sector is missing for NZSCED {nzsced}, an ITE enrolment. This field is optional until 2026 and a warning will be displayed until then; from 2026 it is required.");
        }
        if (Code(Str(r, "sourceOfFunding")) is int s && HistoricFunds.Contains(s))
            yield return new DxpIssue("SOF01", "Warning", $"Source of Funding {s} is a historic fund.");
        if (Date(r, "courseStartDate") is not DateTime start || Date(r, "courseEndDate") is not DateTime end || end < start
            || Date(r, "studentsCourseWithdrawalDate") is not DateTime withdrawn || withdrawn < start)
            yield break;
        if (withdrawn > end)
            yield return new DxpIssue("WDR01", "Warning", $"The withdrawal date {withdrawn:dd/MM/yyyy} is after the course end date {end:dd/MM/yyyy}.");
        if (WithdrawalIssue(r, start, end, withdrawn) is DxpIssue efts) yield return efts;
    }

    /// <summary>
    /// EFT02 (warning): "include EFTS for learners who withdraw after one calendar month or 10% of the course duration
    /// (rounded up to the nearest whole day) or as determined by the academic board or council". Read as: EFTS counts for
    /// a withdrawal on or after the earlier of start + 1 calendar month and start + ⌈10% of the course's days⌉ (start and
    /// end inclusive). A warning because the academic board or council may set another period.
    /// </summary>
    private static DxpIssue? WithdrawalIssue(JsonObject r, DateTime start, DateTime end, DateTime withdrawn)
    {
        if (r["eftsByMonth"] is not JsonArray months || months.Count == 0) return null;
        var values = months.Select(m => decimal.Parse(m!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        var courseDays = (int)(end - start).TotalDays + 1;
        var tenthDays = (int)Math.Ceiling(courseDays / 10m);
        var oneMonth = start.AddMonths(1);
        var countsFrom = start.AddDays(tenthDays) < oneMonth ? start.AddDays(tenthDays) : oneMonth;
        var none = values.All(v => v == 0);
        if (withdrawn < countsFrom && !none)
            return new DxpIssue("EFT02", "Warning",
                $"EFTS is reported for a learner who withdrew on {withdrawn:dd/MM/yyyy}, within the withdrawal period (to {countsFrom.AddDays(-1):dd/MM/yyyy}): EFTS is included for learners who withdraw after one calendar month or 10% of the course duration.");
        if (withdrawn >= countsFrom && none && Dec(r, "courseEftsFactor") is decimal f && f > 0)
            return new DxpIssue("EFT02", "Warning",
                $"No EFTS is reported for a learner who withdrew on {withdrawn:dd/MM/yyyy}, after the withdrawal period (to {countsFrom.AddDays(-1):dd/MM/yyyy}): EFTS is included for learners who withdraw after one calendar month or 10% of the course duration.");
        return null;
    }

    /// <summary>The natural key whose repetition under two localIds a validation run reports as an error.</summary>
    public static string NaturalKey(string dataset, JsonObject r) => dataset switch
    {
        CourseEnrolments or CourseCompletions => $"{Str(r, "studentIdentificationCode")}|{Str(r, "courseCode")}|{Date(r, "courseStartDate"):yyyy-MM-dd}",
        QualificationCompletions => $"{Str(r, "studentIdentificationCode")}|{Str(r, "qualificationCode")}|{Int(r, "yearRequirementsMet")}",
        Learners => Str(r, "studentIdentificationCode") ?? "",
        _ => Str(r, "courseCode") ?? "",
    };

    /// <summary>What a repeated natural key repeats, for DUP01's words.</summary>
    public static string NaturalKeyWords(string dataset) => dataset switch
    {
        CourseEnrolments or CourseCompletions => "student, course and course start date",
        QualificationCompletions => "student, qualification and year requirements met",
        Learners => "student identification code",
        _ => "course code (\"once, and once only, in the course register file\")",
    };

    /// <summary>
    /// The validation run's checks across collections, over the submission's records. Written from the course enrolment
    /// page ("Every unique course in the course enrolment file should appear once, and once only, in the course register
    /// file") and TEC's learner rules ("The NSN reported in the Learner file must match the NSN used for other collections").
    /// Sandbox leniency: a rule is checked only once the collection it refers to (courses, learners) holds records, so a
    /// submission built one collection at a time is not flooded. XR01 course not in the register, XR02 student without a
    /// learner record, XR03 NSN differs from the learner's. (Codes are ours: TEC's are not in the store.)
    /// </summary>
    public static IEnumerable<(string Dataset, string LocalId, JsonObject Record, DxpIssue Issue)> CrossCollection(IReadOnlyDictionary<string, OrderedDictionary<string, JsonObject>> records)
    {
        var courses = records.TryGetValue(Courses, out var c) && c.Count > 0
            ? c.Values.Select(v => Str(v, "courseCode")).Where(x => !string.IsNullOrEmpty(x)).ToHashSet(StringComparer.Ordinal) : null;
        var learners = records.TryGetValue(Learners, out var l) && l.Count > 0
            ? l.Values.Where(v => !string.IsNullOrEmpty(Str(v, "studentIdentificationCode"))).GroupBy(v => Str(v, "studentIdentificationCode")!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal) : null;
        foreach (var dataset in new[] { CourseEnrolments, CourseCompletions, QualificationCompletions })
        {
            if (!records.TryGetValue(dataset, out var content)) continue;
            foreach (var (localId, r) in content)
            {
                var code = Str(r, "courseCode");
                if (courses != null && dataset != QualificationCompletions && !string.IsNullOrEmpty(code) && !courses.Contains(code))
                    yield return (dataset, localId, r, new DxpIssue("XR01", "Error",
                        $"Course {code} is not in the course register file: every unique course in the {(dataset == CourseEnrolments ? "course enrolment" : "course completion")} file should appear once, and once only, in the course register file."));
                var student = Str(r, "studentIdentificationCode");
                if (learners == null || string.IsNullOrEmpty(student)) continue;
                if (!learners.TryGetValue(student, out var learner))
                    yield return (dataset, localId, r, new DxpIssue("XR02", "Error", $"Student {student} has no record in the learner file."));
                else if (Int(r, "nationalStudentNumber") is int nsn && Int(learner, "nationalStudentNumber") is int learnerNsn && nsn != learnerNsn)
                    yield return (dataset, localId, r, new DxpIssue("XR03", "Error",
                        $"NSN {nsn} differs from the NSN {learnerNsn} in the learner file for student {student}: the NSN reported in the Learner file must match the NSN used for other collections."));
            }
        }
    }

    /// <summary>The record as one CSV row, columns in the seed's field order (arrays joined with ';').</summary>
    public static string CsvRow(string dataset, JsonObject r) =>
        string.Join(",", Datasets[dataset].Select(spec => Csv(r[spec.Name] switch
        {
            null => "",
            JsonArray arr => string.Join(";", arr.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var xs) ? xs : x!.ToJsonString())),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonNode n => n.ToJsonString(),
        })));

    public static string CsvHeader(string dataset) => string.Join(",", Datasets[dataset].Select(s => s.Name));

    private static string Csv(string s) =>
        s.IndexOfAny(new[] { ',', '"', '\n', '\r' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
