# Every sample (samples/*.ps1) run the way its own help says, as a separate pwsh process: the exit codes it promises,
# one clear message when it cannot start, never "Connected" and never exit 0 when it did not run. And the demo, which
# runs the samples in a hosted engine, still runs them (#Requires finds the module by name) and cleans up after itself.
BeforeDiscovery {
    $script:sampleCases = @(Get-ChildItem (Join-Path $PSScriptRoot '../../samples') -Filter *.ps1 | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $script:samples = Join-Path (Get-RepoRoot) 'samples'
    Save-SmsExport -Sandbox $sandbox -Folder (Join-Path $work 'export')
    $script:cred = Get-TestCredential -Sandbox $sandbox
    $teo = $sandbox.Info.providers | Where-Object providerNumber -eq 7001
    $script:teoCred = [pscredential]::new($teo.machineAccount, (ConvertTo-SecureString $teo.password -AsPlainText -Force))

    # The interactive samples take -Credential (the help: $cred = Get-Credential; ./samples/x.ps1 ... -Credential $cred).
    # A child pwsh runs exactly that, with the sandbox account standing in for Get-Credential, and exits with the
    # sample's own exit code.
    $script:wrapper = Join-Path $work 'run-sample.ps1'
    Set-Content -Path $wrapper -Value @'
$cred = [pscredential]::new($env:SAMPLE_ACCOUNT, (ConvertTo-SecureString $env:SAMPLE_PASSWORD -AsPlainText -Force))   # stands in for Get-Credential
$named = $env:SAMPLE_ARGS | ConvertFrom-Json -AsHashtable
& $env:SAMPLE_SCRIPT @named -Credential $cred
exit $LASTEXITCODE
'@
    function Invoke-Sample {
        param([string] $Name, [pscredential] $Credential, [object[]] $Arguments)
        $named = @{}
        for ($i = 0; $i -lt $Arguments.Count; $i += 2) { $named[$Arguments[$i].TrimStart('-')] = [string]$Arguments[$i + 1] }
        Invoke-ChildPwsh -File $wrapper -Environment @{
            SAMPLE_SCRIPT = (Join-Path $samples $Name); SAMPLE_ACCOUNT = $Credential.UserName
            SAMPLE_PASSWORD = $Credential.GetNetworkCredential().Password; SAMPLE_ARGS = ($named | ConvertTo-Json -Compress)
        }
    }
    function Save-Credential {
        param([pscredential] $Credential, [string] $Path)
        $Credential | Export-Clixml -Path $Path
        if (-not $IsWindows) { chmod 600 $Path }
    }

    # An export that agrees with NZQA (read back through the module) except one year level: everything the run needs
    # to send can be sent.
    $script:clean = Join-Path $work 'clean'
    New-Item -ItemType Directory $clean | Out-Null
    $connection = Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential $cred -JournalPath (Join-Path $work 'reader-journal') -PassThru
    $day = { param($v) if ($v) { ([datetime]$v).ToString('yyyy-MM-dd') } }
    Get-NzqaLearner -Connection $connection | Select-Object Nsn, LocalStudentId, FirstName, MiddleName, LastName, @{ n = 'DateOfBirth'; e = { & $day $_.DateOfBirth } }, Gender,
        @{ n = 'Ethnicity1'; e = { $_.Ethnicities[0] } }, @{ n = 'Ethnicity2'; e = { $_.Ethnicities[1] } }, @{ n = 'Ethnicity3'; e = { $_.Ethnicities[2] } } |
        Export-Csv (Join-Path $clean 'learners.csv')
    $script:changed = $null
    Get-NzqaEnrolment -Connection $connection | ForEach-Object {
        $year = $_.YearLevel
        if (-not $script:changed -and -not $_.LeavingDate -and $year -lt 13) { $script:changed = $_.Nsn; $year++ }
        [pscustomobject]@{ Nsn = $_.Nsn; LocalStudentId = $_.LocalStudentId; FirstName = $_.FirstName; LastName = $_.LastName
            EnrolmentDate = & $day $_.EnrolmentDate; YearLevel = $year; LeavingDate = & $day $_.LeavingDate; LeavingReason = $_.LeavingReason }
    } | Export-Csv (Join-Path $clean 'enrolments.csv')
    Get-NzqaStandard -Connection $connection | Select-Object Nsn, StandardNumber, StandardVersion, AcademicYear, EntryMethod, Result, ResultProviderCode,
        @{ n = 'Withdrawn'; e = { if ($_.Status -eq 'Withdrawn') { 'Y' } } } | Export-Csv (Join-Path $clean 'standards.csv')
    Disconnect-Nzqa -ErrorAction SilentlyContinue
}

AfterAll {
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Every sample' {
    It '<Name> carries #Requires -Modules NzqaSync' -TestCases $sampleCases {
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $null)
        $ast.ScriptRequirements.RequiredModules.Name | Should -Contain 'NzqaSync'
    }

    It '<Name> without the module installed does not start: one clear message, never "Connected", never exit 0' -TestCases $sampleCases {
        # A machine where NzqaSync is not installed: no out/ on PSModulePath and a home with no user modules.
        $empty = New-TestFolder
        try {
            $r = Invoke-ChildPwsh -File $Path -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257', '-SmsExportFolder', $work) -Environment @{
                PSModulePath = $empty; XDG_DATA_HOME = $empty
            }
        }
        finally { Remove-Item $empty -Recurse -Force }
        # PowerShell itself refuses the script (#Requires) before a line of it runs; its code for that is 1.
        $r.ExitCode | Should -Not -Be 0
        $r.Output | Should -BeNullOrEmpty
        $r.Error | Should -Match "The module 'NzqaSync' cannot be found"
        @($r.Error -split '\r?\n' | Where-Object { $_.Trim() }).Count | Should -Be 1
        $r.Output + $r.Error | Should -Not -Match 'Connected|is not recognized'
    }
}

