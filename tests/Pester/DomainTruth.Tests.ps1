# Domain truth (issue 12, items 1-5) as a user meets it in real pwsh: the module imported by name, the sandbox's SMS
# export and tertiary files, the cmdlets at the prompt. Each block fails if its rule is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool
    $script:sandbox, $script:work, $script:journal, $script:cred = $school.Sandbox, $school.Work, $school.Journal, $school.Credential
    function Connect-School { Connect-TestSchool $school }
}

AfterAll { Stop-TestSchool $school }

Describe 'Item 2: an export with only NSN, Standard, Year and Result compares Match against what NZQA holds' {
    It 'every entry NZQA holds, written as four columns, is Match' {
        $held = @(Get-NzqaStandard)
        $held.Count | Should -BeGreaterThan 50
        $path = Join-Path $work 'minimal-standards.csv'
        $held | Select-Object @{ n = 'NSN'; e = { $_.Nsn } }, @{ n = 'Standard'; e = { $_.StandardNumber } }, @{ n = 'Year'; e = { $_.AcademicYear } }, @{ n = 'Result'; e = { $_.Result } } |
            Export-Csv -Path $path -NoTypeInformation
        $diff = @(Import-NzqaRecord -Path $path -Kind Standard | Compare-NzqaStandard)
        $diff.Count | Should -Be $held.Count
        @($diff | Where-Object Status -ne 'Match' | ForEach-Object { "$($_.Key) $($_.Status) $($_.DifferenceSummary)" }) | Should -BeNullOrEmpty
    }
}

Describe 'Item 3: an identity change is never sent without -AllowIdentityChange' {
    It 'a changed last name of a learner NZQA holds is flagged, Skipped without the switch and sent with it' {
        $learners = Import-Csv (Join-Path $work 'learners.csv')
        $before = @(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue)
        $nsn = @($before | Where-Object Status -eq 'Match')[0].Nsn
        $nsn | Should -Not -BeNullOrEmpty
        $row = $learners | Where-Object { $_.NSN -eq $nsn }
        $nzqaName = $row.'Last Name'
        $row.'Last Name' = $nzqaName + '-Smith'
        $path = Join-Path $work 'learners-renamed.csv'
        $learners | Export-Csv -Path $path -NoTypeInformation

        $diff = @(Import-NzqaRecord -Path $path -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue | Where-Object Nsn -eq $nsn)
        $diff.Count | Should -Be 1
        $diff[0].Status | Should -Be 'Different'
        $diff[0].IdentityChange | Should -BeTrue

        $refused = @($diff | Sync-NzqaLearner -Confirm:$false -WarningAction SilentlyContinue)
        $refused[0].Outcome | Should -Be 'Skipped'
        ($refused[0].Errors -join ' ') | Should -Match 'AllowIdentityChange'
        (Get-NzqaLearner | Where-Object Nsn -eq $nsn).LastName | Should -Be $nzqaName

        $diff = @(Import-NzqaRecord -Path $path -Kind Learner -ErrorAction SilentlyContinue | Compare-NzqaLearner -ErrorAction SilentlyContinue | Where-Object Nsn -eq $nsn)
        $sent = @($diff | Sync-NzqaLearner -AllowIdentityChange -Confirm:$false)
        $sent[0].Outcome | Should -Be 'Synced'
        (Get-NzqaLearner | Where-Object Nsn -eq $nsn).LastName | Should -Be ($nzqaName + '-Smith')
    }
}

Describe 'Item 3: a learner NZQA refused with NSN_CONFLICT is held on the next run, and its enrolment is Skipped' {
    BeforeAll {
        function Invoke-Night {
            $ErrorActionPreference = 'Continue'
            $l = @(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner 2>$null | Compare-NzqaLearner 2>$null |
                Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
            $e = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null | Compare-NzqaEnrolment 2>$null |
                Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaEnrolment -Confirm:$false 2>$null 3>$null)
            [pscustomobject]@{ Learners = $l; Enrolments = $e }
        }
        $script:night1 = Invoke-Night
        Disconnect-Nzqa
        Connect-School
        $script:night2 = Invoke-Night
        $script:conflict = @($night1.Learners | Where-Object { ($_.Errors -join ' ') -match 'NSN_CONFLICT' })
    }

    It 'night 1: NZQA refuses the learner and its new enrolment is held back the same run' {
        $conflict.Count | Should -Be 1
        $conflict[0].Outcome | Should -Be 'Failed'
        $enrolment = @($night1.Enrolments | Where-Object Nsn -eq $conflict[0].Nsn)
        $enrolment.Count | Should -Be 1
        $enrolment[0].Outcome | Should -Be 'Skipped'
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $conflict[0].Nsn).Count | Should -Be 0
    }

    It 'night 2 (a new connection): the learner is held with NZQA''s words and the run that was refused; its enrolment ends Skipped' {
        $held = @($night2.Learners | Where-Object Nsn -eq $conflict[0].Nsn)
        $held.Count | Should -Be 1
        $held[0].Outcome | Should -Be 'Skipped'
        ($held[0].Errors -join ' ') | Should -Match 'NSN_CONFLICT'
        ($held[0].Errors -join ' ') | Should -Match ([regex]::Escape([string]$conflict[0].RunId))
        $enrolment = @($night2.Enrolments | Where-Object Nsn -eq $conflict[0].Nsn)
        $enrolment[0].Outcome | Should -Be 'Skipped'
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $conflict[0].Nsn).Count | Should -Be 0
    }
}

