# One measurement in a fresh pwsh process (started by Invoke-Benchmark.ps1): prints one line "RESULT:{json}".
# Peak memory is this process's peak resident set (Linux VmHWM), reset just before the timed part by writing 5 to
# /proc/self/clear_refs, so it is the peak *during* the timed part of the whole process (engine, module, NZQA's side,
# the input and the output held).
param([Parameter(Mandatory)] [string] $Scenario, [string] $ArgsJson = '{}')
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSStyle.OutputRendering = 'PlainText'
Set-StrictMode -Off
$a = $ArgsJson | ConvertFrom-Json

function Reset-Peak { try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { } }
function Get-PeakMB {
    $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmHWM:*' }
    [math]::Round([double]($line -replace '\D', '') / 1024, 1)
}
function Get-RssMB {
    $line = [IO.File]::ReadAllLines('/proc/self/status') | Where-Object { $_ -like 'VmRSS:*' }
    [math]::Round([double]($line -replace '\D', '') / 1024, 1)
}
function Out-Result([hashtable] $h) { 'RESULT:' + ($h | ConvertTo-Json -Compress -Depth 6) }
function New-Cred([string] $user, [string] $password) { [pscredential]::new($user, (ConvertTo-SecureString $password -AsPlainText -Force)) }
function Measure-Block([scriptblock] $block) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    Reset-Peak
    $sw = [Diagnostics.Stopwatch]::StartNew()
    . $block
    $sw.Stop()
    @{ Seconds = $sw.Elapsed.TotalSeconds; PeakMB = (Get-PeakMB) }
}
function Connect-Bench {
    Connect-Nzqa -BaseUri $a.NzqaUri -ProviderNumber 257 -Credential (New-Cred $a.Account $a.Password) -JournalPath $a.Journal
}
function Set-Faults([hashtable] $f) {
    $null = Invoke-RestMethod -Method Put -Uri ($a.Origin + 'sandbox/faults') -Body ($f | ConvertTo-Json) -ContentType 'application/json'
}
function Get-Stats { Invoke-RestMethod -Uri ($a.Origin + 'sandbox/stats') }
function Reset-Stats { $null = Invoke-RestMethod -Method Delete -Uri ($a.Origin + 'sandbox/stats') }

# --- the hand-written scripts an admin would write (baselines) -------------------------------------------------------

# (a) Import-Csv + a hashtable keyed on NSN+standard+year, field-by-field compare, [pscustomobject] out, then NZQA-only.
$baselineA = {
    param($csvPath, $nzqa)
    $index = @{}
    foreach ($n in $nzqa) { $index["$($n.Nsn)|$($n.StandardNumber)|$($n.AcademicYear)"] = $n }
    $seen = @{}
    foreach ($r in Import-Csv -Path $csvPath) {
        $key = "$($r.NSN)|$($r.Standard)|$($r.Year)"
        $n = $index[$key]
        $seen[$key] = $true
        if ($null -eq $n) { [pscustomobject]@{ Status = 'New'; Key = $key; Local = $r; Nzqa = $null; Differences = @() }; continue }
        $d = [System.Collections.Generic.List[string]]::new()
        if ("$($r.Result)" -ne "$($n.Result)") { $d.Add('Result') }
        if ("$($r.Version)" -ne "$($n.StandardVersion)") { $d.Add('Version') }
        if ("$($r.'Entry Method')" -ne "$($n.EntryMethod)") { $d.Add('EntryMethod') }
        if ("$($r.'Result Provider')" -ne "$($n.ResultProviderCode)") { $d.Add('ResultProvider') }
        [pscustomobject]@{ Status = $(if ($d.Count) { 'Different' } else { 'Match' }); Key = $key; Local = $r; Nzqa = $n; Differences = $d }
    }
    foreach ($k in $index.Keys) { if (-not $seen.ContainsKey($k)) { [pscustomobject]@{ Status = 'NzqaOnly'; Key = $k; Local = $null; Nzqa = $index[$k]; Differences = @() } } }
}

# (b) What many admins reach for first: Compare-Object -Property over the same two sets.
$baselineB = {
    param($csvPath, $nzqa)
    $local = Import-Csv -Path $csvPath | Select-Object @{ n = 'Nsn'; e = { $_.NSN } }, @{ n = 'StandardNumber'; e = { $_.Standard } }, @{ n = 'AcademicYear'; e = { [int]$_.Year } }, Result
    Compare-Object -ReferenceObject $nzqa -DifferenceObject $local -Property Nsn, StandardNumber, AcademicYear, Result
}

