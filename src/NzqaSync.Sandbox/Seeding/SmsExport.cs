namespace NzqaSync.Sandbox.Seeding;

/// <summary>One row of the SMS's enrolment export (KAMAR-like headers). Every value is text as the SMS wrote it.</summary>
public sealed record SmsEnrolmentRow(string Nsn, string StudentId, string FirstName, string LastName, string EnrolmentDate,
    string YearLevel, string LeavingDate, string LeavingReason);

/// <summary>One row of the SMS's learner-details export.</summary>
public sealed record SmsLearnerRow(string Nsn, string StudentId, string FirstName, string MiddleName, string LastName,
    string DateOfBirth, string Gender, string Ethnicity1, string Ethnicity2, string Ethnicity3);

/// <summary>One row of the SMS's standards export: an entry and its result. Withdrawn is "Y" or "N".</summary>
public sealed record SmsStandardRow(string Nsn, string StudentId, string FirstName, string LastName, string Standard,
    string Version, string Year, string EntryMethod, string Result, string ResultProvider, string Withdrawn)
{
    /// <summary>The natural key as NZQA's batch results write it: "nsn:standard:version:year".</summary>
    public string Key => $"{Nsn}:{Standard}:{Version}:{Year}";
}

/// <summary>A school's local SMS export: what its SMS holds, to be compared with what NZQA holds.
/// Served as UTF-8 CSV with a BOM at /sandbox/sms-export/{p}/enrolments.csv, learners.csv and standards.csv.</summary>
public sealed class SmsExport
{
    public static readonly IReadOnlyList<string> EnrolmentHeaders = new[]
        { "NSN", "Student ID", "First Name", "Last Name", "Enrolment Date", "Year Level", "Leaving Date", "Leaving Reason" };
    public static readonly IReadOnlyList<string> LearnerHeaders = new[]
        { "NSN", "Student ID", "First Name", "Middle Name", "Last Name", "Date of Birth", "Gender", "Ethnicity 1", "Ethnicity 2", "Ethnicity 3" };
    public static readonly IReadOnlyList<string> StandardHeaders = new[]
        { "NSN", "Student ID", "First Name", "Last Name", "Standard", "Version", "Year", "Entry Method", "Result", "Result Provider", "Withdrawn" };

    public SmsExport(int providerNumber, List<SmsEnrolmentRow> enrolments, List<SmsLearnerRow> learners, List<SmsStandardRow> standards)
    {
        ProviderNumber = providerNumber;
        Enrolments = enrolments;
        Learners = learners;
        Standards = standards;
    }

    public int ProviderNumber { get; }
    public IReadOnlyList<SmsEnrolmentRow> Enrolments { get; }
    public IReadOnlyList<SmsLearnerRow> Learners { get; }
    public IReadOnlyList<SmsStandardRow> Standards { get; }

    /// <summary>The CSV text of one area ("enrolments", "learners" or "standards"), CRLF line ends, no BOM; null for another name.</summary>
    public string ToCsv(string area)
    {
        var sb = new StringBuilder();
        switch (area)
        {
            case "enrolments":
                Csv.Line(sb, EnrolmentHeaders);
                foreach (var r in Enrolments)
                    Csv.Line(sb, new[] { r.Nsn, r.StudentId, r.FirstName, r.LastName, r.EnrolmentDate, r.YearLevel, r.LeavingDate, r.LeavingReason });
                break;
            case "learners":
                Csv.Line(sb, LearnerHeaders);
                foreach (var r in Learners)
                    Csv.Line(sb, new[] { r.Nsn, r.StudentId, r.FirstName, r.MiddleName, r.LastName, r.DateOfBirth, r.Gender, r.Ethnicity1, r.Ethnicity2, r.Ethnicity3 });
                break;
            case "standards":
                Csv.Line(sb, StandardHeaders);
                foreach (var r in Standards)
                    Csv.Line(sb, new[] { r.Nsn, r.StudentId, r.FirstName, r.LastName, r.Standard, r.Version, r.Year, r.EntryMethod, r.Result, r.ResultProvider, r.Withdrawn });
                break;
            default:
                return null;
        }
        return sb.ToString();
    }

    /// <summary>UTF-8 bytes with a byte-order mark, as Excel-friendly SMS exports are written.</summary>
    public byte[] ToCsvBytes(string area)
    {
        var text = ToCsv(area);
        if (text == null) return null;
        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(text);
        var bytes = new byte[preamble.Length + body.Length];
        preamble.CopyTo(bytes, 0);
        body.CopyTo(bytes, preamble.Length);
        return bytes;
    }
}

/// <summary>RFC 4180 writing: a field is quoted when it holds a comma, a quote, CR/LF or edge spaces; quotes double.</summary>
public static class Csv
{
    public static void Line(StringBuilder sb, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Field(sb, fields[i]);
        }
        sb.Append("\r\n");
    }

    public static void Field(StringBuilder sb, string value)
    {
        if (string.IsNullOrEmpty(value)) return;
        var quote = value.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 || value[0] == ' ' || value[^1] == ' ';
        if (!quote) { sb.Append(value); return; }
        sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
    }

    /// <summary>Parses CSV text written by <see cref="Line"/> (and RFC 4180 generally): rows of fields.</summary>
    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        var inQuotes = false;
        var any = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            any = true;
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else field.Append(c);
            }
            else if (c == '"') inQuotes = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row.ToArray()); row.Clear(); any = false; }
            else field.Append(c);
        }
        if (any) { row.Add(field.ToString()); rows.Add(row.ToArray()); }
        return rows;
    }
}
