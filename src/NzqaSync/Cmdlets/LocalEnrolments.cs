using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>-LocalEnrolment of Compare-NzqaLearner and Compare-NzqaStandard: the SMS's enrolments, read for who has left.</summary>
internal static class LocalEnrolments
{
    /// <summary>The NSNs an SMS enrolment export has as left (rows from Import-NzqaRecord -Kind Enrolment, or the CSV rows); null when none were given.</summary>
    public static ISet<string> LeaversIn(object[] enrolments)
    {
        if (enrolments == null) return null;
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        return StandardArea.LeaverNsns(enrolments.Where(e => e != null).Select(e => reader.Read(e).Record));
    }
}
