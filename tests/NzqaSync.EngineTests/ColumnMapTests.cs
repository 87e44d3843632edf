using System.Linq;
using System.Management.Automation;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>A -ColumnMap key that names no field is refused, in every cmdlet that takes one, before any record is read.</summary>
public class ColumnMapTests
{
    [Theory]
    [InlineData("Compare-NzqaEnrolment -NzqaRecord @()", "enrolment")]
    [InlineData("Compare-NzqaStandard -NzqaRecord @()", "standard")]
    [InlineData("Send-DxpCourseEnrolment -ReturnId 202604", "course enrolment")]
    public void A_misspelt_key_stops_the_command_and_names_the_fields(string command, string recordName)
    {
        using var session = new ModuleSession();
        using var run = session.Run($"[pscustomobject]@{{ 'Student NSN' = '123' }} | {command} -ColumnMap @{{ Nssn = 'Student NSN' }}");
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("NzqaUnknownColumnMapField,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains($"'Nssn', which is not a field of a {recordName} record", error.Exception.Message);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_key_that_is_a_field_or_an_alias_is_used()
    {
        using var session = new ModuleSession();
        using var run = session.Run("[pscustomobject]@{ 'Student NSN' = '123'; 'Yr' = 11; 'Enrolment Date' = '2026-02-02' } | Compare-NzqaEnrolment -NzqaRecord @() -ColumnMap @{ NSN = 'Student NSN'; YearLevel = 'Yr' }");
        Assert.Empty(run.Errors);
        Assert.Equal("New", run.Output.Single().Properties["Status"].Value.ToString());
    }
}
