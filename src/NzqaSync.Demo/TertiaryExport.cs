namespace NzqaSync.Demo;

/// <summary>What <see cref="TertiaryExport.Write"/> wrote, and what a correct upload of it must end with.</summary>
public sealed record TertiaryExportSummary(
    string CourseEnrolmentsPath,
    string QualificationCompletionsPath,
    int CourseEnrolments,
    int QualificationCompletions,
    IReadOnlyList<string> InvalidCourseEnrolments,
    IReadOnlyList<string> InvalidQualificationCompletions,
    IReadOnlyList<string> DuplicatedCourseEnrolments,
    string IteWithoutSector,
    string HistoricFunding,
    int Learners,
    int Courses,
    int CourseCompletions,
    string EnrolmentInCourseNotInRegister,
    string CourseNotInRegister,
    string CompletionWithoutLearner)
{
    /// <summary>Every record of the five files.</summary>
    public int Total => Learners + Courses + CourseEnrolments + CourseCompletions + QualificationCompletions;
}

/// <summary>
/// The tertiary provider's (Te Awa Institute of Technology, EDUMIS 7001) SDR export as its student management system
/// would write it: the five files learners.csv, courses.csv (the course register), course-enrolments.csv,
/// course-completions.csv and qualification-completions.csv, UTF-8 with a BOM, CRLF, dates DD/MM/YYYY,
/// SDR-style headers. Deterministic for a seed. A few hundred plausible 2026 course enrolments over five programmes
/// (degree, diploma, certificate, secondary teaching, international) and the completions of the students who finished,
/// plus what a real export has: three rows the module must refuse (a funding source that is not a code, an IRD number
/// that fails Inland Revenue's check, an ITE enrolment without its sector — an error for returns from 2026), one
/// enrolment exported twice under two enrolment ids (TEC's validation: DUP01), a completion year that is not the
/// completion date's ("should align": a warning, YRM01) and a historic funding source (SOF01 warning); and two records
/// that break the rules across the files: an enrolment in a course the register does not have, and a course completion
/// for a student with no learner record.
/// </summary>
public static class TertiaryExport
{
    public const int Edumis = 7001;

    private sealed record Programme(string Code, string Nzsced, string FundingSource, string FundingCategory, decimal Classification,
        string[] Courses, decimal Efts, string FeesCategory, bool Ite);

    private static readonly Programme[] Programmes =
    {
        new("BBS701", "080301", "1", "B1", 1.1m, new[] { "ACCT101", "ECON101", "MGMT101", "MKTG101", "STAT101", "ACCT201", "FINA201", "MGMT202" }, 0.125m, "00", false),
        new("DIT501", "020103", "37", "A2", 3.1m, new[] { "INFO501", "INFO502", "NETW503", "PROG504", "DATA505", "WEBD506" }, 0.125m, "00", false),
        new("CCA401", "040303", "37", "C1", 2.3m, new[] { "CARP401", "CARP402", "SITE403", "SAFE404" }, 0.25m, "00", false),
        new("BTS701", "070105", "1", "J1", 4.2m, new[] { "EDUC701", "EDUC702", "CURR703", "PRAC704" }, 0.125m, "00", true),
        new("GDB801", "080301", "2", "B1", 1.1m, new[] { "MGMT801", "ECON802", "FINA803", "STRA804" }, 0.125m, "03", false),
    };

    private static readonly string[] IteSubjects = { "Mathematics", "English", "Science", "Te Reo Māori", "History", "Physical Education" };

    public static readonly string[] CourseEnrolmentHeaders =
    {
        "Local ID", "Student ID", "NSN", "Qualification", "Course Code", "Course Start Date", "Course End Date", "Withdrawal Date",
        "Category of Fees", "Attendance", "Delivery Site", "Funding Source", "Residential Status", "Australian Resident",
        "Funding Category", "Course Classification", "NZSCED", "EFTS Factor", "ITE Sector", "ITE Subject",
    };

    public static readonly string[] LearnerHeaders =
    {
        "Student ID", "NSN", "Surname", "First Name", "Gender", "Date of Birth", "Total Fee", "Citizenship",
    };

    public static readonly string[] CourseHeaders = { "Course Code", "Course Title", "Qualification" };

    public static readonly string[] CourseCompletionHeaders =
    {
        "Local ID", "Student ID", "NSN", "Course Code", "Course Start Date", "Course End Date", "Completion Code",
    };

    private static readonly string[] Surnames = { "Ngata", "Smith", "Lee", "Parata", "Wong", "Taylor", "Ng", "Brown", "Te Huia", "Williams", "Patel", "Kereama", "O'Connor", "Ōtene" };
    private static readonly string[] FirstNames = { "Aroha", "James", "Mei", "Hemi", "Olivia", "Tama", "Priya", "Liam", "Mere", "Sione", "Grace", "" };

