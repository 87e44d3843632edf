<#
.SYNOPSIS
    The NzqaSync benchmark in real pwsh: every figure of issue #15's Targets table beside its target.
.DESCRIPTION
    Run from the repo root after a build (the README's Benchmark section has the one command from a fresh clone):
        dotnet pwsh -NoProfile -File bench/Invoke-Benchmark.ps1
    Each measurement runs in a fresh child pwsh (the same pinned pwsh: dotnet + $PSHOME/pwsh.dll) against a sandbox
    process on a free loopback port; the children print one RESULT line each (bench/BenchChild.ps1). Prints Markdown
    and writes it to bench/results/latest.md. Nothing here is a test: no test asserts a time.
#>
[CmdletBinding()]
param(
    [string] $Scales = '1000,10000,100000',   # a comma-separated string, so it passes through pwsh -File
    [int] $NzqaPushCount = 10000,
    [int] $DxpCount = 100000,
    [int] $SchoolStudents = 3000,
    [int] $SchoolStandardsPerStudent = 34,   # ~60,000 standard entries for 3,000 students (the sandbox's --standards-per-student)
    [int] $RateLimit = 20,
    [int] $NightlyLatencyMs = 50,
    [int] $PushLatencyMs = 20,
    [int] $CompareObjectTimeoutSeconds = 90,
    [string] $Only = 'import,csv,nightly,push,dxp,journal',
    [string] $OutFile,
    # Release (the default) builds the module and the sandbox with -c Release first, the module into a folder of its own
    # (out/ is left as it is); Debug measures out/ as `dotnet build NzqaSync.sln` left it.
    [ValidateSet('Release', 'Debug')] [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
$sizes = [int[]](($Scales -split '[, ]+') -ne '')
$parts = @(($Only -split '[, ]+') -ne '')
$repo = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
if (-not $OutFile) { $OutFile = Join-Path $repo 'bench/results/latest.md' }
$hostPath = (Get-Process -Id $PID).Path
$pwsh = if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') { @($hostPath, (Join-Path $PSHOME 'pwsh.dll')) } else { @($hostPath) }
$work = Join-Path ([IO.Path]::GetTempPath()) ("nzqasync-bench-" + [guid]::NewGuid().ToString('N'))
$null = New-Item -ItemType Directory -Path $work
if ($Configuration -eq 'Release') {
    # What a user installs is a Release build: the JIT optimises it (a Debug build runs the CSV reader's and the
    # compare's loops unoptimised). The module goes to a folder of this run; out/ keeps the developer's Debug build.
    $moduleOut = Join-Path $work 'module'
    [Console]::Error.WriteLine('  building the module and the sandbox (Release)')
    foreach ($project in @("src/NzqaSync/NzqaSync.csproj", "src/NzqaSync.Sandbox/NzqaSync.Sandbox.csproj")) {
        $log = & dotnet build (Join-Path $repo $project) -c Release -nologo -v quiet "-p:ModuleOutDir=$moduleOut/NzqaSync/" 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dotnet build -c Release $project failed: $($log -join "`n")" }
    }
    $sandboxDll = Join-Path $repo 'src/NzqaSync.Sandbox/bin/Release/net10.0/NzqaSync.Sandbox.dll'
}
else {
    $moduleOut = Join-Path $repo 'out'
    $sandboxDll = Join-Path $repo 'src/NzqaSync.Sandbox/bin/Debug/net10.0/NzqaSync.Sandbox.dll'
}
if (-not (Test-Path (Join-Path $moduleOut 'NzqaSync/NzqaSync.psd1'))) { throw "The assembled module is missing in $moduleOut/NzqaSync: run dotnet build NzqaSync.sln first." }
if (-not (Test-Path $sandboxDll)) { throw "The sandbox is not built ($sandboxDll): run dotnet build NzqaSync.sln first." }
$env:PSModulePath = $moduleOut + [IO.Path]::PathSeparator + $env:PSModulePath
$report = [System.Text.StringBuilder]::new()
$inv = [Globalization.CultureInfo]::InvariantCulture
function Say([string] $text = '') { Write-Host $text; $null = $report.AppendLine($text) }
function Note([string] $text) { [Console]::Error.WriteLine("  $text") }
function S([double] $seconds) { $seconds.ToString($(if ($seconds -lt 10) { '0.000' } else { '0.00' }), $inv) }
function X([double] $r) { if ([double]::IsNaN($r) -or [double]::IsInfinity($r)) { '—' } else { $r.ToString('0.00', $inv) + '×' } }
function F([double] $v, [string] $f = '0') { $v.ToString($f, $inv) }
function Median([double[]] $xs) { $s = $xs | Sort-Object; $s[[int][math]::Floor($s.Count / 2)] }
function Table([string[]] $header, $rows) {
    Say ('| ' + ($header -join ' | ') + ' |')
    Say ('|' + (' --- |' * $header.Count))
    foreach ($r in $rows) { Say ('| ' + ($r -join ' | ') + ' |') }
    Say
}
function LoadAvg { (Get-Content /proc/loadavg -Raw).Trim() }

function Start-BenchSandbox([int] $Students, [string[]] $ExtraArgs = @()) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($x in @($sandboxDll, '--urls', 'http://127.0.0.1:0', '--seed', '42', '--students', $Students, '--today', '2026-05-11', '--quiet') + $ExtraArgs) { $psi.ArgumentList.Add([string]$x) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $origin = $null
    while (-not $origin) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { throw "The sandbox exited before listening: $($process.StandardError.ReadToEnd())" }
        if ($line -match 'listening on (\S+)') { $origin = $Matches[1] }
    }
    $null = $process.StandardOutput.ReadToEndAsync(); $null = $process.StandardError.ReadToEndAsync()
    $info = Invoke-RestMethod -Uri ($origin + 'sandbox/info')
    $school = $info.providers | Where-Object providerNumber -eq 257
    $teo = $info.providers | Where-Object providerNumber -eq 7001
    [pscustomobject]@{ Process = $process; Origin = $origin; Info = $info; School = $school; Teo = $teo }
}
function Stop-BenchSandbox($sb) { if ($sb -and -not $sb.Process.HasExited) { $sb.Process.Kill($true); $null = $sb.Process.WaitForExit(10000) } }
function Save-Export($sb, [string] $folder) {
    $null = New-Item -ItemType Directory -Path $folder -Force
    foreach ($name in 'learners', 'enrolments', 'standards') { Invoke-WebRequest -Uri "$($sb.Origin)sandbox/sms-export/257/$name.csv" -OutFile (Join-Path $folder "$name.csv") }
}
function Get-ChildArgs($sb, [hashtable] $extra = @{}) {
    $h = @{ Origin = $sb.Origin; NzqaUri = $sb.Info.nzqaBaseUri; DxpUri = $sb.Info.dxpBaseUri; TokenUri = $sb.Info.tokenUri; Scope = $sb.Info.nzqaScope; DxpScope = $sb.Info.dxpScope
            Account = $sb.School.machineAccount; Password = $sb.School.password; Journal = (Join-Path $work ('journal-' + [guid]::NewGuid().ToString('N'))) }
    foreach ($k in $extra.Keys) { $h[$k] = $extra[$k] }
    $h
}

# Runs one measurement in a fresh pwsh; $null when it did not finish within the timeout (the child is killed).
function Invoke-BenchChild([string] $Scenario, [hashtable] $ChildArgs = @{}, [int] $TimeoutSeconds = 600) {
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    foreach ($x in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'BenchChild.ps1'), '-Scenario', $Scenario, '-ArgsJson', ($ChildArgs | ConvertTo-Json -Compress))) { $psi.ArgumentList.Add([string]$x) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true; $psi.UseShellExecute = $false
    $p = [System.Diagnostics.Process]::Start($psi)
    $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit($TimeoutSeconds * 1000)) { $p.Kill($true); $null = $p.WaitForExit(10000); return $null }
    $p.WaitForExit()
    $line = $out.Result -split "`n" | Where-Object { $_ -like 'RESULT:*' } | Select-Object -Last 1
    if (-not $line) { throw "bench child $Scenario failed (exit $($p.ExitCode)): $($err.Result) $($out.Result)" }
    $line.Substring(7) | ConvertFrom-Json
}