Describe 'samples/daily-sync.ps1' {
    It 'exits 2 with one "cannot connect" line, and never says Connected, when the connect fails' {
        $wrong = [pscredential]::new($cred.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $r = Invoke-Sample -Name daily-sync.ps1 -Credential $wrong -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', (Join-Path $work 'export'), '-JournalPath', (Join-Path $work 'daily-fail'))
        $r.ExitCode | Should -Be 2
        $lines = @($r.Output -split '\r?\n' | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match '^daily-sync: cannot connect to NZQA: .*ESL'
        $r.Output + $r.Error | Should -Not -Match 'Connected|Synced:'
    }

    It 'exits 1 when the export has records that cannot be sent, after syncing the rest' {
        $r = Invoke-Sample -Name daily-sync.ps1 -Credential $cred -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', (Join-Path $work 'export'), '-JournalPath', (Join-Path $work 'daily-journal'))
        $r.ExitCode | Should -Be 1 -Because $r.Output
        $r.Output | Should -Match 'Connected to NZQA as provider 257'
        $r.Output | Should -Match '== Standards =='
        $r.Error | Should -Match 'NzqaInvalid|cannot be sent'
    }

    It 'exits 0 when everything that needed sending was synced' {
        $r = Invoke-Sample -Name daily-sync.ps1 -Credential $cred -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $clean, '-JournalPath', (Join-Path $work 'daily-clean'))
        $r.ExitCode | Should -Be 0 -Because ($r.Output + $r.Error)
        # NZQA's side is shared by the tests in this file: what is left to send depends on which ran before; none fails.
        $r.Output | Should -Match 'Synced: \d+, failed: 0'
        $r.Output | Should -Not -Match 'failed: [1-9]'
    }

}

Describe 'samples/nightly-sync.ps1 (pwsh -NoProfile -NonInteractive -File, as Task Scheduler or cron runs it)' {
    It 'exits 0 when everything that needed sending was synced, with the machine password from -CredentialPath' {
        $file = Join-Path $work 'machine.xml'
        Save-Credential -Credential $cred -Path $file
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $clean, '-CredentialPath', $file, '-JournalPath', (Join-Path $work 'nightly-clean'))
        $r.ExitCode | Should -Be 0 -Because ($r.Output + $r.Error)
        foreach ($kind in 'Learner', 'Enrolment', 'Standard') { $r.Output | Should -Match "$($kind): \d+ compared, \d+ synced, 0 failed, 0 invalid" }
    }

    It 'exits 1 when records were invalid or refused' {
        $file = Join-Path $work 'machine.xml'
        Save-Credential -Credential $cred -Path $file
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', (Join-Path $work 'export'), '-CredentialPath', $file, '-JournalPath', (Join-Path $work 'nightly-journal'))
        $r.ExitCode | Should -Be 1 -Because ($r.Output + $r.Error)
        $r.Output | Should -Match 'Journal: '
        # Trial 5 D6: each invalid record on a line of its own (kind, NSN, the export's line, why), as many lines as
        # the summary counts; they were never sent, so the journal cannot name them.
        $lines = @($r.Output -split '\r?\n')
        $total = 0
        foreach ($kind in 'Learner', 'Enrolment', 'Standard') {
            $summary = @($lines | Where-Object { $_ -match "^$($kind): \d+ compared, \d+ synced, \d+ failed, (\d+) invalid" })
            $summary.Count | Should -Be 1
            $null = $summary[0] -match ' (\d+) invalid'
            $invalid = [int]$Matches[1]
            $listed = @($lines | Where-Object { $_ -match "^  invalid $kind " })
            $listed.Count | Should -Be $invalid -Because ($r.Output)
            foreach ($l in $listed) { $l | Should -Match "^  invalid $kind \S+( standard \S+)? line \d+: \S" }
            $total += $invalid
        }
        $total | Should -BeGreaterThan 0
        $r.Output | Should -Match "(?m)^  invalid Learner 12AB line \d+: '12AB' is not a valid NSN"
    }

    It 'exits 2 before sending anything when <Case>, naming each file and why' -TestCases @(
        @{ Case = 'the three exports are 0 bytes'; Empty = @('learners.csv', 'enrolments.csv', 'standards.csv'); NoHeader = @(); Expect = @('Learner: cannot read .*learners\.csv: learners\.csv is empty', 'Enrolment: cannot read .*enrolments\.csv: enrolments\.csv is empty', 'Standard: cannot read .*standards\.csv: standards\.csv is empty') }
        @{ Case = 'enrolments.csv has no header row and standards.csv is 0 bytes (learners.csv is fine)'; Empty = @('standards.csv'); NoHeader = @('enrolments.csv'); Expect = @('Enrolment: cannot read .*enrolments\.csv: enrolments\.csv line 1 names none of the enrolment columns', 'Standard: cannot read .*standards\.csv: standards\.csv is empty') }
    ) {
        $folder = Join-Path $work ('unreadable-' + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $folder | Out-Null
        Copy-Item (Join-Path $clean '*.csv') $folder
        foreach ($name in $Empty) { [IO.File]::WriteAllBytes((Join-Path $folder $name), [byte[]]@()) }
        foreach ($name in $NoHeader) { $rows = @(Get-Content (Join-Path $folder $name)); Set-Content (Join-Path $folder $name) ($rows | Select-Object -Skip 1) }
        $file = Join-Path $work 'machine.xml'
        Save-Credential -Credential $cred -Path $file
        $journal = Join-Path $folder 'journal'
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $folder, '-CredentialPath', $file, '-JournalPath', $journal)
        $r.ExitCode | Should -Be 2 -Because ($r.Output + $r.Error)
        foreach ($e in $Expect) { $r.Output | Should -Match "(?m)^nightly-sync: $e" }
        $r.Output | Should -Match 'nothing was sent'
        $r.Output | Should -Not -Match 'compared'
        @(Get-NzqaSyncLog -Path $journal -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'exits 2 with one "cannot connect" line when the password is wrong' {
        $file = Join-Path $work 'wrong.xml'
        Save-Credential -Credential ([pscredential]::new($cred.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))) -Path $file
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $clean, '-CredentialPath', $file, '-JournalPath', (Join-Path $work 'nightly-fail'))
        $r.ExitCode | Should -Be 2
        $lines = @($r.Output -split '\r?\n' | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match '^nightly-sync: cannot connect to NZQA: '
        $r.Output + $r.Error | Should -Not -Match 'Connected'
    }

    It 'exits 2 with one error saying the -CredentialPath file is missing (defect 12)' {
        $missing = Join-Path $work 'no-such-machine.xml'
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $clean, '-CredentialPath', $missing)
        $r.ExitCode | Should -Be 2
        # One error (the reason and what to do), from the script: no Import-Clixml error, no "no machine credential" after it.
        $r.Error | Should -BeNullOrEmpty
        $lines = @($r.Output -split '\r?\n' | Where-Object { $_.Trim() })
        $lines[0] | Should -Match '^nightly-sync: cannot use the credential file: .*no-such-machine\.xml'
        $lines.Count | Should -BeLessOrEqual 2
        $r.Output | Should -Not -Match 'no machine credential'
    }

    It 'exits 2 naming the required column when an export''s header is wrong' {
        $typo = Join-Path $work 'typo'
        New-Item -ItemType Directory $typo -Force | Out-Null
        Copy-Item (Join-Path $clean '*.csv') $typo
        $lines = Get-Content (Join-Path $typo 'enrolments.csv')
        $lines[0] = $lines[0] -replace '"YearLevel"', '"Year Levle"'
        Set-Content (Join-Path $typo 'enrolments.csv') $lines
        $file = Join-Path $work 'machine.xml'
        Save-Credential -Credential $cred -Path $file
        $r = Invoke-ChildPwsh -File (Join-Path $samples 'nightly-sync.ps1') -Arguments @('-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257',
            '-SmsExportFolder', $typo, '-CredentialPath', $file, '-JournalPath', (Join-Path $work 'nightly-typo'))
        $r.ExitCode | Should -Be 2
        $r.Output | Should -Match "nightly-sync: Enrolment: .*YearLevel.*'Year Levle'"
    }
}

