# One admin, several schools: connections saved with -PassThru and used alternately, reconnects and disconnects that
# leave the saved ones working, the schools in parallel (ForEach-Object -Parallel, Start-ThreadJob), and two pwsh
# processes syncing the same school at once. The sandbox seeds three schools: 257 (Kōwhai High School, with an SMS
# export), 311 (Harbourside College) and 498 (Te Kura).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $script:journal = Join-Path $work 'journal'
    Save-SmsExport -Sandbox $sandbox -Folder $work
    $script:creds = @{}
    foreach ($p in 257, 311, 498) { $creds[$p] = Get-TestCredential -Sandbox $sandbox -ProviderNumber $p }

    function script:Connect-School([int] $Provider) {
        Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber $Provider -Credential $creds[$Provider] -JournalPath $journal -PassThru
    }
}
AfterAll {
    Disconnect-Nzqa -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Two saved connections used alternately' {
    BeforeAll {
        $script:kowhai = Connect-School 257
        $script:harbour = Connect-School 311
    }

    It 'reads each school through its own connection, in turn' {
        foreach ($round in 1..2) {
            $a = @(Get-NzqaEnrolment -Connection $kowhai)
            $b = @(Get-NzqaEnrolment -Connection $harbour)
            $a.Count | Should -BeGreaterThan 0
            $b.Count | Should -BeGreaterThan 0
            # Different schools' students: no NSN in common.
            @($a.Nsn | Where-Object { $_ -in $b.Nsn }).Count | Should -Be 0
        }
    }

    It 'tests each saved connection and reports the provider it belongs to' {
        (Test-NzqaConnection -Connection $kowhai).ProviderNumber | Should -Be 257
        (Test-NzqaConnection -Connection $harbour).Success | Should -BeTrue
    }
}

Describe 'Connect again and Disconnect leave saved connections working' {
    It 'a later Connect-Nzqa does not close a connection saved with -PassThru' {
        $saved = Connect-School 257
        $null = Connect-School 311          # the new session default
        $null = Connect-School 498          # and again
        $test = Test-NzqaConnection -Connection $saved
        $test.Success | Should -BeTrue -Because $test.Message
        @(Get-NzqaLearner -Connection $saved).Count | Should -BeGreaterThan 0
    }

    It 'Disconnect-Nzqa of the session''s connection leaves another saved one working' {
        $first = Connect-School 311
        $second = Connect-School 498        # the session default now
        Disconnect-Nzqa
        (Test-NzqaConnection -Connection $first).Success | Should -BeTrue
        @(Get-NzqaEnrolment -Connection $first).Count | Should -BeGreaterThan 0
        # Saved with -PassThru, the disconnected one is still the user's to use with -Connection.
        (Test-NzqaConnection -Connection $second).Success | Should -BeTrue
    }

    It 'Connect-Dxp again does not close a DXP connection saved with -PassThru' {
        $cred = Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001
        $saved = Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -JournalPath $journal -PassThru
        $null = Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -JournalPath $journal -PassThru
        Disconnect-Dxp
        (Test-DxpConnection -Connection $saved).Success | Should -BeTrue
        @(Get-DxpReturn -Connection $saved).Count | Should -BeGreaterThan 0
    }

    It 'a closed connection is reported by Test-NzqaConnection, not thrown' {
        $closed = Connect-School 311
        $closed.Dispose()
        $test = Test-NzqaConnection -Connection $closed
        $test.Success | Should -BeFalse
        $test.Problem | Should -Be 'Closed'
        $test.Message | Should -Match 'closed'
        $test.Message | Should -Not -Match 'disposed object'
    }

    It 'a record synced through a closed connection is Failed (never sent), not InDoubt' {
        $live = Connect-School 311
        $record = @(Get-NzqaEnrolment -Connection $live)[0]
        $changed = $record | Select-Object *
        $changed.YearLevel = if ($record.YearLevel -ge 13) { 12 } else { $record.YearLevel + 1 }
        $diff = $changed | Compare-NzqaEnrolment -Connection $live -ErrorAction SilentlyContinue | Where-Object Status -eq 'Different'
        $diff | Should -Not -BeNullOrEmpty
        $live.Dispose()
        $ErrorActionPreference = 'Continue'
        $result = $diff | Sync-NzqaEnrolment -Connection $live -Confirm:$false -ErrorVariable syncErrors 2>$null
        $result.Outcome | Should -Be 'Failed'
        ($result.Errors -join ' ') | Should -Match 'nothing was sent'
        @($syncErrors).Count | Should -BeGreaterThan 0
        $logged = @(Get-NzqaSyncLog -Path $journal -RunId $result.RunId)
        $logged.Count | Should -BeGreaterThan 0
        $logged.Outcome | Should -Not -Contain 'InDoubt'
        $logged.Outcome | Should -Contain 'Failed'
    }
}