# (c) A per-record Invoke-RestMethod push: one request per changed result, a 429 waited out by its Retry-After.
function Get-EslToken([string] $tokenUri, [string] $user, [string] $password, [string] $scope, [int] $org) {
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${user}:$password"))
    (Invoke-RestMethod -Method Post -Uri $tokenUri -Headers @{ Authorization = "Basic $basic" } -Body @{ grant_type = 'client_credentials'; scope = $scope; org_id = $org }).access_token
}
function Invoke-WithRetry([scriptblock] $call) {
    for ($attempt = 0; ; $attempt++) {
        try { return (& $call) }
        catch {
            $status = [int]$_.Exception.Response.StatusCode
            if ($status -ne 429 -or $attempt -ge 20) { throw }
            $script:handWritten429++
            $wait = 1
            $ra = $_.Exception.Response.Headers.RetryAfter
            if ($ra -and $ra.Delta) { $wait = $ra.Delta.TotalSeconds }
            Start-Sleep -Milliseconds ([int]($wait * 1000))
        }
    }
}
function Send-ResultLoop($records, [string] $base, [hashtable] $headers) {
    foreach ($r in $records) {
        $item = [ordered]@{ nsn = $r.Nsn; standardNumber = $r.StandardNumber; standardVersion = $r.StandardVersion; academicYear = $r.AcademicYear; result = $r.Result; resultProviderCode = $(if ($r.ResultProviderCode) { $r.ResultProviderCode } else { 257 }) }
        $body = @{ items = @($item) } | ConvertTo-Json -Depth 4 -Compress
        $null = Invoke-WithRetry { Invoke-RestMethod -Method Put -Uri "$base/providers/257/standards/results" -Headers $headers -Body $body -ContentType 'application/json; charset=utf-8' }
    }
}

