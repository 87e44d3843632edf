using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace NzqaSync.Cmdlets;

/// <summary>Completes the record kinds the journal knows: NZQA's, DXP's, or (no -Api) both.</summary>
public sealed class SyncKindCompleter : IArgumentCompleter
{
    internal static readonly string[] NzqaKinds = { "Learner", "Enrolment", "Standard" };
    internal static readonly string[] DxpKinds = { "Course", "CourseEnrolment", "CourseCompletion", "QualificationCompletion" };
    internal static readonly string[] Kinds = NzqaKinds.Concat(DxpKinds).ToArray();

    internal static string[] KindsOf(string api) =>
        string.Equals(api, "Nzqa", StringComparison.OrdinalIgnoreCase) ? NzqaKinds
        : string.Equals(api, "Dxp", StringComparison.OrdinalIgnoreCase) ? DxpKinds
        : Kinds;

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        Completion.Matching(KindsOf(fakeBoundParameters?["Api"] as string), wordToComplete);
}
