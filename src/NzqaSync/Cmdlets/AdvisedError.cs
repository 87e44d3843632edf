using System.Management.Automation;

namespace NzqaSync.Cmdlets;

/// <summary>An error record that says what to do: the exception's message, shown with the recommended action.</summary>
internal static class AdvisedError
{
    public static ErrorRecord Of(Exception exception, string errorId, ErrorCategory category, object target, string recommendedAction) =>
        new ErrorRecord(exception, errorId, category, target)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = recommendedAction },
        };
}
