using NzqaSync.Domain;

namespace NzqaSync.Sources;

/// <summary>Enrolment fields and the SMS export headers that name them.</summary>
public static class EnrolmentBindings
{
    public static readonly IReadOnlyList<PropertyBinding<EnrolmentRecord>> All = new[]
    {
        new PropertyBinding<EnrolmentRecord>("Nsn", new[] { "NSN", "National Student Number", "NationalStudentNumber", "NSN Number" },
            (r, v, p) => r.Nsn = ValueReader.Text(v), required: true),
        new PropertyBinding<EnrolmentRecord>("LocalStudentId", new[] { "Student ID", "StudentId", "LocalId", "LocalIdentifier", "Student Number", "ID" },
            (r, v, p) => r.LocalStudentId = ValueReader.Text(v)),
        new PropertyBinding<EnrolmentRecord>("FirstName", new[] { "First Name", "Legal First Name", "Given Name", "Forename", "FirstNames" },
            (r, v, p) => r.FirstName = ValueReader.Text(v)),
        new PropertyBinding<EnrolmentRecord>("LastName", new[] { "Last Name", "Surname", "Legal Last Name", "Family Name" },
            (r, v, p) => r.LastName = ValueReader.Text(v)),
        new PropertyBinding<EnrolmentRecord>("EnrolmentDate", new[] { "Enrolment Date", "EnrollmentDate", "Start Date", "First Attendance", "Date Enrolled" },
            (r, v, p) => r.EnrolmentDate = ValueReader.Date(v, "EnrolmentDate", p), required: true),
        new PropertyBinding<EnrolmentRecord>("YearLevel", new[] { "Year Level", "Level", "Year Lvl" },
            (r, v, p) => r.YearLevel = ValueReader.YearLevel(v, "YearLevel", p), required: true),
        new PropertyBinding<EnrolmentRecord>("LeavingDate", new[] { "Leaving Date", "Date Left", "Left Date", "LeaveDate" },
            (r, v, p) => r.LeavingDate = ValueReader.Date(v, "LeavingDate", p)),
        new PropertyBinding<EnrolmentRecord>("LeavingReason", new[] { "Leaving Reason", "Reason Left", "Left Reason" },
            (r, v, p) => r.LeavingReason = ValueReader.Text(v)),
    };
}
