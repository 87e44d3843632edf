using System;
using System.Collections;
using System.IO;
using System.Linq;
using NzqaSync.Demo;

namespace NzqaSync.EngineTests;

/// <summary>
/// Get-NzqaSyncLog -Key takes an NSN or a localId (README): an NSN finds that student's learner and enrolment entries
/// and their standard entries (keys "NSN/standard/year"), and nothing of another student whose key merely contains it.
/// </summary>
public sealed class SyncLogKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nzqasync-logkey-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, true);
    }

    /// <summary>The keys Get-NzqaSyncLog -Key returns from a journal (written by the module's own SyncJournal) of these entries.</summary>
    private string[] KeysFor(string key)
    {
        using var session = new ModuleSession();
        using var run = session.Run(@"
            $journal = [NzqaSync.Journal.SyncJournal]::new($folder)
            $journal.RunStarted('r1', 'Nzqa', 'Standard', 6)
            $ops = foreach ($k in $keys) {
                [NzqaSync.Journal.JournalOperation]@{ RunId = 'r1'; OperationId = ""r1:$k""; Api = 'Nzqa'; Kind = 'Standard'; Key = $k; Action = 'Create'; Outcome = 'Synced' }
            }
            $journal.Record([NzqaSync.Journal.JournalOperation[]] $ops)
            $journal.RunEnded('r1', 'Nzqa', 'Standard', 6, $null)
            Get-NzqaSyncLog -Path $folder -Key $key | ForEach-Object Key", new Hashtable
        {
            ["folder"] = _folder,
            ["key"] = key,
            ["keys"] = new[]
            {
                "100000029",
                "100000029/91261/2026",
                "100000029/91267/2026",
                "1100000029/91261/2026", // another student whose NSN contains it
                "100000045/91261/2026",
                "100000029x",
            },
        });
        Assert.Null(run.Thrown);
        Assert.Empty(run.Errors);
        return run.Output.Select(o => (string)o.BaseObject).OrderBy(k => k, StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public void An_NSN_finds_the_students_standard_entries_as_well_as_its_enrolment()
    {
        Assert.Equal(new[] { "100000029", "100000029/91261/2026", "100000029/91267/2026" }, KeysFor("100000029"));
    }

    [Fact]
    public void NSN_and_standard_finds_that_standard_only_and_a_whole_key_still_matches()
    {
        Assert.Equal(new[] { "100000029/91261/2026" }, KeysFor("100000029/91261"));
        Assert.Equal(new[] { "100000029/91261/2026" }, KeysFor("100000029/91261/2026"));
    }

    [Fact]
    public void A_part_of_a_key_that_is_not_a_leading_segment_matches_nothing()
    {
        Assert.Empty(KeysFor("91261"));
        Assert.Empty(KeysFor("00000029"));
    }
}