$total = [Diagnostics.Stopwatch]::StartNew()
$loadBefore = LoadAvg
$cpu = ((Get-Content /proc/cpuinfo | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -split ':', 2)[1].Trim()
Say "# NzqaSync benchmark in real pwsh — $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm', $inv)) UTC"
Say
Say "Machine: $([Environment]::ProcessorCount) cores, $cpu; $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription); pwsh $($PSVersionTable.PSVersion) on .NET $([Environment]::Version); module $moduleOut/NzqaSync ($Configuration build, module and sandbox); load average before: $loadBefore"
Say
$fig = @{}

# ---------------------------------------------------------------------------------------------------------- Import
if ('import' -in $parts) {
    $runs = foreach ($i in 1..5) { (Invoke-BenchChild import).Seconds }
    $fig.Import = Median $runs
    Say '## Import-Module in a fresh pwsh'
    Say
    Say "5 fresh pwsh processes, each timing ``Import-Module NzqaSync`` (by name, the measured module folder on PSModulePath): $(($runs | ForEach-Object { S $_ }) -join ', ') s; **median $(S $fig.Import) s**."
    Say
}

# ---------------------------------------------------------------------------------------------------------- CSV compare
if ('csv' -in $parts) {
    $perStudent = 2.8   # standards rows per seeded student in the sandbox's SMS export (seed 42)
    $csv = @{}
    $bStopped = $false
    foreach ($n in $sizes) {
        $sb = Start-BenchSandbox -Students ([int][math]::Ceiling($n / $perStudent * 1.05) + 60)
        try {
            $folder = Join-Path $work "csv-$n"; Save-Export $sb $folder
            $lines = [IO.File]::ReadAllLines((Join-Path $folder 'standards.csv'))
            if ($lines.Count -le $n) { throw "the export has only $($lines.Count - 1) standards rows for N = $n" }
            $file = Join-Path $folder "standards-$n.csv"; [IO.File]::WriteAllLines($file, $lines[0..$n])
            $warm = Join-Path $folder 'standards-warm.csv'; [IO.File]::WriteAllLines($warm, $lines[0..([math]::Min($n, 2000))])
            $csv[$n] = @{}
            $ways = @('floor', 'typed', 'pipe', 'path', 'baselineA', 'hold') + $(if ($n -eq $sizes[-1]) { 'pair', 'importnull' })
            foreach ($way in $ways) {
                $m = Invoke-BenchChild csv (Get-ChildArgs $sb @{ Way = $way; Csv = $file; Warm = $warm; Second = ($way -in 'pipe', 'path', 'baselineA', 'typed', 'floor' -and $n -eq $sizes[-1]) })
                $csv[$n][$way] = $m
                Note "csv $n ${way}: $(S $m.Seconds) s, $($m.Out) out, peak $($m.PeakMB) MB"
            }
            if (-not $bStopped) {
                $m = Invoke-BenchChild csv (Get-ChildArgs $sb @{ Way = 'baselineB'; Csv = $file; Warm = $warm }) -TimeoutSeconds $CompareObjectTimeoutSeconds
                if ($m) { $csv[$n].baselineB = $m; Note "csv $n Compare-Object: $(S $m.Seconds) s" } else { $bStopped = $true; $fig.CompareObjectStoppedAt = $n; Note "csv $n Compare-Object: did not finish within $CompareObjectTimeoutSeconds s" }
            }
        }
        finally { Stop-BenchSandbox $sb }
    }
    Say '## CSV end to end: N standards from the SMS export compared with NZQA''s side'
    Say
    Say 'Each cell is one timed run in a fresh pwsh after a warm-up on the first 2,000 rows; NZQA''s side (`Get-NzqaStandard -AcademicYear 2026`) is read first and not timed. Peak MB = the whole process''s peak resident set during the timed run (engine, module, NZQA''s side, input and output held). *floor* = `$typed | ForEach-Object { $_ }`; *typed* = `$typed | Compare-NzqaStandard -NzqaRecord $nzqa`; *pipe* = `Import-NzqaRecord -Path x.csv | Compare-NzqaStandard -NzqaRecord $nzqa`; *-Path* = `Compare-NzqaStandard -Path x.csv -NzqaRecord $nzqa`; (a) = `Import-Csv` + hashtable script; (b) = `Compare-Object -Property`; *holding the input* = `$typed = @(Import-NzqaRecord -Path x.csv)` with NZQA''s side held.'
    Say
    $rows = foreach ($n in $sizes) {
        $c = $csv[$n]
        $b = if ($c.baselineB) { S $c.baselineB.Seconds } else { "did not finish in $CompareObjectTimeoutSeconds s" }
        , @((F $n 'N0'), (S $c.floor.Seconds), (S $c.typed.Seconds), (S $c.pipe.Seconds), (S $c.path.Seconds), (S $c.baselineA.Seconds), $b,
            (F ($c.path.Seconds / $n * 1e6 ) '0.0'), (F $c.typed.PeakMB), (F $c.pipe.PeakMB), (F $c.path.PeakMB), (F $c.baselineA.PeakMB), (F $c.hold.PeakMB), (F $c.path.Out 'N0'))
    }
    Table @('N', 'floor s', 'typed s', 'pipe s', '-Path s', '(a) Import-Csv script s', '(b) Compare-Object s', '-Path µs/record', 'peak MB typed', 'peak MB pipe', 'peak MB -Path', 'peak MB (a)', 'peak MB holding the input', 'diffs out') $rows
    $big = $sizes[-1]
    $c = $csv[$big]
    Say "**What bounds the pipe at $(F $big 'N0') (same data, each in a fresh pwsh):** the engine alone, two binary cmdlets passing the typed records doing nothing (```$typed | Write-Output | Out-Null``): $(S $c.pair.Seconds) s; reading alone (``Import-NzqaRecord -Path x.csv | Out-Null``): $(S $c.importnull.Seconds) s; so the pipe can be at most $(X ($c.baselineA.Seconds / $c.importnull.Seconds)) (a) before it compares anything. The same statement run a second time in the same, now warm, process (the JIT has optimised what the first run went through): pipe $(S $c.pipe.SecondSeconds) s, -Path $(S $c.path.SecondSeconds) s, typed $(S $c.typed.SecondSeconds) s, floor $(S $c.floor.SecondSeconds) s, (a) $(S $c.baselineA.SecondSeconds) s — pipe vs (a) $(X ($c.baselineA.SecondSeconds / $c.pipe.SecondSeconds)), -Path vs (a) $(X ($c.baselineA.SecondSeconds / $c.path.SecondSeconds))."
    Say
    $fig.CsvVsA = $csv[$big].baselineA.Seconds / $csv[$big].pipe.Seconds
    $fig.CsvPathVsA = $csv[$big].baselineA.Seconds / $csv[$big].path.Seconds
    $bSizes = @($sizes | Where-Object { $csv[$_].baselineB })
    if ($bSizes) { $bn = $bSizes[-1]; $fig.VsBSize = $bn; $fig.VsB = $csv[$bn].baselineB.Seconds / $csv[$bn].path.Seconds; $fig.VsBPipe = $csv[$bn].baselineB.Seconds / $csv[$bn].pipe.Seconds }
    $fig.Floor = $csv[$big].typed.Seconds / $csv[$big].floor.Seconds
    $hold = $csv[$big].hold.PeakMB
    $fig.MemPaths = [ordered]@{ typed = $csv[$big].typed.PeakMB; pipe = $csv[$big].pipe.PeakMB; '-Path' = $csv[$big].path.PeakMB }
    $fig.MemWorst = ($fig.MemPaths.Values | Measure-Object -Maximum).Maximum
    $fig.MemVsHold = $fig.MemWorst / $hold
    $fig.MemHold = $hold
    $fig.MemCsv = [math]::Min($csv[$big].pipe.PeakMB, $csv[$big].path.PeakMB)
    $per = foreach ($n in $sizes) { $csv[$n].path.Seconds / $n }
    $fig.Growth = for ($i = 1; $i -lt $sizes.Count; $i++) { '{0}→{1}: {2}' -f (F $sizes[$i - 1] 'N0'), (F $sizes[$i] 'N0'), (X ($per[$i] / $per[$i - 1])) }
    $fig.GrowthLast = if ($per.Count -ge 2) { $per[-1] / $per[-2] } else { [double]::NaN }
    $fig.GrowthAll = @(for ($i = 1; $i -lt $sizes.Count; $i++) { $per[$i] / $per[$i - 1] })
}

# ---------------------------------------------------------------------------------------------------------- Nightly
if ('nightly' -in $parts) {
    $extra = @('--latency-ms', $NightlyLatencyMs, '--rate-limit', $RateLimit, '--standards-per-student', $SchoolStandardsPerStudent)
    $sb = Start-BenchSandbox -Students $SchoolStudents -ExtraArgs $extra
    $sb2 = Start-BenchSandbox -Students $SchoolStudents -ExtraArgs $extra
    try {
        $folder = Join-Path $work 'school'; Save-Export $sb $folder
        $module = Invoke-BenchChild nightly (Get-ChildArgs $sb @{ Folder = $folder; Sample = (Join-Path $repo 'samples/nightly-sync.ps1'); Origin2 = $sb2.Origin; NzqaUri2 = $sb2.Info.nzqaBaseUri })
    }
    finally { Stop-BenchSandbox $sb; Stop-BenchSandbox $sb2 }
    $sb = Start-BenchSandbox -Students $SchoolStudents -ExtraArgs $extra
    try { $hand = Invoke-BenchChild nightly-hand (Get-ChildArgs $sb @{ Folder = $folder }) }
    finally { Stop-BenchSandbox $sb }
    $sb = Start-BenchSandbox -Students $SchoolStudents -ExtraArgs $extra
    try { $phased = Invoke-BenchChild nightly-phases (Get-ChildArgs $sb @{ Folder = $folder }) }
    finally { Stop-BenchSandbox $sb }
    $stdRows = [IO.File]::ReadAllLines((Join-Path $folder 'standards.csv')).Count - 1
    $learnerRows = [IO.File]::ReadAllLines((Join-Path $folder 'learners.csv')).Count - 1
    $rtt = $module.RttMs / 1000
    # API-bound ideal: every call passes the rate limit (R per 1 s window; the last window's calls end one round-trip
    # after it opens), and no more than 4 are in flight.
    $ideal = [math]::Max(([math]::Ceiling($module.Calls / $RateLimit) - 1) + $rtt, $module.Calls * $rtt / 4)
    $fig.Nightly = $module.Seconds; $fig.NightlyIdeal = $ideal; $fig.NightlyVsIdeal = $module.Seconds / $ideal; $fig.NightlyVsHand = $hand.Seconds / $module.Seconds
    $fig.NightlyWarmVsIdeal = $module.WarmSeconds / $ideal
    $fig.Nightly429 = $module.RateLimited
    Say '## The whole nightly run, largest school'
    Say
    Say "``samples/nightly-sync.ps1`` (learners, enrolments, standards: ``Compare-Nzqa* -Path`` then ``Sync-Nzqa*`` of New/Different/Leaver) over the sandbox's SMS export for $(F $SchoolStudents 'N0') students ($(F $learnerRows 'N0') learners, $(F $stdRows 'N0') standards rows: ``--standards-per-student $SchoolStandardsPerStudent`` for each year 11–13 student), with $NightlyLatencyMs ms injected latency and the rate limit at $RateLimit calls/s. Timed from the script's start (connect included) to its exit; Import-Module not included. The hand-written script (fresh sandbox, same seed) reads every page with ``Invoke-RestMethod``, compares all three areas with ``Import-Csv`` + hashtables, and pushes one request per changed standard result (it pushes neither learners nor enrolments, so it does less work than the module). Ideal = max((⌈calls ÷ $RateLimit⌉ − 1) s + one round-trip, calls × round-trip ÷ 4 in flight); round-trip = median ``Test-NzqaConnection`` = $(F $module.RttMs '0.0') ms."
    Say
    Table @('way', 'time s', 'API calls', '429s met', 'vs ideal', 'peak MB', 'pushed') @(
        , @('module (nightly-sync.ps1), fresh process', (S $module.Seconds), $module.Calls, $module.RateLimited, (X ($module.Seconds / $ideal)), (F $module.PeakMB), (($module.Lines | Where-Object { $_ -match '^(Learner|Enrolment|Standard): ' }) -join '; '))
        , @('the same, again in the warm process (second sandbox)', (S $module.WarmSeconds), $module.WarmCalls, '', (X ($module.WarmSeconds / $ideal)), '', '')
        , @('hand-written script', (S $hand.Seconds), $hand.Calls, $hand.RateLimited, (X ($hand.Seconds / $ideal)), (F $hand.PeakMB), "$($hand.Pushed) results")
        , @('API-bound ideal (module''s calls)', (S $ideal), $module.Calls, 0, '1.00×', '', ''))
    Say "**Where the nightly run's time goes** (the sample's steps, each timed in one more fresh process on a fourth fresh sandbox, same seed: wall and this process's CPU time, API calls counted by the sandbox; the per-step ideal is the same formula for that step's calls; then each area's CSV read + compare again without NZQA, -NzqaRecord, in the now warm process, which splits a compare into NZQA's side and the local side). Total $(S $phased.Seconds) s."
    Say
    $phaseRows = foreach ($p in @($phased.Phases) + @($phased.Local)) {
        $stepIdeal = if ($p.Calls -gt 0) { [math]::Max(([math]::Ceiling($p.Calls / $RateLimit) - 1) + $rtt, $p.Calls * $rtt / 4) } else { 0 }
        , @($p.Name, (S $p.Seconds), (S $p.CpuSeconds), $p.Calls, $(if ($stepIdeal) { S $stepIdeal } else { '' }))
    }
    Table @('step', 'wall s', 'CPU s (all threads)', 'API calls', 'API-bound ideal s') $phaseRows
}

# ---------------------------------------------------------------------------------------------------------- NZQA push
if ('push' -in $parts) {
    $sb = Start-BenchSandbox -Students ([math]::Max(3000, [int]($NzqaPushCount * 2.6)))
    try { $push = Invoke-BenchChild push (Get-ChildArgs $sb @{ N = $NzqaPushCount; LoopSample = 300; LatencyMs = $PushLatencyMs; RateLimit = $RateLimit }) }
    finally { Stop-BenchSandbox $sb }
    $calls = [math]::Ceiling($push.Records / 100)
    $rtt = $push.RttMs / 1000
    $ideal = [math]::Max($calls * $rtt / 4, ([math]::Ceiling($calls / $RateLimit) - 1) + $rtt)
    $loopRate = $push.LoopRecords / $push.LoopSeconds
    $fig.Push = $push.Seconds; $fig.PushIdeal = $ideal; $fig.PushVsIdeal = $push.Seconds / $ideal; $fig.Push429 = $push.RateLimited; $fig.PushVsLoop = ($push.Records / $push.Seconds) / $loopRate
    Say '## NZQA push under the rate limit'
    Say
    Say "$(F $push.Records 'N0') changed results (Different, from ``Compare-NzqaStandard``) through ``Sync-NzqaStandard`` (batches of 100, ThrottleLimit 4, journal on), $PushLatencyMs ms injected latency, rate limit $RateLimit calls/s per provider (announced in ``RateLimit-*`` headers). 429s are counted by the sandbox (``GET /sandbox/stats``). (c) = a per-record ``Invoke-RestMethod`` loop (one PUT per result, 429s waited out by Retry-After) over 300 other changed results. Ideal = max((⌈calls ÷ $RateLimit⌉ − 1) s + one round-trip, calls × round-trip ÷ 4); round-trip = median ``Test-NzqaConnection`` = $(F $push.RttMs '0.0') ms."
    Say
    Table @('way', 'records', 'synced', 'time s', 'records/s', 'API calls', '429s met', 'vs ideal', 'peak MB') @(
        , @('Sync-NzqaStandard', (F $push.Records 'N0'), (F $push.Synced 'N0'), (S $push.Seconds), (F ($push.Records / $push.Seconds)), $push.Calls, $push.RateLimited, (X ($push.Seconds / $ideal)), (F $push.PeakMB))
        , @('(c) per-record Invoke-RestMethod loop', $push.LoopRecords, '', (S $push.LoopSeconds), (F $loopRate), $push.LoopRecords, $push.Loop429, (X (($push.Records / $loopRate) / $ideal)), '')
        , @('ideal', (F $push.Records 'N0'), '', (S $ideal), (F ($push.Records / $ideal)), $calls, 0, '1.00×', ''))
}

# ---------------------------------------------------------------------------------------------------------- DXP
if ('dxp' -in $parts) {
    $sb = Start-BenchSandbox -Students 300
    try {
        $childArgs = Get-ChildArgs $sb @{ N = $DxpCount; LatencyMs = $PushLatencyMs }
        $childArgs.Account = $sb.Teo.machineAccount; $childArgs.Password = $sb.Teo.password
        $dxp = Invoke-BenchChild dxp $childArgs
    }
    finally { Stop-BenchSandbox $sb }
    $batches = [math]::Ceiling($dxp.Records / $dxp.MaxRecordPerBatch)
    $floor = $batches * $dxp.FullBatchMs / 1000
    $latencyIdeal = $batches * $dxp.RttMs / 1000
    $fig.Dxp = $dxp.Seconds; $fig.DxpFloor = $floor; $fig.DxpVsFloor = $dxp.Seconds / $floor
    Say '## DXP upload: course enrolments through Send-DxpCourseEnrolment'
    Say
    Say "$(F $dxp.Records 'N0') typed course enrolments (built in the child, not timed) piped to ``Send-DxpCourseEnrolment -ReturnId 202604`` (local validation, batches of maxRecordPerBatch = $($dxp.MaxRecordPerBatch), one request at a time as DXP requires, gzip, journal), $PushLatencyMs ms injected latency. Floor = batches × the median round-trip of one full $($dxp.MaxRecordPerBatch)-record body sent as-is with HttpClient ($(F $dxp.FullBatchMs '0.0') ms: latency plus the sandbox's own work); latency-only ideal = batches × a one-record round-trip ($(F $dxp.RttMs '0.0') ms)."
    Say
    Table @('way', 'records', 'accepted', 'requests', 'time s', 'records/s', 'vs floor', 'vs latency-only ideal', 'peak MB') @(
        , @('Send-DxpCourseEnrolment', (F $dxp.Records 'N0'), (F $dxp.Accepted 'N0'), $batches, (S $dxp.Seconds), (F ($dxp.Records / $dxp.Seconds)), (X ($dxp.Seconds / $floor)), (X ($dxp.Seconds / $latencyIdeal)), (F $dxp.PeakMB))
        , @('floor: batches × full-batch round-trip', (F $dxp.Records 'N0'), '', $batches, (S $floor), (F ($dxp.Records / $floor)), '1.00×', (X ($floor / $latencyIdeal)), '')
        , @('latency-only ideal', (F $dxp.Records 'N0'), '', $batches, (S $latencyIdeal), (F ($dxp.Records / $latencyIdeal)), (X ($latencyIdeal / $floor)), '1.00×', ''))
}

# ---------------------------------------------------------------------------------------------------------- Journal
if ('journal' -in $parts) {
    $exe = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot 'Measure-JournalYear.ps1'), '-ModulePath', (Join-Path $moduleOut 'NzqaSync/NzqaSync.psd1'))
    $line = & $pwsh[0] @exe | Where-Object { $_ -like 'RESULT:*' } | Select-Object -Last 1
    if (-not $line) { throw 'bench/Measure-JournalYear.ps1 printed no RESULT line.' }
    $j = $line.Substring(7) | ConvertFrom-Json
    Say '## Journal: a year of nightly runs'
    Say
    Say "$($j.Nights) nights × 3 areas ($($j.Runs) runs, $($j.Files) monthly files, $($j.MB) MB) written with the module's own journal. What a compare (in-doubt settlement), a learner sync (held learners) and ``Get-NzqaSyncLog -Summary`` read first: every file (before) or the newest month plus the closed months' checkpoint (after; $($j.CheckpointKB) KB, rebuilt once when a month closes or a closed file changes). Median of 3."
    Say
    Table @('read', 'files opened', 'time s') @(
        , @('every file (before)', $j.Files, (S $j.FullReadS))
        , @('newest month + checkpoint (after)', "$($j.OpenFilesRead) + checkpoint", (S $j.OpenReadS))
        , @('building the checkpoint (once a month)', $j.Files, (S $j.CheckpointBuildS))
        , @('Get-NzqaSyncLog -Summary (after, whole cmdlet)', "$($j.OpenFilesRead) + checkpoint", (S $j.SummaryS)))
}

