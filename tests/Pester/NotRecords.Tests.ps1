# Objects that are not records of the kind compared (another file's rows, files from Get-ChildItem, strings) are left
# out with one error per type: they are not local data, so a compare of nothing else stops (NoLocalRecords) instead of
# making every record the service holds NzqaOnly or DxpOnly — which Sync-DxpRecord would delete from the return.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 30
    $script:work = $school.Work
    $PSStyle.OutputRendering = 'PlainText'
}
AfterAll { Stop-TestSchool $school }

Describe 'DXP: the wrong file piped into Compare-DxpRecord -Dataset Learner' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $script:returnId = '202608'
        Connect-TestDxp $school
        $script:learnersCsv = Join-Path $work 'sdr-learners.csv'
        @(for ($i = 1; $i -le 3; $i++) {
                [pscustomobject]@{ 'Student ID' = 'NR{0:d4}' -f $i; NSN = 2170000 + $i; Surname = 'Lee'; 'First Name' = 'Anna'; Gender = 'F'; 'Date of Birth' = '0{0}/04/2003' -f $i; 'Total Fee' = '7250.00' }
            }) | Export-Csv $learnersCsv -NoTypeInformation -Encoding utf8BOM
        $script:uploaded = @(Import-NzqaRecord -Path $learnersCsv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner | Sync-DxpRecord -Confirm:$false)
        $script:coursesCsv = Join-Path $work 'sdr-courses.csv'
        @([pscustomobject]@{ 'Course Code' = 'MGMT101'; 'Course Title' = 'Management'; 'Qualification Code' = 'BBS701' },
          [pscustomobject]@{ 'Course Code' = 'ECON101'; 'Course Title' = 'Economics'; 'Qualification Code' = 'BBS701' }) | Export-Csv $coursesCsv -NoTypeInformation -Encoding utf8BOM
        $script:fromCourses = @(Import-Csv $coursesCsv | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable script:courseErrors -WarningVariable script:courseWarnings 2>$null 3>$null)
        $script:fromFiles = @(Get-ChildItem $work -Filter *.csv | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable script:fileErrors 2>$null 3>$null)
        $script:synced = @($fromCourses + $fromFiles | Sync-DxpRecord -Confirm:$false 2>$null)
        $script:held = @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner)
    }

    It 'starts from three learners uploaded' {
        @($uploaded | Where-Object Outcome -eq 'Synced').Count | Should -Be 3
    }

    It 'course rows are not learners: no diff at all, one error for them, then "nothing came in"' {
        $fromCourses.Count | Should -Be 0
        @($courseErrors | Where-Object FullyQualifiedErrorId -like 'NzqaNoKnownProperties*').Count | Should -Be 1
        @($courseErrors | Where-Object FullyQualifiedErrorId -like 'DxpCompareNoLocalRecords*').Count | Should -Be 1
        ($courseWarnings -join ' ') | Should -Match '2 objects that are not Learner records'
    }

    It 'files from Get-ChildItem: the error says to read them with Import-NzqaRecord; nothing is DxpOnly' {
        $fromFiles.Count | Should -Be 0
        $noFields = @($fileErrors | Where-Object FullyQualifiedErrorId -like 'NzqaNoKnownProperties*')
        $noFields.Count | Should -Be 1
        $noFields[0].ErrorDetails.RecommendedAction | Should -Match 'Import-NzqaRecord -Path .* -Kind DxpLearner'
    }

    It 'nothing is deleted: DXP still holds the three learners' {
        $synced.Count | Should -Be 0
        @($held | Where-Object { $_.StudentIdentificationCode -like 'NR000*' }).Count | Should -Be 3
    }
}

Describe 'NZQA: strings piped into Compare-NzqaLearner' {
    It 'are not learners: no NzqaOnly for every learner NZQA holds, one error and "nothing came in"' {
        $ErrorActionPreference = 'Continue'
        $diffs = @('hello', 'world' | Compare-NzqaLearner -ErrorVariable errors 2>$null 3>$null)
        $diffs.Count | Should -Be 0
        @($errors | Where-Object FullyQualifiedErrorId -like 'NzqaNoKnownProperties*').Count | Should -Be 1
        @($errors | Where-Object FullyQualifiedErrorId -like 'NzqaCompareNoLocalRecords*').Count | Should -Be 1
    }

    It 'mixed with good records, the good ones are compared and the strings left out' {
        $ErrorActionPreference = 'Continue'
        $records = @(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner 2>$null)
        $diffs = @(@('hello') + $records | Compare-NzqaLearner -ErrorVariable errors 2>$null 3>$null)
        @($diffs | Where-Object { $_.Local -ne $null }).Count | Should -Be $records.Count
        @($errors | Where-Object FullyQualifiedErrorId -like 'NzqaNoKnownProperties*').Count | Should -Be 1
    }
}
