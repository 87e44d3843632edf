using NzqaSync.Domain;

namespace NzqaSync.Sources;

/// <summary>Learner fields and the SMS export headers that name them.</summary>
public static class LearnerBindings
{
    public static readonly IReadOnlyList<PropertyBinding<LearnerRecord>> All = new[]
    {
        new PropertyBinding<LearnerRecord>("Nsn", new[] { "NSN", "National Student Number", "NationalStudentNumber" }, (r, v, p) => r.Nsn = ValueReader.Text(v), required: true),
        new PropertyBinding<LearnerRecord>("LocalStudentId", new[] { "Student ID", "StudentId", "LocalId", "LocalIdentifier", "ID" }, (r, v, p) => r.LocalStudentId = ValueReader.Text(v)),
        new PropertyBinding<LearnerRecord>("FirstName", new[] { "First Name", "Legal First Name", "Given Name", "Forename" }, (r, v, p) => r.FirstName = ValueReader.Text(v), required: true),
        new PropertyBinding<LearnerRecord>("MiddleName", new[] { "Middle Name", "Middle Names", "Legal Middle Name" }, (r, v, p) => r.MiddleName = ValueReader.Text(v)),
        new PropertyBinding<LearnerRecord>("LastName", new[] { "Last Name", "Surname", "Legal Last Name", "Family Name" }, (r, v, p) => r.LastName = ValueReader.Text(v), required: true),
        new PropertyBinding<LearnerRecord>("DateOfBirth", new[] { "Date of Birth", "DOB", "BirthDate", "Birth Date" }, (r, v, p) => r.DateOfBirth = ValueReader.Date(v, "DateOfBirth", p), required: true),
        new PropertyBinding<LearnerRecord>("Gender", new[] { "Sex", "GenderCode" }, (r, v, p) => r.Gender = ValueReader.Text(v), required: true),
        new PropertyBinding<LearnerRecord>("Ethnicities", new[] { "Ethnicity", "EthnicityCodes" }, (r, v, p) => r.Ethnicities = Codes(v)),
        new PropertyBinding<LearnerRecord>("Ethnicity1", new[] { "Ethnicity 1", "EthnicityCode1" }, (r, v, p) => r.Ethnicities = Set(r.Ethnicities, 0, ValueReader.Text(v))),
        new PropertyBinding<LearnerRecord>("Ethnicity2", new[] { "Ethnicity 2", "EthnicityCode2" }, (r, v, p) => r.Ethnicities = Set(r.Ethnicities, 1, ValueReader.Text(v))),
        new PropertyBinding<LearnerRecord>("Ethnicity3", new[] { "Ethnicity 3", "EthnicityCode3" }, (r, v, p) => r.Ethnicities = Set(r.Ethnicities, 2, ValueReader.Text(v))),
        new PropertyBinding<LearnerRecord>("LeavingDate", new[] { "Leaving Date", "Date Left", "Left Date", "LeaveDate" }, (r, v, p) => r.LeavingDate = ValueReader.Date(v, "LeavingDate", p)),
    };

    private static string[] Codes(object value)
    {
        if (value is System.Collections.IEnumerable many && !(value is string))
            return many.Cast<object>().Select(ValueReader.Text).Where(t => t != null).ToArray();
        var text = ValueReader.Text(value);
        return text == null ? new string[0] : text.Split(new[] { ';', ',', '|' }, System.StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).ToArray();
    }

    private static string[] Set(string[] codes, int index, string value)
    {
        var list = new string[3];
        if (codes != null) for (var i = 0; i < codes.Length && i < 3; i++) list[i] = codes[i];
        list[index] = value;
        return list;
    }
}

/// <summary>Standard entry and result fields and the SMS export headers that name them.</summary>
public static class StandardBindings
{
    public static readonly IReadOnlyList<PropertyBinding<StandardRecord>> All = new[]
    {
        new PropertyBinding<StandardRecord>("Nsn", new[] { "NSN", "National Student Number", "NationalStudentNumber" }, (r, v, p) => r.Nsn = ValueReader.Text(v), required: true),
        new PropertyBinding<StandardRecord>("LocalStudentId", new[] { "Student ID", "StudentId", "LocalId", "LocalIdentifier" }, (r, v, p) => r.LocalStudentId = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("FirstName", new[] { "First Name", "Given Name" }, (r, v, p) => r.FirstName = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("LastName", new[] { "Last Name", "Surname", "Family Name" }, (r, v, p) => r.LastName = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("StandardNumber", new[] { "Standard", "Standard Number", "StandardNo", "AS", "US" }, (r, v, p) => r.StandardNumber = ValueReader.Text(v), required: true),
        new PropertyBinding<StandardRecord>("StandardVersion", new[] { "Version", "Standard Version", "StandardVersionNumber" }, (r, v, p) => r.StandardVersion = ValueReader.Integer(v, "StandardVersion", p)),
        new PropertyBinding<StandardRecord>("AcademicYear", new[] { "Year", "Academic Year", "Entry Year" }, (r, v, p) => r.AcademicYear = ValueReader.Integer(v, "AcademicYear", p), required: true),
        new PropertyBinding<StandardRecord>("EntryMethod", new[] { "Entry Method", "Method" }, (r, v, p) => r.EntryMethod = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("Result", new[] { "Grade", "Result Code", "SecondaryResultCode" }, (r, v, p) => r.Result = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("ResultProviderCode", new[] { "Result Provider", "Provider Code", "Assessing Provider" }, (r, v, p) => r.ResultProviderCode = ValueReader.Integer(v, "ResultProviderCode", p)),
        new PropertyBinding<StandardRecord>("Status", new[] { "Entry Status" }, (r, v, p) => r.Status = ValueReader.Text(v)),
        new PropertyBinding<StandardRecord>("Withdrawn", new[] { "Is Withdrawn", "Withdrawal" }, (r, v, p) => Withdrawal(r, v, p)),
        new PropertyBinding<StandardRecord>("LeavingDate", new[] { "Leaving Date", "Date Left", "Left Date", "LeaveDate" }, (r, v, p) => r.LeavingDate = ValueReader.Date(v, "LeavingDate", p)),
    };

    // A value that is neither yes nor no is reported, not read as "not withdrawn".
    private static void Withdrawal(StandardRecord record, object value, List<RecordProblem> problems)
    {
        if (value is bool b)
        {
            if (b) record.Status = "Withdrawn";
            return;
        }
        var text = ValueReader.Text(value)?.ToUpperInvariant();
        if (text == "Y" || text == "YES" || text == "TRUE" || text == "1" || text == "W") record.Status = "Withdrawn";
        else if (!(text == null || text == "N" || text == "NO" || text == "FALSE" || text == "0"))
            problems.Add(new RecordProblem("NzqaInvalidStatus", "Withdrawn", $"Withdrawn '{value}' is not yes or no (Y, N, True, False, 1, 0)."));
    }
}