    private static readonly Dictionary<string, string> CourseTitles = new()
    {
        ["ACCT101"] = "Accounting principles", ["ECON101"] = "Introductory economics", ["MGMT101"] = "Organisations and management",
        ["MKTG101"] = "Marketing fundamentals", ["STAT101"] = "Business statistics", ["ACCT201"] = "Management accounting",
        ["FINA201"] = "Corporate finance", ["MGMT202"] = "Human resource management", ["INFO501"] = "Information systems",
        ["INFO502"] = "Databases", ["NETW503"] = "Networking", ["PROG504"] = "Programming", ["DATA505"] = "Data analytics",
        ["WEBD506"] = "Web development", ["CARP401"] = "Carpentry framing", ["CARP402"] = "Carpentry finishing",
        ["SITE403"] = "Site practice", ["SAFE404"] = "Health and safety on site", ["EDUC701"] = "Learning and teaching",
        ["EDUC702"] = "Te Tiriti in education", ["CURR703"] = "Secondary curriculum", ["PRAC704"] = "Professional practice",
        ["MGMT801"] = "Strategic management", ["ECON802"] = "Managerial economics", ["FINA803"] = "Financial strategy",
        ["STRA804"] = "Business strategy capstone",
    };

    public static readonly string[] QualificationCompletionHeaders =
    {
        "Local ID", "Student ID", "NSN", "Qualification", "Year Met", "Completion Date", "IRD Number",
    };

