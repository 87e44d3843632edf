# Reset-DxpSubmission drops every record of a return: a person is asked (ShouldContinue) unless -Force is given, and
# an unattended pwsh (-NonInteractive, as a scheduler runs it) cannot be asked, so it resets nothing and says what to add.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $script:script = New-DxpChildScript -Sandbox $sandbox -Folder $work -Name 'reset.ps1' -Body @"
if (`$Mode -eq 'upload') {
    `$r = [NzqaSync.Domain.Dxp.CourseEnrolmentRecord]::new()
    `$r.LocalId = 'reset-00001'; `$r.StudentIdentificationCode = 'S0000001'; `$r.QualificationCode = 'BC1234'
    `$r.CourseCode = 'ECON101'; `$r.CourseStartDate = [datetime]::new(2026, 2, 23); `$r.CourseEndDate = [datetime]::new(2026, 6, 19)
    `$r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = '0'; `$r.IntramuralExtramuralAttendance = 1
    `$r.CourseDeliverySite = '1'; `$r.SourceOfFunding = '01'; `$r.ResidentialStatus = 'N'; `$r.AustralianResidentialStatus = `$false
    `$r.FundingCategory = 'A1'; `$r.CourseClassification = [decimal]'1.1'; `$r.NzscedFieldOfStudy = '030101'
    `$r.CourseEftsFactor = [decimal]'0.125'; `$r.NationalStudentNumber = 100001
    `$r | Send-DxpCourseEnrolment -ReturnId 202608 | ForEach-Object { "outcome " + `$_.Outcome }
}
elseif (`$Mode -eq 'reset') { Reset-DxpSubmission -ReturnId 202608 }
elseif (`$Mode -eq 'force') { Reset-DxpSubmission -ReturnId 202608 -Force }
elseif (`$Mode -eq 'whatif') { Reset-DxpSubmission -ReturnId 202608 -Force -WhatIf }
if (-not `$?) { `$Error[0].FullyQualifiedErrorId; exit 1 }
"count " + @(Get-DxpSubmissionContent -ReturnId 202608 -Dataset CourseEnrolment).Count
"@
    $script:env = @{ PSModulePath = $env:PSModulePath }
}
AfterAll {
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Reset-DxpSubmission in an unattended pwsh' {
    It 'without -Force asks, cannot be answered, resets nothing and names the switch' {
        $up = Invoke-ChildPwsh -File $script -Arguments 'upload' -Environment $env
        $up.Output | Should -Match 'outcome Accepted'
        $up.Output | Should -Match 'count 1'
        $run = Invoke-ChildPwsh -File $script -Arguments 'reset' -Environment $env
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'DxpResetNotConfirmed,NzqaSync.Cmdlets.ResetDxpSubmissionCommand'
        ($run.Output + $run.Error) | Should -Match 'Add -Force'
        (Invoke-ChildPwsh -File $script -Arguments 'count' -Environment $env).Output | Should -Match 'count 1'
    }

    It '-WhatIf with -Force resets nothing' {
        $run = Invoke-ChildPwsh -File $script -Arguments 'whatif' -Environment $env
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'What if: .*DXP return 202608'
        $run.Output | Should -Match 'count 1'
    }

    It '-Force resets without asking' {
        $run = Invoke-ChildPwsh -File $script -Arguments 'force' -Environment $env
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -Match 'count 0'
    }
}
