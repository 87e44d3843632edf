# A learner NZQA refused for identity (NSN_CONFLICT: the NSN is another person's) must not get an enrolment, from any
# session: the console's default journal knows nothing of the nightly run's refusal, but NZQA's own learner list does.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -NoConnect
    $script:work = $school.Work
}
AfterAll { Stop-TestSchool $school }

Describe 'The NSN_CONFLICT hold seen from a session with another journal' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        # The nightly run: learners, its own journal.
        Connect-TestSchool $school
        $script:learners = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') 2>$null | Where-Object Status -eq 'New' |
            Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
        $script:conflict = @($learners | Where-Object { ($_.Errors -join ' ') -match 'NSN_CONFLICT' })
        Disconnect-Nzqa
        # The admin at the console: another journal (nothing of the nightly run's refusal in it), enrolments only.
        Connect-Nzqa -BaseUri $school.Sandbox.NzqaUri -ProviderNumber 257 -Credential $school.Credential -JournalPath (Join-Path $work 'console-journal')
        $script:enrolments = @(Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null | Where-Object Status -eq 'New' |
            Sync-NzqaEnrolment -Confirm:$false 2>$null -WarningVariable script:warnings 3>$null)
    }

    It 'the refused learner''s new enrolment is Skipped, saying NZQA holds no learner for it; NZQA has no enrolment for it' {
        $conflict.Count | Should -Be 1
        $nsn = $conflict[0].Nsn
        $held = @($enrolments | Where-Object Nsn -eq $nsn)
        $held.Count | Should -Be 1
        $held[0].Outcome | Should -Be 'Skipped'
        ($held[0].Errors -join ' ') | Should -Match "NZQA holds no learner with NSN $nsn"
        ($warnings -join ' ') | Should -Match "NSN $nsn"
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn).Count | Should -Be 0
    }

    It 'the other new enrolments, whose learners NZQA holds, are sent' {
        @($enrolments | Where-Object Outcome -eq 'Synced').Count | Should -BeGreaterThan 0
        @($enrolments | Where-Object Outcome -eq 'Failed').Count | Should -Be 0
    }
}
