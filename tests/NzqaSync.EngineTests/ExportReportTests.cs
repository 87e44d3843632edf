using System;
using System.Collections;
using System.IO;
using System.Linq;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>Export-NzqaReport in the engine: ShouldProcess, unsupported input, and the help a person reads.</summary>
public class ExportReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-export-" + Guid.NewGuid().ToString("N"));

    public ExportReportTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private const string Diffs = @"
        $nzqa = @([NzqaSync.Domain.EnrolmentRecord]@{ Nsn = '100000001'; FirstName = 'Aroha'; LastName = 'Ngata'; EnrolmentDate = [datetime]'2025-02-03'; YearLevel = 11 })
        $local = @([pscustomobject]@{ NSN = '100000001'; 'First Name' = 'Aroha'; Surname = 'Ngata'; 'Enrolment Date' = '2025-02-03'; 'Year Level' = 12 })
        $diff = $local | Compare-NzqaEnrolment -NzqaRecord $nzqa
    ";

    [Fact]
    public void WhatIf_says_what_would_be_written_and_writes_nothing()
    {
        using var session = new ModuleSession();
        var path = Path.Combine(_folder, "review.html");
        using var run = session.Run(Diffs + "$diff | Export-NzqaReport -Path $path -WhatIf", new Hashtable { ["path"] = path });
        Assert.Empty(run.Errors);
        Assert.False(File.Exists(path));
        Assert.Contains(session.Host.Lines, l => l.StartsWith("What if:") && l.Contains(path) && l.Contains("Different 1"));
        Assert.Equal(0, session.Host.Prompts);
    }

    [Fact]
    public void Other_objects_are_reported_and_left_out_and_diffs_passed_as_an_argument_are_written()
    {
        using var session = new ModuleSession();
        var path = Path.Combine(_folder, "review.html");
        using var run = session.Run(Diffs + "@('not a diff') + $diff | Export-NzqaReport -Path $path; Export-NzqaReport -Path $path -InputObject $diff -PassThru -Force",
            new Hashtable { ["path"] = path });
        var error = Assert.Single(run.Errors);
        Assert.Equal("NzqaReportUnsupportedInput,NzqaSync.Cmdlets.ExportNzqaReportCommand", error.FullyQualifiedErrorId);
        Assert.Equal("not a diff", error.TargetObject);
        var file = Assert.Single(run.Objects<FileInfo>());
        Assert.Equal(path, file.FullName);
        Assert.Contains("data-count-for=\"Different\">1<", File.ReadAllText(path));
    }

    [Fact]
    public void Only_DXP_diffs_piped_in_are_one_error_naming_what_to_use_a_count_and_no_page()
    {
        using var session = new ModuleSession();
        var path = Path.Combine(_folder, "dxp.html");
        using var run = session.Run(@"
            $dxp = 1..30 | ForEach-Object { [NzqaSync.Compare.DxpRecordDiff]@{ Kind = 'Learner'; Dataset = 'learners'; LocalId = ""lr-$_"" } }
            $dxp + @('text', 'more text') | Export-NzqaReport -Path $path", new Hashtable { ["path"] = path });
        Assert.Equal(new[]
        {
            "NzqaReportUnsupportedInput,NzqaSync.Cmdlets.ExportNzqaReportCommand",
            "NzqaReportUnsupportedInput,NzqaSync.Cmdlets.ExportNzqaReportCommand",
            "NzqaReportNothingToShow,NzqaSync.Cmdlets.ExportNzqaReportCommand",
        }, run.Errors.Select(e => e.FullyQualifiedErrorId));
        var target = run.Errors[0].TargetObject;
        Assert.Equal("lr-1", target.GetType().GetProperty("LocalId")!.GetValue(target));
        Assert.Contains("New-NzqaApproval", run.Errors[0].ErrorDetails.RecommendedAction);
        Assert.Contains(session.Host.Lines, l => l.Contains("32 objects were left out") && l.Contains("30 DxpRecordDiff"));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_missing_folder_is_a_clear_terminating_error()
    {
        using var session = new ModuleSession();
        using var run = session.Run(Diffs + "try { $diff | Export-NzqaReport -Path $path -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
            new Hashtable { ["path"] = Path.Combine(_folder, "no-such-folder", "r.html") });
        Assert.Equal("NzqaReportFolderNotFound,NzqaSync.Cmdlets.ExportNzqaReportCommand", run.Output.Single().ToString());
    }

    [Fact]
    public void Get_Help_Full_shows_a_person_the_parameters_with_their_types_and_the_examples()
    {
        using var session = new ModuleSession();
        using var run = session.Run("Get-Help Sync-NzqaEnrolment -Full", toHost: true);
        Assert.Empty(run.Errors);
        var text = string.Join("\n", session.Host.Lines);
        Assert.Contains("SYNOPSIS", text);
        Assert.Contains("Sends enrolment changes to NZQA", text);
        Assert.Contains("-BatchSize <Int32>", text);
        Assert.Contains("Accept pipeline input?", text);
        Assert.Contains("Example 3: Bulk sync, then list the failures", text);
        Assert.Contains("Out-GridView -PassThru | Sync-NzqaEnrolment", text);
        Assert.Contains("-WhatIf", text);
    }
}