Describe 'Item 4: a leaver''s entries without a result are withdrawn, an entry with a result is not' {
    It 'Sync-NzqaStandard withdraws exactly the result-less entries of students the SMS has as left' {
        $ErrorActionPreference = 'Continue'
        $enrolments = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null)
        $diff = @(Import-NzqaRecord -Path (Join-Path $work 'standards.csv') -Kind Standard 2>$null | Compare-NzqaStandard -LocalEnrolment $enrolments 2>$null)
        $leaverEntries = @($diff | Where-Object Status -eq 'Leaver')
        $withResult = @($leaverEntries | Where-Object NzqaResult)
        $withoutResult = @($leaverEntries | Where-Object { -not $_.NzqaResult -and -not $_.LocalResult })
        $withResult.Count | Should -BeGreaterThan 0
        $withoutResult.Count | Should -BeGreaterThan 0

        $results = @($leaverEntries | Sync-NzqaStandard -Confirm:$false 2>$null 3>$null)
        @($results | Where-Object Action -eq 'Withdraw').Count | Should -Be $withoutResult.Count

        $now = @(Get-NzqaStandard)
        foreach ($d in $withoutResult) {
            ($now | Where-Object { $_.Nsn -eq $d.Nsn -and $_.StandardNumber -eq $d.StandardNumber }).Status | Should -Be 'Withdrawn' -Because "$($d.Key) had no result"
        }
        foreach ($d in $withResult) {
            $entry = $now | Where-Object { $_.Nsn -eq $d.Nsn -and $_.StandardNumber -eq $d.StandardNumber }
            $entry.Status | Should -Be 'Entered' -Because "$($d.Key) has result $($d.NzqaResult)"
            $entry.Result | Should -Be $d.NzqaResult
        }
        # Never the NCEA enrolment: the leavers' enrolments are still there.
        $leavers = @($leaverEntries.Nsn | Sort-Object -Unique)
        @(Get-NzqaEnrolment | Where-Object Nsn -in $leavers).Count | Should -Be $leavers.Count
    }
}

Describe 'Item 1: DXP dates read back on the calendar day the provider gave, both sides of a daylight-saving change' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential (Get-TestCredential $sandbox -ProviderNumber 7001) -JournalPath $journal
        $script:returnId = '202608'   # a 2026 return: course starts in 2026 or 2025 belong to it
        $sdr = Join-Path $work 'sdr'
        $null = Save-TertiaryExportFiles -Folder $sdr
        function New-Enrolment([string] $id, [datetime] $start, [datetime] $end, [decimal[]] $efts) {
            $r = Import-NzqaRecord -Path (Join-Path $sdr 'course-enrolments.csv') -Kind CourseEnrolment 2>$null | Select-Object -First 1
            $r.LocalId = $id
            $r.CourseCode = $id.ToUpperInvariant() -replace '-', ''
            $r.CourseStartDate = $start
            $r.CourseEndDate = $end
            $r.StudentsCourseWithdrawalDate = $null
            $r.CourseEftsFactor = 0.1200
            # One value a calendar month as the provider counts them: shifted a day earlier at TEC, the 1st would add a month.
            $r.EftsByMonth = $efts
            $r
        }
        # 1 February is New Zealand daylight time (UTC+13); 6 April is the day after it ends (UTC+12); 27 September it starts again.
        $script:enrolments = @(
            New-Enrolment 'dst-feb' ([datetime]'2026-02-01') ([datetime]'2026-04-05') @(0.04, 0.04, 0.04)
            New-Enrolment 'dst-apr' ([datetime]'2026-04-06') ([datetime]'2026-09-27') @(0.02, 0.02, 0.02, 0.02, 0.02, 0.02)
        )
        $qc = Import-NzqaRecord -Path (Join-Path $sdr 'qualification-completions.csv') -Kind QualificationCompletion 2>$null | Select-Object -First 1
        $qc.LocalId = 'dst-jan1'
        $qc.QualificationCompletionDate = [datetime]'2026-01-01'
        $qc.YearRequirementsMet = 2026
        $qc.IrdNumber = $null
        $script:completion = $qc
        $script:sent = @($enrolments | Send-DxpCourseEnrolment -ReturnId $returnId 2>$null) + @($qc | Send-DxpQualificationCompletion -ReturnId $returnId 2>$null)
    }

    It 'TEC accepts the enrolments: their eftsByMonth lines up with the months of the stored dates' {
        @($sent | ForEach-Object { "$($_.LocalId) $($_.Outcome) $($_.Errors -join ' ')" }) | Should -Be @('dst-feb Accepted ', 'dst-apr Accepted ', 'dst-jan1 Accepted ')
    }

    It 'every date reads back as the calendar date given' {
        $held = @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset CourseEnrolment | Where-Object LocalId -like 'dst-*' | Sort-Object LocalId)
        @($held | ForEach-Object { '{0} {1:yyyy-MM-dd} {2:yyyy-MM-dd}' -f $_.LocalId, $_.CourseStartDate, $_.CourseEndDate }) |
            Should -Be @('dst-apr 2026-04-06 2026-09-27', 'dst-feb 2026-02-01 2026-04-05')
        $done = @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset QualificationCompletion | Where-Object LocalId -eq 'dst-jan1')
        '{0:yyyy-MM-dd}' -f $done[0].QualificationCompletionDate | Should -Be '2026-01-01'
    }

    It 'TEC''s validation run sees a 1 January completion in its year (no Year Requirements Met warning for it)' {
        $null = Start-DxpValidation -ReturnId $returnId
        $null = Get-DxpValidation -ReturnId $returnId -Wait -TimeoutSeconds 120
        @(Get-DxpValidationResult -ReturnId $returnId | Where-Object LocalId -like 'dst-*' | ForEach-Object { "$($_.LocalId) $($_.ErrorCode)" }) | Should -BeNullOrEmpty
    }
}
