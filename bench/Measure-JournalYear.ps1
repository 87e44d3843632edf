<#
.SYNOPSIS
    What a year of nightly runs in the journal costs the reads that decide something (a compare's in-doubt
    settlement, held learners before a learner sync, Get-NzqaSyncLog -Summary): every file (before) against the newest
    month plus the closed months' checkpoint (after). Prints one RESULT line of JSON; bench/Invoke-Benchmark.ps1 runs it.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Nights = 365,
    [int] $OpsPerNight = 130
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$folder = Join-Path ([IO.Path]::GetTempPath()) ('nzqasync-journal-year-' + [guid]::NewGuid().ToString('N'))
try {
    # A year of nightly learner, enrolment and standard runs ending today; each night a few sends fail.
    $start = [DateTimeOffset]::Now.AddDays(-$Nights + 1).Date.AddHours(22)
    $areas = @(@{ Kind = 'Learner'; Share = 0.08 }, @{ Kind = 'Enrolment'; Share = 0.15 }, @{ Kind = 'Standard'; Share = 0.77 })
    for ($n = 0; $n -lt $Nights; $n++) {
        $when = [DateTimeOffset]::new($start.AddDays($n))
        $journal = [NzqaSync.Journal.SyncJournal]::new($folder, [Func[DateTimeOffset]] { $when }.GetNewClosure())
        foreach ($area in $areas) {
            $run = [NzqaSync.Journal.SyncJournal]::NewRunId() + "-$n"
            $count = [Math]::Max(1, [int]($OpsPerNight * $area.Share))
            $journal.RunStarted($run, 'Nzqa', $area.Kind, $count, $null)
            $ops = foreach ($i in 1..$count) {
                [NzqaSync.Journal.JournalOperation]@{ RunId = $run; OperationId = "$run/$i"; Api = 'Nzqa'; Kind = $area.Kind
                    Key = '{0:D9}/{1}/2026' -f (100000000 + ($n * 37 + $i) % 3000), (91000 + $i); Action = 'Update'; Outcome = 'Pending'; ItemHash = 'h' + $i }
            }
            $journal.Record([NzqaSync.Journal.JournalOperation[]]$ops)
            foreach ($op in $ops) { $op.Outcome = if ($i % 29 -eq 0) { 'Failed' } else { 'Synced' }; $op.Detail = 'Updated' }
            $ops[-1].Outcome = 'Failed'; $ops[-1].Errors = [string[]]@('VALIDATION: refused'); $ops[-1].Detail = $null
            $journal.Record([NzqaSync.Journal.JournalOperation[]]$ops)
            $journal.RunEnded($run, 'Nzqa', $area.Kind, $count, $null)
        }
    }
    $files = @(Get-ChildItem $folder -Filter 'journal-*.jsonl')
    $bytes = ($files | Measure-Object Length -Sum).Sum
    function Time([scriptblock] $what) { $sw = [Diagnostics.Stopwatch]::StartNew(); $null = & $what; $sw.Elapsed.TotalSeconds }
    $null = [NzqaSync.Journal.SyncJournalReader]::new($folder).Load()   # warm-up: JIT, file cache
    $before = @(1..3 | ForEach-Object { Time { [NzqaSync.Journal.SyncJournalReader]::new($folder).Load() } }) | Sort-Object
    $build = Time { [NzqaSync.Journal.SyncJournalReader]::new($folder).LoadOpen() }
    $after = @(1..3 | ForEach-Object { Time { [NzqaSync.Journal.SyncJournalReader]::new($folder).LoadOpen() } }) | Sort-Object
    $summary = @(1..3 | ForEach-Object { Time { Get-NzqaSyncLog -Path $folder -Summary } }) | Sort-Object
    $check = [NzqaSync.Journal.SyncJournalReader]::new($folder).LoadOpen()
    'RESULT:' + (@{
        Nights = $Nights; Files = $files.Count; MB = [Math]::Round($bytes / 1MB, 1); Runs = $check.Runs.Count
        FullReadS = $before[1]; CheckpointBuildS = $build; OpenReadS = $after[1]; SummaryS = $summary[1]
        OpenFilesRead = $check.FilesRead; CheckpointKB = [Math]::Round((Get-Item (Join-Path $folder 'journal-checkpoint.json')).Length / 1KB, 1)
    } | ConvertTo-Json -Compress)
}
finally {
    Remove-Item -Recurse -Force $folder -ErrorAction SilentlyContinue
}
