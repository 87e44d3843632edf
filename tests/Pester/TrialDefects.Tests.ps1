# Defects a new-user trial found in a real pwsh 7.6.9 against the sandbox, each as the user met it: the module
# imported by name, the sandbox's SMS export, separate sessions where the user ran separate scripts.
# Each test fails if its fix is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $script:journal = Join-Path $work 'journal'
    Save-SmsExport -Sandbox $sandbox -Folder $work
    $script:cred = Get-TestCredential -Sandbox $sandbox
    function Connect-School { Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential $cred -JournalPath $journal }
}

AfterAll {
    Disconnect-Nzqa -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Trial 1: a learner NZQA refused for identity in an earlier session holds back its new enrolment in a later session' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        # Session 1: learners only (a script of their own).
        Connect-School
        $script:learners = @(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner 2>$null | Compare-NzqaLearner 2>$null |
            Where-Object Status -eq 'New' | Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
        $script:conflict = @($learners | Where-Object { ($_.Errors -join ' ') -match 'NSN_CONFLICT' })
        Disconnect-Nzqa
        # Session 2: enrolments only, in a new connection (nothing of session 1 in memory; only the journal).
        Connect-School
        $script:enrolments = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null | Compare-NzqaEnrolment 2>$null |
            Where-Object Status -eq 'New' | Sync-NzqaEnrolment -Confirm:$false 2>$null -WarningVariable script:enrolmentWarnings 3>$null)
        Disconnect-Nzqa
    }

    It 'the new enrolment on the refused NSN is Skipped, naming the learner, the run and how to release it; NZQA holds no enrolment for it' {
        $conflict.Count | Should -Be 1
        $nsn = $conflict[0].Nsn
        $held = @($enrolments | Where-Object Nsn -eq $nsn)
        $held.Count | Should -Be 1
        $held[0].Outcome | Should -Be 'Skipped'
        $why = $held[0].Errors -join ' '
        $why | Should -Match "NSN $nsn"
        $why | Should -Match ([regex]::Escape([string]$conflict[0].RunId))
        $why | Should -Match 'NSN_CONFLICT'
        $why | Should -Match '-ReleaseHeld'
        ($enrolmentWarnings -join ' ') | Should -Match "NSN $nsn"
        @($enrolments | Where-Object { $_.Nsn -ne $nsn -and $_.Outcome -eq 'Synced' }).Count | Should -BeGreaterThan 0
        Connect-School
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn).Count | Should -Be 0
        Disconnect-Nzqa
    }
}

Describe 'Trial 2: a typo in an optional column''s header stops the file instead of blanking the field' {
    BeforeAll {
        $lines = @(Get-Content (Join-Path $work 'learners.csv'))
        $lines[0] = $lines[0] -replace 'Ethnicity 1', 'Ethnicty 1'
        $script:ethnicty = Join-Path $work 'learners-ethnicty.csv'
        Set-Content -Path $ethnicty -Value $lines
    }

    It 'Compare-NzqaLearner -Path is one NzqaCsvMistypedColumn error naming the column and the field; nothing compared' {
        $ErrorActionPreference = 'Continue'
        Connect-School
        $diff = @()
        $caught = $null
        try { $diff = @(Compare-NzqaLearner -Path $ethnicty -WarningAction SilentlyContinue) } catch { $caught = $_ }
        Disconnect-Nzqa
        $diff.Count | Should -Be 0
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^NzqaCsvMistypedColumn,'
        $caught.CategoryInfo.Category | Should -Be 'InvalidData'
        $caught.TargetObject | Should -Be $ethnicty
        $caught.Exception.Message | Should -Match "'Ethnicty 1' looks like a typo of 'Ethnicity 1' \(the learner field Ethnicity1\)"
        $caught.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("-ColumnMap @{ Ethnicity1 = 'Ethnicty 1' }"))
    }

    It 'the fix it recommends works, and a column that is not near any field''s name stays a warning' {
        $records = @(Import-NzqaRecord -Path $ethnicty -Kind Learner -ColumnMap @{ Ethnicity1 = 'Ethnicty 1' } -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        $lines = @(Get-Content (Join-Path $work 'learners.csv'))
        $path = Join-Path $work 'learners-house.csv'
        Set-Content -Path $path -Value (@($lines[0] + ',House') + @($lines | Select-Object -Skip 1 | ForEach-Object { $_ + ',Kauri' }))
        $records = @(Import-NzqaRecord -Path $path -Kind Learner -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        "$warnings" | Should -Match "'House'"
    }
}

Describe 'Trial 3: a missing column''s message never recommends mapping an unrelated column' {
    It 'learners.csv without its date of birth column names no other column as the fix' {
        $rows = Import-Csv (Join-Path $work 'learners.csv')
        $dob = @($rows[0].PSObject.Properties.Name | Where-Object { $_ -match 'Birth|DOB' })[0]
        $path = Join-Path $work 'learners-no-dob.csv'
        $rows | Select-Object -Property * -ExcludeProperty $dob | Export-Csv -Path $path -NoTypeInformation
        $caught = $null
        try { Import-NzqaRecord -Path $path -Kind Learner | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^NzqaCsvMissingColumn,'
        $caught.Exception.Message | Should -Match 'DateOfBirth'
        $caught.Exception.Message | Should -Not -Match 'nearest header'
        $caught.ErrorDetails.RecommendedAction | Should -Not -Match 'First Name|Last Name|NSN|Student ID|Gender'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Date of Birth'
    }
}
