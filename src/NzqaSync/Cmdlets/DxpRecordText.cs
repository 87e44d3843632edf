using System.Text.RegularExpressions;
using NzqaSync.Domain.Dxp;

namespace NzqaSync.Cmdlets;

/// <summary>How messages, warnings and ShouldProcess name a DXP record and its kind.</summary>
internal static class DxpRecordText
{
    /// <summary>A record's localId and what it is about: "CE1 (student S1, course C1 starting 2026-02-23)".</summary>
    public static string Describe(IDxpRecord record) => DxpRecordName.Of(record);

    /// <summary>A diff as Sync-DxpRecord's ShouldProcess names it: "CourseEnrolment CE1 (student S1, course C1) in DXP return 202608".</summary>
    public static string Target(Compare.DxpRecordDiff diff, string returnId) =>
        $"{diff.Kind} {diff.LocalId}" + (diff.StudentIdentificationCode != null ? $" (student {diff.StudentIdentificationCode}" + (diff.CourseCode != null ? $", course {diff.CourseCode})" : ")") : diff.CourseCode != null ? $" (course {diff.CourseCode})" : "") + $" in DXP return {returnId}";

    /// <summary>The kind in words: "course enrolment", "qualification completion", "learner".</summary>
    public static string Noun(string dataset) =>
        Regex.Replace(DxpDatasets.KindOf(dataset), "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
}
