using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Compare-NzqaLearner and Compare-NzqaStandard: they also take the SMS's enrolments (-LocalEnrolment), read for who
/// has left (a student with a leaving date is a leaver).
/// </summary>
public abstract class CompareWithEnrolmentsCmdlet<TRecord, TDiff> : CompareCmdlet<TRecord, TDiff>
    where TRecord : class, new()
    where TDiff : RecordDiff
{
    /// <summary>The SMS's enrolments (rows from Import-NzqaRecord -Kind Enrolment, or the CSV rows): students with a leaving date are leavers.</summary>
    [Parameter]
    public object[] LocalEnrolment { get; set; }

    private ISet<string> _leavers;

    /// <summary>The NSNs -LocalEnrolment has as left; null when it was not given.</summary>
    protected ISet<string> Leavers => _leavers ?? (_leavers = LeaversIn(LocalEnrolment));

    private static ISet<string> LeaversIn(object[] enrolments)
    {
        if (enrolments == null) return null;
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        return StandardArea.LeaverNsns(enrolments.Where(e => e != null).Select(e => reader.Read(e).Record));
    }
}