    /// <summary>Writes the two files into <paramref name="folder"/> (created when missing).</summary>
    public static TertiaryExportSummary Write(string folder, int seed = 42, int students = 160)
    {
        Directory.CreateDirectory(folder);
        var rng = new Random(seed);
        var enrolments = new List<string[]>();
        var completions = new List<string[]>();
        var learners = new List<string[]>();
        var courseCompletions = new List<string[]>();
        var enrolmentId = 410_000;
        var semester1 = (Start: new DateTime(2026, 2, 23), End: new DateTime(2026, 6, 19));
        var semester2 = (Start: new DateTime(2026, 7, 13), End: new DateTime(2026, 11, 6));
        var fullYear = (Start: new DateTime(2026, 2, 16), End: new DateTime(2026, 11, 27));

        for (var s = 0; s < students; s++)
        {
            var programme = Programmes[s % 10 < 4 ? 0 : s % 10 < 6 ? 1 : s % 10 < 8 ? 2 : s % 10 == 8 ? 3 : 4];
            var studentId = "TA" + (260_100 + s).ToString(CultureInfo.InvariantCulture);
            var nsn = (2_140_000 + 37 * s).ToString(CultureInfo.InvariantCulture);
            var extramural = programme.Code == "DIT501" && rng.Next(4) == 0;
            var international = programme.FeesCategory == "03";
            learners.Add(new[]
            {
                studentId, nsn, Surnames[rng.Next(Surnames.Length)], FirstNames[rng.Next(FirstNames.Length)], rng.Next(20) == 0 ? "D" : rng.Next(2) == 0 ? "F" : "M",
                Day(new DateTime(1980 + rng.Next(27), 1 + rng.Next(12), 1 + rng.Next(28))), international ? "" : (6000 + 50 * rng.Next(60)).ToString("0.00", CultureInfo.InvariantCulture),
                international ? "CHN" : "NZL",
            });
            var courses = programme.Courses.OrderBy(_ => rng.Next()).Take(programme.Efts == 0.25m ? 2 : 3 + rng.Next(2)).ToList();
            for (var c = 0; c < courses.Count; c++)
            {
                var term = programme.Efts == 0.25m ? fullYear : c % 2 == 0 ? semester1 : semester2;
                var withdrawal = rng.Next(40) == 0 ? term.Start.AddDays(20 + rng.Next(30)) : (DateTime?)null;
                var subjects = programme.Ite ? string.Join(";", IteSubjects.OrderBy(_ => rng.Next()).Take(1 + rng.Next(2))) : "";
                enrolments.Add(new[]
                {
                    "ENR" + (enrolmentId++).ToString(CultureInfo.InvariantCulture), studentId, nsn, programme.Code, courses[c],
                    Day(term.Start), Day(term.End), withdrawal.HasValue ? Day(withdrawal.Value) : "",
                    programme.FeesCategory, extramural ? "2" : international && rng.Next(5) == 0 ? "4" : "1", extramural ? "98" : rng.Next(6) == 0 ? "02" : "01",
                    programme.FundingSource, international ? "N" : rng.Next(12) == 0 ? "Y" : "N", "N",
                    programme.FundingCategory, programme.Classification.ToString("0.0", CultureInfo.InvariantCulture), programme.Nzsced,
                    programme.Efts.ToString("0.000", CultureInfo.InvariantCulture), programme.Ite ? "3" : "", subjects,
                });
                // Semester-one courses finished by the export: completed (code 2), unless withdrawn.
                if (term.End < new DateTime(2026, 7, 1) && rng.Next(3) > 0)
                    courseCompletions.Add(new[]
                    {
                        "CC" + (enrolmentId - 1).ToString(CultureInfo.InvariantCulture), studentId, nsn, courses[c], Day(term.Start), Day(term.End), withdrawal.HasValue ? "3" : "2",
                    });
            }

            // Students in their last year: about one in four completes in 2026.
            if (programme.Code != "GDB801" && rng.Next(4) == 0)
            {
                var done = rng.Next(3) == 0 ? new DateTime(2026, 7, 3) : new DateTime(2026, 11, 20 + rng.Next(8));
                completions.Add(new[]
                {
                    "QC" + (70_000 + s).ToString(CultureInfo.InvariantCulture), studentId, nsn, programme.Code,
                    done.Year.ToString(CultureInfo.InvariantCulture), Day(done), rng.Next(5) < 3 ? Ird(rng) : "",
                });
            }
        }

        // What a real export also has. Row indexes are fixed by the seed, so the summary can name them.
        var badFunding = enrolments[7];
        badFunding[11] = "99";                                                     // not a Source of Funding code
        var historic = enrolments[enrolments.FindIndex(r => r[3] == "DIT501")];
        historic[11] = "4";                                                        // historic fund: a warning
        var ite = enrolments.First(r => r[3] == "BTS701");
        ite[18] = ""; ite[19] = "";                                                // ITE field of study, no sector: an error from 2026
        var original = enrolments[20];
        var twice = (string[])original.Clone();
        twice[0] = "ENR" + (enrolmentId++).ToString(CultureInfo.InvariantCulture); // the same enrolment under a second id
        enrolments.Insert(enrolments.Count / 2, twice);
        var special = new HashSet<string[]>(new[] { badFunding, historic, ite, original, twice });
        var notInRegister = enrolments.Skip(enrolments.Count / 3).First(r => !special.Contains(r));
        notInRegister[4] = "HIST101";                                              // a course the register does not have
        var noLearner = courseCompletions[courseCompletions.Count / 2];
        noLearner[1] = "TA999999";                                                 // a student with no learner record
        var badIrd = completions.First(r => r[6].Length > 0);
        badIrd[6] = BreakCheckDigit(badIrd[6]);                                    // fails Inland Revenue's check digit
        var badYear = completions.Last(r => !ReferenceEquals(r, badIrd));
        badYear[4] = "2025";                                                       // the completion date says 2026: a warning

        var register = Programmes.SelectMany(p => p.Courses.Select(c => new[] { c, CourseTitles[c], p.Code })).ToList();

        var coursePath = Path.Combine(folder, "course-enrolments.csv");
        var completionPath = Path.Combine(folder, "qualification-completions.csv");
        File.WriteAllText(coursePath, Csv(CourseEnrolmentHeaders, enrolments), new UTF8Encoding(true));
        File.WriteAllText(completionPath, Csv(QualificationCompletionHeaders, completions), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "learners.csv"), Csv(LearnerHeaders, learners), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "courses.csv"), Csv(CourseHeaders, register), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "course-completions.csv"), Csv(CourseCompletionHeaders, courseCompletions), new UTF8Encoding(true));
        return new TertiaryExportSummary(coursePath, completionPath, enrolments.Count, completions.Count,
            new[] { badFunding[0], ite[0] }, new[] { badIrd[0] }, new[] { original[0], twice[0] },
            ite[0], historic[0], learners.Count, register.Count, courseCompletions.Count, notInRegister[0], "HIST101", noLearner[0]);
    }

    private static string Day(DateTime d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Csv(IEnumerable<string> headers, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        void Line(IEnumerable<string> cells) => sb.Append(string.Join(",", cells.Select(Quote))).Append("\r\n");
        Line(headers);
        foreach (var row in rows) Line(row);
        return sb.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    // Inland Revenue's check digit (weights 3,2,7,6,5,4,3,2, then 7,4,3,2,5,2,7,6 when the first gives 10).
    private static readonly int[] Primary = { 3, 2, 7, 6, 5, 4, 3, 2 };
    private static readonly int[] Secondary = { 7, 4, 3, 2, 5, 2, 7, 6 };

    private static int? CheckDigit(string body8)
    {
        int Digit(int[] weights)
        {
            var sum = 0;
            for (var i = 0; i < 8; i++) sum += (body8[i] - '0') * weights[i];
            var r = sum % 11;
            return r == 0 ? 0 : 11 - r;
        }
        var check = Digit(Primary);
        if (check == 10) check = Digit(Secondary);
        return check == 10 ? null : check;
    }

    /// <summary>A valid nine-digit IRD number in the form 0XX-XXX-XXX or 1XX-XXX-XXX.</summary>
    private static string Ird(Random rng)
    {
        while (true)
        {
            var body = (1_000_000 + rng.Next(13_900_000)).ToString("D8", CultureInfo.InvariantCulture);
            if (CheckDigit(body) is not int check) continue;
            var nine = body + check.ToString(CultureInfo.InvariantCulture);
            return nine.Substring(0, 3) + "-" + nine.Substring(3, 3) + "-" + nine.Substring(6, 3);
        }
    }

    private static string BreakCheckDigit(string ird)
    {
        var last = ird[^1] - '0';
        return ird.Substring(0, ird.Length - 1) + ((last + 1) % 10).ToString(CultureInfo.InvariantCulture);
    }
}