switch ($Scenario) {
    'import' {
        $sw = [Diagnostics.Stopwatch]::StartNew()
        Import-Module NzqaSync
        $sw.Stop()
        Out-Result @{ Seconds = $sw.Elapsed.TotalSeconds; Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies()).Count }
    }

    'csv' {
        # One way of comparing N standards from an SMS export CSV with NZQA's side (already read, not timed).
        Import-Module NzqaSync
        Connect-Bench
        $nzqa = @(Get-NzqaStandard -AcademicYear 2026)
        $way = $a.Way
        $blocks = @{
            pipe      = { $script:out = Import-NzqaRecord -Path $p -Kind Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -NzqaRecord $nzqa -ErrorAction SilentlyContinue }
            path      = { $script:out = Compare-NzqaStandard -Path $p -NzqaRecord $nzqa -ErrorAction SilentlyContinue }
            typed     = { $script:out = $in | Compare-NzqaStandard -NzqaRecord $nzqa -ErrorAction SilentlyContinue }
            floor     = { $script:out = $in | ForEach-Object { $_ } }
            baselineA = { $script:out = & $baselineA $p $nzqa }
            baselineB = { $script:out = & $baselineB $p $nzqa }
            hold      = { $script:out = @(Import-NzqaRecord -Path $p -Kind Standard -ErrorAction SilentlyContinue) }
            # The engine's own toll: a two-binary-cmdlet pipeline of the same objects doing nothing, and reading alone.
            pair      = { $in | Write-Output | Out-Null }
            importnull = { Import-NzqaRecord -Path $p -Kind Standard -ErrorAction SilentlyContinue | Out-Null }
        }
        $block = $blocks[$way]
        $needsTyped = $way -in 'typed', 'floor', 'pair'
        # Warm-up on the first 2,000 rows (JIT, script compilation), then the timed run on all N.
        $p = $a.Warm
        if ($needsTyped) { $in = @(Import-NzqaRecord -Path $p -Kind Standard -ErrorAction SilentlyContinue) }
        if ($way -ne 'baselineB') { . $block }
        $p = $a.Csv
        if ($needsTyped) { $in = @(Import-NzqaRecord -Path $p -Kind Standard -ErrorAction SilentlyContinue) }
        $script:out = $null
        $m = Measure-Block $block
        $m.Out = @($out).Count
        $m.NzqaRecords = $nzqa.Count
        # The same again in this now warm process: what is left once the JIT has optimised the code the first run
        # ran through (a fresh process runs much of its first 100,000 records in unoptimised tier-0 code).
        if ($a.Second) {
            $script:out = $null
            $m.SecondSeconds = (Measure-Block $block).Seconds
        }
        Out-Result $m
    }

    'nightly' {
        # The whole nightly run as a school runs it: samples/nightly-sync.ps1 over the SMS export folder.
        Import-Module NzqaSync
        $cred = New-Cred $a.Account $a.Password
        $rtts = foreach ($i in 1..15) { Connect-Bench; $s = [Diagnostics.Stopwatch]::StartNew(); $null = Test-NzqaConnection; $s.Stop(); $s.Elapsed.TotalMilliseconds }
        Disconnect-Nzqa -ErrorAction SilentlyContinue
        Start-Sleep -Milliseconds 1100
        Reset-Stats
        $m = Measure-Block { $script:lines = & $a.Sample -BaseUri $a.NzqaUri -ProviderNumber 257 -SmsExportFolder $a.Folder -Credential $cred -JournalPath $a.Journal }
        $stats = Get-Stats
        $m.ExitCode = $LASTEXITCODE
        $m.Lines = @($lines)
        $m.Calls = $stats.apiCalls
        $m.RateLimited = $stats.rateLimited429
        $m.RttMs = ($rtts | Sort-Object)[[int]($rtts.Count / 2)]
        # The same night again in this (now warm) process against a second sandbox with the same seed: what is left
        # once JIT and first-use costs are paid.
        if ($a.Origin2) {
            $a.Origin = $a.Origin2
            Start-Sleep -Milliseconds 1100
            Reset-Stats
            $warm = Measure-Block { $script:lines = & $a.Sample -BaseUri $a.NzqaUri2 -ProviderNumber 257 -SmsExportFolder $a.Folder -Credential (New-Cred $a.Account $a.Password) -JournalPath ($a.Journal + '-warm') }
            $m.WarmSeconds = $warm.Seconds
            $m.WarmCalls = (Get-Stats).apiCalls
            $m.WarmLines = @($lines)
        }
        Out-Result $m
    }

    'nightly-phases' {
        # The nightly run's steps as samples/nightly-sync.ps1 takes them (connect; per area Compare-* -Path, then the
        # New/Different/Leaver diffs to Sync-*), each timed (wall and this process's CPU) with the API calls it made
        # (the sandbox's count). Then, untimed in the run, each area's CSV read + compare again without NZQA
        # (-NzqaRecord: NZQA's records from the diffs), so a compare's time splits into NZQA's side and the local side.
        Import-Module NzqaSync
        $cred = New-Cred $a.Account $a.Password
        $proc = [Diagnostics.Process]::GetCurrentProcess()
        $phases = [System.Collections.Generic.List[object]]::new()
        function Step([string] $name, [scriptblock] $block) {
            $calls0 = (Get-Stats).apiCalls
            $proc.Refresh(); $cpu0 = $proc.TotalProcessorTime
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $value = . $block
            $sw.Stop(); $proc.Refresh()
            $phases.Add([ordered]@{ Name = $name; Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = ($proc.TotalProcessorTime - $cpu0).TotalSeconds; Calls = (Get-Stats).apiCalls - $calls0 })
            $value
        }
        Start-Sleep -Milliseconds 1100
        Reset-Stats
        $total = [Diagnostics.Stopwatch]::StartNew()
        $null = Step 'connect (Connect-Nzqa, ESL token)' { Connect-Nzqa -BaseUri $a.NzqaUri -ProviderNumber 257 -Credential $cred -JournalPath $a.Journal; $null = Test-NzqaConnection }
        $areas = @(
            @{ Kind = 'Learner'; File = 'learners.csv'; Compare = 'Compare-NzqaLearner'; Sync = 'Sync-NzqaLearner' }
            @{ Kind = 'Enrolment'; File = 'enrolments.csv'; Compare = 'Compare-NzqaEnrolment'; Sync = 'Sync-NzqaEnrolment' }
            @{ Kind = 'Standard'; File = 'standards.csv'; Compare = 'Compare-NzqaStandard'; Sync = 'Sync-NzqaStandard' })
        $diffs = @{}
        foreach ($area in $areas) {
            $path = Join-Path $a.Folder $area.File
            $diffs[$area.Kind] = Step "$($area.Kind): $($area.Compare) -Path (NZQA read + CSV + compare)" { & $area.Compare -Path $path -ErrorAction SilentlyContinue }
            $null = Step "$($area.Kind): $($area.Sync) of New/Different/Leaver" { @(@($diffs[$area.Kind]).Where({ $_.Status -in 'New', 'Different', 'Leaver' }) | & $area.Sync -ErrorAction SilentlyContinue) }
        }
        $total.Stop()
        $local = foreach ($area in $areas) {
            $nzqa = @(@($diffs[$area.Kind]).Where({ $null -ne $_.Nzqa }).ForEach({ $_.Nzqa }))
            $path = Join-Path $a.Folder $area.File
            $compare = $area.Compare
            $proc.Refresh(); $cpu0 = $proc.TotalProcessorTime
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = & $compare -Path $path -NzqaRecord $nzqa -ErrorAction SilentlyContinue
            $sw.Stop(); $proc.Refresh()
            [ordered]@{ Name = "$($area.Kind): CSV read + compare alone (-NzqaRecord, warm)"; Seconds = $sw.Elapsed.TotalSeconds; CpuSeconds = ($proc.TotalProcessorTime - $cpu0).TotalSeconds; Calls = 0 }
        }
        Out-Result @{ Seconds = $total.Elapsed.TotalSeconds; Phases = @($phases); Local = @($local) }
    }

    'nightly-hand' {
        # The same night by hand: Invoke-RestMethod page by page, Import-Csv + hashtables for all three areas, one
        # request per changed standard result (learner and enrolment changes are compared but not pushed).
        $script:handWritten429 = 0
        $folder = $a.Folder
        Reset-Stats
        $m = Measure-Block {
            $token = Get-EslToken $a.TokenUri $a.Account $a.Password $a.Scope 257
            $headers = @{ Authorization = "Bearer $token"; EID = '257' }
            $base = $a.NzqaUri.TrimEnd('/')
            function Read-All([string] $route) {
                $all = [System.Collections.Generic.List[object]]::new()
                for ($page = 1; ; $page++) {
                    $r = Invoke-WithRetry { Invoke-RestMethod -Uri "$base/$route$(if ($route.Contains('?')) { '&' } else { '?' })page=$page&pageSize=5000" -Headers $headers }
                    $all.AddRange([object[]]@($r.results))
                    if ($all.Count -ge $r.totalCount -or @($r.results).Count -eq 0) { break }
                }
                $all
            }
            $learners = @{}; foreach ($l in Read-All 'providers/257/learners') { $learners[$l.nsn] = $l }
            $script:learnerDiffs = foreach ($r in Import-Csv (Join-Path $folder 'learners.csv')) {
                $n = $learners[$r.NSN]
                if (-not $n) { [pscustomobject]@{ Status = 'New'; Nsn = $r.NSN }; continue }
                if ($r.'First Name' -ne $n.firstName -or $r.'Last Name' -ne $n.lastName -or $r.'Date of Birth' -ne $n.dateOfBirth -or $r.Gender -ne $n.gender) { [pscustomobject]@{ Status = 'Different'; Nsn = $r.NSN } }
            }
            $enrolments = @{}; foreach ($e in Read-All 'providers/257/enrolments') { $enrolments[$e.nsn] = $e }
            $script:enrolmentDiffs = foreach ($r in Import-Csv (Join-Path $folder 'enrolments.csv')) {
                $n = $enrolments[$r.NSN]
                if (-not $n) { [pscustomobject]@{ Status = 'New'; Nsn = $r.NSN }; continue }
                if ("$($r.'Year Level')" -ne "$($n.yearLevel)" -or ($r.'Leaving Date' -and -not $n.leavingDate)) { [pscustomobject]@{ Status = 'Different'; Nsn = $r.NSN } }
            }
            $nzqa = @{}; foreach ($s in Read-All 'providers/257/standards?academicYear=2026') { $nzqa["$($s.nsn)|$($s.standardNumber)|$($s.academicYear)"] = $s }
            $script:changed = foreach ($r in Import-Csv (Join-Path $folder 'standards.csv')) {
                if ($r.Year -ne '2026' -or -not $r.Result) { continue }
                $n = $nzqa["$($r.NSN)|$($r.Standard)|$($r.Year)"]
                if ($n -and $n.result -ne $r.Result -and $r.Result -in 'N', 'A', 'M', 'E') {
                    [pscustomobject]@{ Nsn = $r.NSN; StandardNumber = $r.Standard; StandardVersion = [int]$r.Version; AcademicYear = 2026; Result = $r.Result; ResultProviderCode = $(if ($r.'Result Provider') { [int]$r.'Result Provider' } else { 257 }) }
                }
            }
            Send-ResultLoop $changed $base $headers
        }
        $stats = Get-Stats
        $m.Pushed = @($changed).Count
        $m.LearnerDiffs = @($learnerDiffs).Count
        $m.EnrolmentDiffs = @($enrolmentDiffs).Count
        $m.Calls = $stats.apiCalls
        $m.RateLimited = $stats.rateLimited429
        Out-Result $m
    }

    'push' {
        # NZQA push: N changed results (NZQA's own achievement-standard results, each moved to the next grade) through
        # Sync-NzqaStandard under the rate limit, then a per-record Invoke-RestMethod loop over other changed results.
        Import-Module NzqaSync
        Connect-Bench
        $target = [int]$a.N + [int]$a.LoopSample
        $types = @{}; foreach ($d in Get-NzqaStandardDefinition) { $types[$d.Number] = $d.Type }
        $grades = 'N', 'A', 'M', 'E'
        $local = [System.Collections.Generic.List[object]]::new()
        foreach ($e in Get-NzqaStandard -AcademicYear 2026) {
            if ($local.Count -ge $target * 1.15) { break }
            if ($e.Status -ne 'Entered' -or $types[$e.StandardNumber] -ne 'A' -or -not $e.Result) { continue }
            if ($e.ResultProviderCode -and $e.ResultProviderCode -ne 257) { continue }
            $next = $grades[([array]::IndexOf($grades, $e.Result) + 1) % 4]
            $r = [NzqaSync.Domain.StandardRecord]@{ Nsn = $e.Nsn; StandardNumber = $e.StandardNumber; StandardVersion = $e.StandardVersion
                AcademicYear = $e.AcademicYear; Result = $next; ResultProviderCode = $e.ResultProviderCode; Status = 'Entered' }
            if ($e.EntryMethod) { $r.EntryMethod = $e.EntryMethod }
            $local.Add($r)
        }
        $diffs = @($local | Compare-NzqaStandard -AcademicYear 2026 -ErrorAction SilentlyContinue | Where-Object Status -eq 'Different')
        $batch = $diffs[0..([Math]::Min($diffs.Count - [int]$a.LoopSample, [int]$a.N) - 1)]
        $sample = @($diffs[($diffs.Count - [int]$a.LoopSample)..($diffs.Count - 1)] | ForEach-Object Local)
        Set-Faults @{ latencyMs = [int]$a.LatencyMs; rateLimitPerSecond = [int]$a.RateLimit }
        $rtts = foreach ($i in 1..20) { $s = [Diagnostics.Stopwatch]::StartNew(); $null = Test-NzqaConnection; $s.Stop(); $s.Elapsed.TotalMilliseconds }
        Start-Sleep -Milliseconds 1100
        Reset-Stats
        $m = Measure-Block { $script:results = @($batch | Sync-NzqaStandard -ErrorAction SilentlyContinue) }
        $stats = Get-Stats
        $m.Records = $batch.Count
        $m.Synced = @($results | Where-Object Outcome -eq 'Synced').Count
        $m.Calls = $stats.apiCalls
        $m.RateLimited = $stats.rateLimited429
        $m.RttMs = ($rtts | Sort-Object)[10]
        # (c) the per-record loop, by hand, with the same token route a script would use.
        Start-Sleep -Milliseconds 1100
        Reset-Stats
        $script:handWritten429 = 0
        $token = Get-EslToken $a.TokenUri $a.Account $a.Password $a.Scope 257
        $loop = Measure-Block { Send-ResultLoop $sample $a.NzqaUri.TrimEnd('/') @{ Authorization = "Bearer $token"; EID = '257' } }
        $m.LoopRecords = $sample.Count
        $m.LoopSeconds = $loop.Seconds
        $m.Loop429 = (Get-Stats).rateLimited429
        Set-Faults @{ latencyMs = 0; rateLimitPerSecond = 0 }
        Out-Result $m
    }

    'dxp' {
        # DXP: N course enrolments through Send-DxpCourseEnrolment, and the floor that includes the sandbox's own work:
        # batches × the round-trip of one full batch with its body ready (HttpClient, one request at a time).
        Import-Module NzqaSync
        $cred = New-Cred $a.Account $a.Password
        Connect-Dxp -BaseUri $a.DxpUri -Edumis 7001 -Credential $cred -JournalPath $a.Journal
        Reset-DxpSubmission -ReturnId 202604 -Force
        $n = [int]$a.N
        $records = [System.Collections.Generic.List[object]]::new($n)
        for ($i = 0; $i -lt $n; $i++) {
            $r = [NzqaSync.Domain.Dxp.CourseEnrolmentRecord]::new()
            $r.LocalId = 'ce-bench-{0:d7}' -f $i
            $r.StudentIdentificationCode = 'S{0}' -f (100000000 + [math]::Floor($i / 4))
            $r.QualificationCode = 'BC1234'
            $r.CourseCode = 'ECON{0}' -f (100 + $i % 4)
            $r.CourseStartDate = [datetime]::new(2026, 2, 23)
            $r.CourseEndDate = [datetime]::new(2026, 6, 19)
            $r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = '00'
            $r.IntramuralExtramuralAttendance = 1
            $r.CourseDeliverySite = '01'
            $r.SourceOfFunding = '1'
            $r.ResidentialStatus = 'N'
            $r.AustralianResidentialStatus = $false
            $r.FundingCategory = 'A1'
            $r.CourseClassification = [decimal]'1.1'
            $r.NzscedFieldOfStudy = '030101'
            $r.CourseEftsFactor = [decimal]'0.125'
            $r.NationalStudentNumber = 100000000 + [math]::Floor($i / 4)
            $records.Add($r)
        }
        # Floor: a full batch body sent as-is over HttpClient (ESL token, submission token, PUT course-enrolments).
        $token = Get-EslToken $a.TokenUri $a.Account $a.Password $a.DxpScope 7001
        $http = [System.Net.Http.HttpClient]::new()
        $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('Bearer', $token)
        $http.DefaultRequestHeaders.Add('EID', '7001')
        $dxpBase = $a.DxpUri.TrimEnd('/') + '/submissions/v1.0/'
        $sub = $http.PostAsync($dxpBase + 'token/202604', $null).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult() | ConvertFrom-Json
        $max = [int]$sub.maxRecordPerBatch
        $content = foreach ($i in 0..($max - 1)) {
            [ordered]@{ localId = 'ce-floor-{0:d7}' -f $i; studentIdentificationCode = 'S{0}' -f (200000000 + $i); qualificationCode = 'BC1234'; courseCode = 'ECON101'
                courseStartDate = '2026-02-23T00:00:00Z'; courseEndDate = '2026-06-19T00:00:00Z'; categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = '00'
                intramuralExtramuralAttendance = 1; courseDeliverySite = '01'; sourceOfFunding = '1'; residentialStatus = 'N'; australianResidentialStatus = $false
                fundingCategory = 'A1'; courseClassification = 1.1; nzscedFieldOfStudy = '030101'; courseEftsFactor = 0.125
                eftsByMonth = @(0.025, 0.025, 0.025, 0.025, 0.025); nationalStudentNumber = 200000000 + $i }
        }
        $body = [Text.Encoding]::UTF8.GetBytes((@{ submissionToken = $sub.submissionToken; content = @($content) } | ConvertTo-Json -Depth 5 -Compress))
        Set-Faults @{ latencyMs = [int]$a.LatencyMs; rateLimitPerSecond = 0 }
        $put = {
            $c = [System.Net.Http.ByteArrayContent]::new($body)
            $c.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::new('application/json')
            $res = $http.PutAsync($dxpBase + 'course-enrolments', $c).GetAwaiter().GetResult()
            if (-not $res.IsSuccessStatusCode) { throw "DXP answered $([int]$res.StatusCode): $($res.Content.ReadAsStringAsync().GetAwaiter().GetResult())" }
            $null = $res.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        }
        . $put
        $full = foreach ($i in 1..7) { $s = [Diagnostics.Stopwatch]::StartNew(); . $put; $s.Stop(); $s.Elapsed.TotalMilliseconds }
        $one = [Text.Encoding]::UTF8.GetBytes((@{ submissionToken = $sub.submissionToken; content = @($content[0]) } | ConvertTo-Json -Depth 5 -Compress))
        $saved = $body; $body = $one
        $single = foreach ($i in 1..15) { $s = [Diagnostics.Stopwatch]::StartNew(); . $put; $s.Stop(); $s.Elapsed.TotalMilliseconds }
        $body = $saved
        $m = Measure-Block { $script:results = @($records | Send-DxpCourseEnrolment -ReturnId 202604 -ErrorAction SilentlyContinue) }
        $m.Records = $n
        $m.Accepted = @($results | Where-Object Outcome -eq 'Accepted').Count
        $m.MaxRecordPerBatch = $max
        $m.FullBatchMs = ($full | Sort-Object)[3]
        $m.RttMs = ($single | Sort-Object)[7]
        Set-Faults @{ latencyMs = 0 }
        Out-Result $m
    }

    default { throw "Unknown scenario $Scenario" }
}