Describe 'Schools in parallel' {
    It 'ForEach-Object -Parallel compares three schools, each with its own connection' {
        $nzqa = $sandbox.NzqaUri
        $modulePath = $env:PSModulePath
        $all = 257, 311, 498 | ForEach-Object -ThrottleLimit 3 -Parallel {
            $env:PSModulePath = $using:modulePath
            Import-Module NzqaSync
            $cred = ($using:creds)[$_]
            $c = Connect-Nzqa -BaseUri $using:nzqa -ProviderNumber $_ -Credential $cred -JournalPath $using:journal -PassThru
            $held = @(Get-NzqaEnrolment -Connection $c)
            $diff = @($held | Compare-NzqaEnrolment -Connection $c -ErrorAction SilentlyContinue)
            [pscustomobject]@{ Provider = $_; Held = $held.Count; Match = @($diff | Where-Object Status -eq 'Match').Count; Tested = (Test-NzqaConnection).ProviderNumber }
        }
        $all.Count | Should -Be 3
        foreach ($school in $all) {
            $school.Held | Should -BeGreaterThan 0
            # What NZQA holds, compared back, matches record for record: no school saw another's records.
            $school.Match | Should -Be $school.Held
            # Each runspace's session default is its own school.
            $school.Tested | Should -Be $school.Provider
        }
        ($all.Provider | Sort-Object) | Should -Be @(257, 311, 498)
    }

    It 'Start-ThreadJob runs a school''s compare beside the session''s own connection' {
        $kowhai = Connect-School 257
        $nzqa = $sandbox.NzqaUri
        $cred = $creds[311]
        $modulePath = $env:PSModulePath
        $job = Start-ThreadJob {
            $env:PSModulePath = $using:modulePath
            Import-Module NzqaSync
            Connect-Nzqa -BaseUri $using:nzqa -ProviderNumber 311 -Credential $using:cred -JournalPath $using:journal
            @(Get-NzqaEnrolment).Count
        }
        $here = @(Get-NzqaEnrolment -Connection $kowhai).Count
        $there = $job | Wait-Job | Receive-Job
        $job | Remove-Job
        $there | Should -BeGreaterThan 0
        $here | Should -BeGreaterThan 0
        $there | Should -Not -Be $here
        # The thread job's Connect-Nzqa did not replace this session's default.
        (Test-NzqaConnection).ProviderNumber | Should -Be 257
    }
}

