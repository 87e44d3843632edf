using System.Collections;
using System.Linq;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>Tab completion where the values are known: kinds, journal run ids, standard numbers of the last compare.</summary>
public class CompletionTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _fixture;
    public CompletionTests(SandboxFixture fixture) => _fixture = fixture;

    private static string[] Complete(ModuleSession session, string input)
    {
        using var run = session.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText",
            new Hashtable { ["s"] = input });
        Assert.Null(run.Thrown);
        return run.Output.Select(o => o.ToString()).ToArray();
    }

    [Fact]
    public void Kinds_complete_from_what_the_journal_records()
    {
        using var session = new ModuleSession();
        Assert.Equal(new[] { "Enrolment" }, Complete(session, "Get-NzqaSyncLog -Kind Enr"));
        Assert.Equal(new[] { "CourseEnrolment" }, Complete(session, "Get-NzqaSyncLog -Kind CourseE"));
        Assert.Equal(new[] { "Course", "CourseEnrolment", "CourseCompletion" }, Complete(session, "Get-NzqaSyncLog -Kind Cou"));
        Assert.Equal(new[] { "Learner", "Enrolment", "Standard" }, Complete(session, "Get-NzqaSyncLog -Api Nzqa -Kind "));
    }

    [Fact]
    public void Run_ids_complete_from_the_journal_folder_newest_first()
    {
        using var test = new EngineTest(_fixture);
        using var sync = test.Run(EngineTest.Connect + @"
            $e = @(Get-NzqaEnrolment | Where-Object { -not $_.LeavingDate })[0]
            [pscustomobject]@{ NSN = $e.Nsn; 'Enrolment Date' = $e.EnrolmentDate; 'Year Level' = $e.YearLevel; 'Student ID' = 'CHG1' } |
                Compare-NzqaEnrolment | Where-Object Status -eq 'Different' | Sync-NzqaEnrolment
            (Get-NzqaSyncLog -Last 1).RunId");
        var runId = (string)sync.Output.Last().BaseObject;
        var completions = Complete(test.Session, $"Get-NzqaSyncLog -Path '{test.JournalPath}' -RunId {runId.Substring(0, 9)}");
        Assert.Contains(runId, completions);
        Assert.Contains(runId, Complete(test.Session, "Get-NzqaSyncLog -RunId ")); // from the connection's journal
    }

    [Fact]
    public void Standard_numbers_complete_from_the_last_compare()
    {
        using var session = new ModuleSession();
        using var compare = session.Run("[pscustomobject]@{ NSN = '100'; Standard = '91098'; Year = 2026; Grade = 'A' } | Compare-NzqaStandard -NzqaRecord @() | Out-Null");
        Assert.Contains("91098", Complete(session, "Get-NzqaStandardDefinition -Number 9109"));
    }

    [Fact]
    public void Return_ids_complete_from_the_dxp_connection()
    {
        using var session = new ModuleSession();
        var tertiary = _fixture.Sandbox.Info.Providers.Single(p => p.Kind == "Tertiary");
        using var connect = session.Run("Connect-Dxp -BaseUri $dxp -Edumis 7001 -Credential $cred", new Hashtable
        {
            ["dxp"] = _fixture.Sandbox.Info.DxpBaseUri,
            ["cred"] = ModuleSession.Credential(tertiary.MachineAccount, tertiary.Password),
        });
        Assert.Empty(connect.Errors);
        var ids = Complete(session, "Get-DxpSubmission -ReturnId 2026");
        Assert.Contains("202604", ids);
        Assert.Contains("202608", ids);
        Assert.Equal(new[] { "202608" }, Complete(session, "Send-DxpCourseEnrolment -ReturnId 202608"));
    }
}
