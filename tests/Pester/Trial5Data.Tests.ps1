# Wrong-data defects a new-user trial (trial 5) found on the NZQA side, each as the user met it: the module imported
# by name, the sandbox's SMS export for Kōwhai High (257); Harbourside College (311) and Te Kura (498) are seeded too.
# Each test fails if its fix is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -NoConnect
    $script:sandbox, $script:work = $school.Sandbox, $school.Work
    $script:harbourside = [pscustomobject]@{
        Sandbox = $sandbox; Work = $work; Journal = $school.Journal; ProviderNumber = 311
        Credential = Get-TestCredential -Sandbox $sandbox -ProviderNumber 311
    }
}

AfterAll { Stop-TestSchool $school }

Describe 'D15: diffs compared for one school are never sent to another after Connect-Nzqa to it' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $script:kowhai = Connect-TestSchool $school -PassThru
        $script:diffs = @(Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null | Where-Object Status -in 'New', 'Different')
        $script:nsns = @($diffs.Nsn)
        # The same admin looks after a second school in the same session.
        $script:harbour = Connect-TestSchool $harbourside -PassThru
        function script:Harbour-Enrolments { @(Get-NzqaEnrolment -Connection $harbour | Where-Object Nsn -in $nsns | Sort-Object Nsn | ConvertTo-Json -Compress) }
        $script:before = Harbour-Enrolments
        $script:results = @($diffs | Sync-NzqaEnrolment -Confirm:$false -ErrorVariable script:syncErrors 2>$null 3>$null)
        $script:after = Harbour-Enrolments
    }

    It 'each diff says the school it was compared for' {
        $diffs.Count | Should -BeGreaterThan 1
        @($diffs | Where-Object ComparedProvider -ne 257).Count | Should -Be 0
        $diffs[0].ComparedBaseUri | Should -Be ([string]$kowhai.BaseUri)
    }

    It 'every one is refused with NzqaDiffFromOtherProvider (InvalidOperation, the diff as target), Skipped, and the pipeline carries on' {
        $results.Count | Should -Be $diffs.Count
        @($results | Where-Object Outcome -ne 'Skipped').Count | Should -Be 0
        $results[0].ErrorSummary | Should -Match 'compared for provider 257.*connected to provider 311'
        $mine = @($syncErrors | Where-Object { $_.FullyQualifiedErrorId -like 'NzqaDiffFromOtherProvider,*' })
        $mine.Count | Should -Be $diffs.Count
        $mine[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $mine[0].TargetObject | Should -Be $diffs[0]
    }

    It 'nothing was created or changed at provider 311' {
        $after | Should -Be $before
    }

    It 'the same diffs sync on the connection they were compared on' {
        $sent = @($diffs | Sync-NzqaEnrolment -Connection $kowhai -Confirm:$false 2>$null 3>$null)
        @($sent | Where-Object Outcome -eq 'Synced').Count | Should -BeGreaterThan 0
    }

    It 'an approval of school 257''s changes is refused on a connection to 311 (NzqaApprovalFromOtherProvider), nothing sent' {
        $learners = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') -Connection $kowhai 2>$null | Where-Object Status -in 'New', 'Different')
        $approval = Join-Path $work 'approval-257.json'
        $learners | New-NzqaApproval -Path $approval -SignedBy 'Mere Nominee' -Confirm:$false 3>$null | Out-Null
        (Get-Content $approval -Raw | ConvertFrom-Json).provider | Should -Be 257
        $err = $null
        try { $learners | Sync-NzqaLearner -Connection $harbour -ApprovalPath $approval -Confirm:$false 3>$null; throw 'not refused' }
        catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'NzqaApprovalFromOtherProvider,*'
        @(Get-NzqaSyncLog -Path $school.Journal -Kind Learner 2>$null).Count | Should -Be 0 -Because 'no learner was sent anywhere'
    }
}

Describe 'D18: a result NZQA holds from another provider is not replaced by the school''s sync' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        Connect-TestSchool $school
        # Te Kura's (498) results on Kōwhai High's entries, as NZQA holds them.
        $script:teKura = @(Get-NzqaStandard | Where-Object { $_.ResultProviderCode -eq 498 -and $_.Result } | Select-Object -First 2)
        function script:Row($r, [string] $Result, [string] $Provider) {
            [pscustomobject][ordered]@{
                'NSN' = $r.Nsn; 'Student ID' = $r.LocalStudentId; 'First Name' = $r.FirstName; 'Last Name' = $r.LastName; 'Standard' = $r.StandardNumber
                'Version' = $r.StandardVersion; 'Year' = $r.AcademicYear; 'Entry Method' = $r.EntryMethod; 'Result' = $Result; 'Result Provider' = $Provider; 'Withdrawn' = 'N'
            }
        }
        function script:Other([string] $code) { if ($code -eq 'N') { 'A' } else { 'N' } }
        $script:csv = Join-Path $work 'std-other.csv'
        # The trial's two rows: a stale result under Te Kura's own code, and one under the school's code (blank).
        @((Row $teKura[0] (Other $teKura[0].Result) '498'), (Row $teKura[1] (Other $teKura[1].Result) '')) |
            Export-Csv -Path $csv -NoTypeInformation -Encoding utf8BOM
        $script:diffs = @(Compare-NzqaStandard -Path $csv -ErrorVariable script:compareErrors 2>$null | Where-Object Status -ne 'NzqaOnly')
        $script:results = @($diffs | Sync-NzqaStandard -Confirm:$false 2>$null 3>$null)
        $script:after = @(Get-NzqaStandard | Where-Object { $k = "$($_.Nsn)/$($_.StandardNumber)/$($_.AcademicYear)"; $k -in @($diffs.Key) })
    }

    It 'both are Invalid at compare with NzqaOtherProviderResult naming provider 498' {
        $teKura.Count | Should -Be 2
        $diffs.Count | Should -Be 2
        @($diffs | Where-Object Status -ne 'Invalid').Count | Should -Be 0
        @($compareErrors | Where-Object { $_.FullyQualifiedErrorId -like 'NzqaOtherProviderResult,*' }).Count | Should -Be 2
        $diffs[0].DifferenceSummary | Should -Match 'provider 498'
    }

    It 'nothing is sent: NZQA still holds Te Kura''s results under 498' {
        @($results | Where-Object Outcome -eq 'Synced').Count | Should -Be 0
        foreach ($t in $teKura) {
            $now = @($after | Where-Object { $_.Nsn -eq $t.Nsn -and $_.StandardNumber -eq $t.StandardNumber })[0]
            $now.Result | Should -Be $t.Result
            $now.ResultProviderCode | Should -Be 498
        }
    }
}

