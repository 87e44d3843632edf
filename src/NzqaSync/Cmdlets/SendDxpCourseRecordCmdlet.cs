using System.Management.Automation;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>
/// The Send-Dxp* of a learner's records on a course (course enrolments, course completions): each is checked against
/// the learner file (-Learner) and the course register (-Course) when they are given.
/// </summary>
public abstract class SendDxpCourseRecordCmdlet<TRecord> : SendDxpCmdlet<TRecord> where TRecord : class, IDxpRecord, new()
{
    /// <summary>The learner file's records (or rows): each record's student must have one, with the same NSN.</summary>
    [Parameter]
    public object[] Learner { get; set; }

    /// <summary>The course register's records (or rows): each record's courseCode must be in it exactly once.</summary>
    [Parameter]
    public object[] Course { get; set; }

    protected override SdrCrossCheck CrossCheck() => SdrRelated.Build(Learner, Course);
}