# ---------------------------------------------------------------------------------------------------------- Targets
function Verdict([bool] $ok) { if ($ok) { 'met' } else { '**missed**' } }
Say '## Targets'
Say
$t = [System.Collections.Generic.List[object]]::new()
if ($fig.ContainsKey('CsvVsA')) {
    $t.Add(@("CSV end to end, $(F $sizes[-1] 'N0') standards: Import-NzqaRecord \| Compare-NzqaStandard vs (a)", '≥ 5×', "$(X $fig.CsvVsA) (-Path: $(X $fig.CsvPathVsA))", (Verdict ($fig.CsvVsA -ge 5))))
    if ($fig.ContainsKey('VsB')) { $t.Add(@("vs Compare-Object (b), at the largest size it finishes ($(F $fig.VsBSize 'N0'); $(if ($fig.CompareObjectStoppedAt) { "not within $CompareObjectTimeoutSeconds s at $(F $fig.CompareObjectStoppedAt 'N0')" } else { 'finished at every size' }))", '≥ 20×', "-Path $(X $fig.VsB), pipe $(X $fig.VsBPipe)", (Verdict ($fig.VsB -ge 20)))) }
    $t.Add(@('compare within the engine floor (typed, piped)', '≤ 1.3×', (X $fig.Floor), (Verdict ($fig.Floor -le 1.3))))
    $t.Add(@("peak memory at $(F $sizes[-1] 'N0'), any path (worst of typed, pipe, -Path) vs holding the input ($(F $fig.MemHold) MB)", '≤ 1.3×', "$(X $fig.MemVsHold) ($(($fig.MemPaths.GetEnumerator() | ForEach-Object { "$($_.Key) $(F $_.Value) MB" }) -join ', '))", (Verdict ($fig.MemVsHold -le 1.3))))
    $t.Add(@('peak memory, the CSV path (best of pipe, -Path)', '≤ 300 MB', "$(F $fig.MemCsv) MB", (Verdict ($fig.MemCsv -le 300))))
    $t.Add(@('cost growth per record (-Path)', 'linear within ±20%', ($fig.Growth -join '; '), (Verdict ([math]::Abs($fig.GrowthLast - 1) -le 0.2))))
}
if ($fig.ContainsKey('Nightly')) {
    $t.Add(@('the whole nightly run, largest school: vs the API-bound ideal', '≤ 1.3×', "$(X $fig.NightlyVsIdeal) fresh process ($(S $fig.Nightly) s vs $(S $fig.NightlyIdeal) s; $($fig.Nightly429) 429s); warm $(X $fig.NightlyWarmVsIdeal)", (Verdict ($fig.NightlyVsIdeal -le 1.3))))
    $t.Add(@('the whole nightly run: vs the hand-written script', '≥ 10×', (X $fig.NightlyVsHand), (Verdict ($fig.NightlyVsHand -ge 10))))
}
if ($fig.ContainsKey('Push')) {
    $t.Add(@("NZQA push of $(F $NzqaPushCount 'N0') under the rate limit", '≤ 1.1× ideal, ≤ 2 HTTP 429s', "$(X $fig.PushVsIdeal) ($(S $fig.Push) s vs $(S $fig.PushIdeal) s), $($fig.Push429) 429s; $(X $fig.PushVsLoop) the per-record loop", (Verdict ($fig.PushVsIdeal -le 1.1 -and $fig.Push429 -le 2))))
}
if ($fig.ContainsKey('Dxp')) {
    $t.Add(@("DXP upload of $(F $DxpCount 'N0') course enrolments vs the floor with the sandbox's own work", '≤ 1.2×', "$(X $fig.DxpVsFloor) ($(S $fig.Dxp) s vs $(S $fig.DxpFloor) s)", (Verdict ($fig.DxpVsFloor -le 1.2))))
}
if ($fig.ContainsKey('Import')) {
    $t.Add(@('Import-Module in a fresh pwsh (median of 5)', '≤ 0.25 s', "$(S $fig.Import) s", (Verdict ($fig.Import -le 0.25))))
}
Table @('measure', 'target', 'measured', '') $t
$loadAfter = LoadAvg
Say "Load average before: $loadBefore; after: $loadAfter. Total wall time: $(F $total.Elapsed.TotalMinutes '0.0') min."
Say
$null = New-Item -ItemType Directory -Path (Split-Path $OutFile) -Force
[IO.File]::WriteAllText($OutFile, $report.ToString())
Write-Host "(written to $OutFile)"
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