Describe 'D20: an export with only an Ethnicity 1 column keeps NZQA''s second and third ethnicities' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        Connect-TestSchool $school
        $nzqa = @{}; foreach ($l in Get-NzqaLearner) { $nzqa[$l.Nsn] = $l }
        # Learners whose whole export row matches NZQA and who have two or three ethnicities there.
        $match = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') 2>$null |
            Where-Object { $_.Status -eq 'Match' -and @($nzqa[$_.Nsn].Ethnicities).Count -ge 2 } | Select-Object -First 4)
        $rows = @(Import-Csv (Join-Path $work 'learners.csv') | Where-Object NSN -in @($match.Nsn))
        $script:changed = $rows[0].NSN
        $script:kept = @($nzqa[$changed].Ethnicities | Select-Object -Skip 1)
        $script:newFirst = @('111', '211', '311' | Where-Object { $_ -notin @($nzqa[$changed].Ethnicities) })[0]
        $rows[0].'Ethnicity 1' = $newFirst
        $script:csv = Join-Path $work 'eth1only.csv'
        # The SMS extract: the columns up to Ethnicity 1, no Ethnicity 2 or 3.
        $rows | Select-Object 'NSN', 'Student ID', 'First Name', 'Middle Name', 'Last Name', 'Date of Birth', 'Gender', 'Ethnicity 1' |
            Export-Csv -Path $csv -NoTypeInformation -Encoding utf8BOM
        $script:diffs = @(Compare-NzqaLearner -Path $csv 2>$null | Where-Object Status -ne 'NzqaOnly')
        $script:results = @($diffs | Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
        $script:after = @(Get-NzqaLearner | Where-Object Nsn -in @($diffs.Nsn))
    }

    It 'learners whose first ethnicity is unchanged are Match; the changed one differs only in its first code' {
        $diffs.Count | Should -Be 4
        @($diffs | Where-Object { $_.Nsn -ne $changed -and $_.Status -ne 'Match' }).Count | Should -Be 0
        $d = @($diffs | Where-Object Nsn -eq $changed)[0]
        $d.Status | Should -Be 'Different'
        $d.DifferenceSummary | Should -BeLike "Ethnicities: $(@($newFirst) + $kept -join ';') (NZQA *"
    }

    It 'the sync sends the new first code with NZQA''s others; nobody loses an ethnicity' {
        @($results | Where-Object Outcome -eq 'Synced').Count | Should -Be 1
        foreach ($l in $after) {
            if ($l.Nsn -eq $changed) { ($l.Ethnicities -join ';') | Should -Be (@($newFirst) + $kept -join ';') }
            else { @($l.Ethnicities).Count | Should -BeGreaterOrEqual 2 }
        }
    }
}

Describe 'D13: a leaving reason without a leaving date is Invalid at compare; nothing is sent, run after run' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        Connect-TestSchool $school
        $active = @(Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null | Where-Object { $_.Status -eq 'Match' -and -not $_.Nzqa.LeavingDate })[0]
        $row = @(Import-Csv (Join-Path $work 'enrolments.csv') | Where-Object NSN -eq $active.Nsn)[0]
        $row.'Leaving Date' = ''
        $row.'Leaving Reason' = 'TRANSFER'
        $script:nsn = $active.Nsn
        $script:csv = Join-Path $work 'reason-only.csv'
        $row | Export-Csv -Path $csv -NoTypeInformation -Encoding utf8BOM
        function script:Run-Once {
            $d = @(Compare-NzqaEnrolment -Path $csv -ErrorVariable compareErrors 2>$null | Where-Object Nsn -eq $nsn)
            $r = @($d | Sync-NzqaEnrolment -Confirm:$false 2>$null 3>$null)
            [pscustomobject]@{ Diff = $d[0]; Errors = @($compareErrors); Results = $r }
        }
        $script:first = Run-Once
        $script:second = Run-Once
    }

    It 'is Invalid with NzqaMissingField on LeavingDate, saying a reason needs a date' {
        foreach ($run in $first, $second) {
            $run.Diff.Status | Should -Be 'Invalid'
            $run.Diff.DifferenceSummary | Should -Match 'needs a leaving date'
            @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'NzqaMissingField,*' }).Count | Should -Be 1
        }
    }

    It 'nothing is sent on either run, and NZQA still has the student enrolled with no reason' {
        @($first.Results + $second.Results | Where-Object Outcome -eq 'Synced').Count | Should -Be 0
        @(Get-NzqaSyncLog -Path $school.Journal -Key $nsn -Kind Enrolment 2>$null | Where-Object Detail -eq 'Unchanged').Count | Should -Be 0
        $now = @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn)[0]
        $now.LeavingReason | Should -BeNullOrEmpty
        $now.LeavingDate | Should -BeNullOrEmpty
    }
}
