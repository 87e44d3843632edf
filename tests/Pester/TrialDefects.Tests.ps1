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