Describe 'samples/tertiary-sync.ps1 (its whole SDR round and exit codes 0/1 are SdrRound.Tests.ps1''s)' {
    It 'exits 2 with one "cannot connect" line, and never says Connected, when the connect fails' {
        $wrong = [pscredential]::new($teoCred.UserName, (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
        $r = Invoke-Sample -Name tertiary-sync.ps1 -Credential $wrong -Arguments @('-BaseUri', $sandbox.DxpUri, '-Edumis', '7001',
            '-ExportFolder', $work, '-JournalPath', (Join-Path $work 'tertiary-fail'))
        $r.ExitCode | Should -Be 2
        $lines = @($r.Output -split '\r?\n' | Where-Object { $_.Trim() })
        $lines.Count | Should -Be 1
        $lines[0] | Should -Match '^tertiary-sync: cannot reach TEC DXP: .*ESL'
        $r.Output + $r.Error | Should -Not -Match 'Connected'
    }

    It 'finds a relative -ExportFolder after Set-Location (resolved against the PowerShell location, not the process''s directory)' {
        # A user's shell: Set-Location to where the export is, then -ExportFolder ./sdr. The process's own working
        # directory stays elsewhere, which is what [IO.File]::Exists would have used.
        $location = Join-Path $work 'tertiary-location'
        $sdr = Join-Path $location 'sdr'
        New-Item -ItemType Directory -Path $sdr -Force | Out-Null
        [pscustomobject]@{ 'Student ID' = 'TA0001'; NSN = 2140001; Surname = 'Lee'; 'First Name' = 'Anna'; Gender = 'F'; 'Date of Birth' = '01/04/2001'; 'Total Fee' = '7250.00' } |
            Export-Csv (Join-Path $sdr 'learners.csv')
        [pscustomobject]@{ 'Course Code' = 'ECON101'; 'Course Title' = 'Introductory economics'; Qualification = 'BBS701' } | Export-Csv (Join-Path $sdr 'courses.csv')
        # No course-enrolments.csv (required): the round stops there, before sending anything, naming the resolved path.
        $child = Join-Path $work 'tertiary-relative.ps1'
        Set-Content -Path $child -Value @'
Set-Location $env:SAMPLE_LOCATION
$cred = [pscredential]::new($env:SAMPLE_ACCOUNT, (ConvertTo-SecureString $env:SAMPLE_PASSWORD -AsPlainText -Force))
& $env:SAMPLE_SCRIPT -BaseUri $env:SAMPLE_URI -Edumis 7001 -Credential $cred -ExportFolder ./sdr -JournalPath $env:SAMPLE_JOURNAL
exit $LASTEXITCODE
'@
        [IO.Directory]::GetCurrentDirectory() | Should -Not -Be $location
        $r = Invoke-ChildPwsh -File $child -Environment @{
            SAMPLE_LOCATION = $location; SAMPLE_SCRIPT = (Join-Path $samples 'tertiary-sync.ps1'); SAMPLE_URI = $sandbox.DxpUri
            SAMPLE_ACCOUNT = $teoCred.UserName; SAMPLE_PASSWORD = $teoCred.GetNetworkCredential().Password; SAMPLE_JOURNAL = (Join-Path $work 'tertiary-relative-journal')
        }
        $r.Output | Should -Not -Match 'Learners: no export'
        $r.Output | Should -Match ([regex]::Escape("Course enrolments: no export at $(Join-Path $sdr 'course-enrolments.csv')"))
        $r.ExitCode | Should -Be 2
    }
}

Describe 'The demo (dotnet run --project src/NzqaSync.Demo), which runs the samples in a hosted engine' {
    It 'runs daily-sync and tertiary-sync through #Requires and leaves no temporary folder behind (defect 13)' {
        $tmp = New-TestFolder
        try {
            $dll = Join-Path (Get-RepoRoot) 'src/NzqaSync.Demo/bin/Debug/net10.0/NzqaSync.Demo.dll'
            $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($a in @($dll, '--students', '40', '--tertiary')) { $psi.ArgumentList.Add($a) }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.Environment['TMPDIR'] = $tmp
            $p = [System.Diagnostics.Process]::Start($psi)
            $err = $p.StandardError.ReadToEndAsync()
            $out = $p.StandardOutput.ReadToEnd()
            $p.WaitForExit()
            # The demo ends with tertiary-sync's own exit code: 1, as its export holds records that cannot be sent.
            $p.ExitCode | Should -BeIn 0, 1 -Because ($out + $err.Result)
            $out | Should -Match 'Done: tertiary-sync\.ps1 exited [01]: '
            $out | Should -Match 'Connected to NZQA as provider 257'
            $out | Should -Match 'Connected to TEC DXP as EDUMIS 7001'
            $out | Should -Not -Match 'cannot be run because|#requires|workflow stopped|NzqaCsvMissingColumn|NzqaCsvWrongKind'
            @(Get-ChildItem $tmp -Force) | Should -BeNullOrEmpty
        }
        finally { Remove-Item $tmp -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