Describe 'Two pwsh processes syncing the same school at once' {
    BeforeAll {
        $script:sameJournal = Join-Path $work 'journal-two-processes'
        $script:export = Join-Path $work 'enrolments.csv'
        $script:script = Join-Path $work 'sync-enrolments.ps1'
        Set-Content $script @'
param([string] $Nzqa, [string] $Account, [string] $Password, [string] $Export, [string] $Journal)
$ErrorActionPreference = 'Continue'
Import-Module NzqaSync -ErrorAction Stop
$cred = [pscredential]::new($Account, (ConvertTo-SecureString $Password -AsPlainText -Force))
Connect-Nzqa -BaseUri $Nzqa -ProviderNumber 257 -Credential $cred -JournalPath $Journal -ErrorAction Stop
$diff = Import-NzqaRecord -Path $Export -Kind Enrolment | Compare-NzqaEnrolment 2>$null
# -ReleaseHeld: enrolments whose learner NZQA does not hold go too (NZQA refuses them), as before that hold existed.
$results = $diff | Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaEnrolment -ReleaseHeld -Confirm:$false 2>$null
"RESULTS $(@($results).Count) SYNCED $(@($results | Where-Object Outcome -eq 'Synced').Count)"
'@
        $p = $sandbox.Info.providers | Where-Object providerNumber -eq 257
        $arguments = @('-Nzqa', $sandbox.NzqaUri, '-Account', $p.machineAccount, '-Password', $p.password, '-Export', $export, '-Journal', $sameJournal)
        $before = Import-NzqaRecord -Path $export -Kind Enrolment | Compare-NzqaEnrolment -Connection (Connect-School 257) -ErrorAction SilentlyContinue
        $script:toSync = @($before | Where-Object Status -in 'New', 'Different', 'Leaver')
        # Both at once, as two scheduled tasks that overlap.
        $pwsh = @(Get-PwshCommand)
        $runs = foreach ($i in 1, 2) {
            $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
            foreach ($a in @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $script) + $arguments) { $psi.ArgumentList.Add([string]$a) }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.Environment['PSModulePath'] = $env:PSModulePath
            $proc = [System.Diagnostics.Process]::Start($psi)
            [pscustomobject]@{ Process = $proc; Out = $proc.StandardOutput.ReadToEndAsync(); Err = $proc.StandardError.ReadToEndAsync() }
        }
        foreach ($r in $runs) { $r.Process.WaitForExit(300000) | Out-Null }
        $script:outputs = $runs | ForEach-Object { $_.Out.Result }
        $script:entries = @(Get-NzqaSyncLog -Path $sameJournal)
        $script:held = @(Get-NzqaEnrolment -Connection (Connect-School 257))
    }

    It 'both processes ran to the end' {
        $toSync.Count | Should -BeGreaterThan 0
        foreach ($o in $outputs) { $o | Should -Match 'RESULTS \d+ SYNCED \d+' }
    }

    It 'loses nothing: a compare afterwards finds nothing the two runs could send still New or Different' {
        $after = Import-NzqaRecord -Path $export -Kind Enrolment | Compare-NzqaEnrolment -Connection (Connect-School 257) -ErrorAction SilentlyContinue
        $stillNew = @($after | Where-Object { $_.Status -eq 'New' -and $_.Key -in $toSync.Key })
        # A record NZQA refuses (its own rules) stays New; every other one arrived.
        $refused = @($entries | Where-Object Outcome -eq 'Failed' | Where-Object { $_.Key -in $stillNew.Key } | Select-Object -ExpandProperty Key -Unique)
        @($stillNew | Where-Object Key -notin $refused).Count | Should -Be 0
    }

    It 'doubles nothing: NZQA holds each student once' {
        $dupes = @($held | Group-Object Nsn | Where-Object Count -gt 1)
        $dupes.Count | Should -Be 0 -Because ($dupes.Name -join ', ')
    }

    It 'the shared journal has both runs, every record settled, no line lost or torn' {
        @($entries.RunId | Sort-Object -Unique).Count | Should -Be 2
        $entries.Outcome | Should -Not -Contain 'Pending'
        $entries.Outcome | Should -Not -Contain 'InDoubt'
        # Each run journalled every record it sent.
        foreach ($o in $outputs) {
            $n = [int]([regex]::Match($o, 'RESULTS (\d+)').Groups[1].Value)
            $n | Should -BeGreaterThan 0
        }
        foreach ($run in $entries | Group-Object RunId) { $run.Count | Should -BeGreaterThan 0 }
        $lines = Get-ChildItem $sameJournal -Recurse -File | Get-Content | Where-Object { $_.Trim() }
        foreach ($line in $lines) { { $line | ConvertFrom-Json } | Should -Not -Throw }
        # A record both runs sent was created once: NZQA's word for the other send is Unchanged (its create is idempotent).
        $both = @($entries | Where-Object { $_.Outcome -eq 'Synced' -and $_.Action -eq 'Create' } | Group-Object Key | Where-Object Count -gt 1)
        foreach ($g in $both) {
            @($g.Group | Where-Object Detail -eq 'Created').Count | Should -BeLessOrEqual 1 -Because "$($g.Name): $($g.Group.Detail -join ', ')"
        }
    }
}
