namespace NzqaSync.Domain;

/// <summary>A record about one student (learner details, an enrolment, a standard entry): named by NSN and formal name.</summary>
public interface IStudentRecord
{
    string Nsn { get; }
    string Name { get; }
}
