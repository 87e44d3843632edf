namespace NzqaSync.Cmdlets;

/// <summary>The parameter-set names the cmdlets share (scripts and help name them, so they are stable).</summary>
internal static class ParameterSets
{
    public const string InputObject = nameof(InputObject);
    public const string Path = nameof(Path);
    public const string ReturnId = nameof(ReturnId);
    public const string Submission = nameof(Submission);
    public const string Session = nameof(Session);
    public const string New = nameof(New);
    public const string Entries = nameof(Entries);
    public const string Summary = nameof(Summary);
}
