# A row the SMS export has but whose cell cannot be read (31 June, 30 February) is the school's record with a mistake
# in it, not a record the school no longer has: it is Invalid under its key in every input mode (-Path,
# Import-NzqaRecord, Import-Csv), with one error naming its line — never NzqaOnly, never DxpOnly, never deleted.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 40
    $script:work = $school.Work
    $PSStyle.OutputRendering = 'PlainText'
}
AfterAll { Stop-TestSchool $school }

Describe 'NZQA: a learner row with a date that is not a date' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $rows = @(Import-Csv (Join-Path $work 'learners.csv'))
        # A learner NZQA already holds (Match in a clean compare), given an impossible date of birth.
        $clean = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') 2>$null)
        $script:nsn = ($clean | Where-Object Status -eq 'Match' | Select-Object -First 1).Nsn
        $row = $rows | Where-Object NSN -eq $nsn
        $row.'Date of Birth' = '31/06/2009'
        $script:csv = Join-Path $work 'learners-bad.csv'
        $rows | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        $script:line = [array]::IndexOf($rows, $row) + 2
        $script:byPath = @(Compare-NzqaLearner -Path $csv -ErrorVariable script:pathErrors 2>$null)
        $script:byImport = @(Import-NzqaRecord -Path $csv -Kind Learner -ErrorVariable script:importErrors 2>$null | Compare-NzqaLearner -ErrorVariable script:compareErrors 2>$null)
        $script:byObject = @(Import-Csv $csv | Compare-NzqaLearner 2>$null)
    }

    It 'is Invalid, not NzqaOnly, in every input mode' {
        foreach ($diffs in $byPath, $byImport, $byObject) {
            $mine = @($diffs | Where-Object Nsn -eq $nsn)
            $mine.Count | Should -Be 1
            $mine[0].Status | Should -Be 'Invalid'
            $mine[0].DifferenceSummary | Should -Match "DateOfBirth '31/06/2009'"
        }
    }

    It 'has one error naming the file line, not a second one from the compare' {
        @($pathErrors | Where-Object { $_.Exception.Message -match '31/06/2009' }).Count | Should -Be 1
        ($pathErrors | Where-Object { $_.Exception.Message -match '31/06/2009' }).Exception.Message | Should -Match "line $line"
        @($importErrors | Where-Object { $_.Exception.Message -match '31/06/2009' }).Count | Should -Be 1
        @($compareErrors | Where-Object { $_.Exception.Message -match '31/06/2009' }).Count | Should -Be 0
    }

    It 'Import-NzqaRecord still writes the record out, the unreadable date empty' {
        $record = @(Import-NzqaRecord -Path $csv -Kind Learner 2>$null | Where-Object Nsn -eq $nsn)
        $record.Count | Should -Be 1
        $record[0].DateOfBirth | Should -BeNullOrEmpty
        $record[0].SourceLine | Should -Be $line
    }
}

Describe 'NZQA: a new learner whose row is Invalid holds back its new enrolment in the same session' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $script:newNsn = '2999991'
        $learners = @(Import-Csv (Join-Path $work 'learners.csv'))
        $template = $learners[0]
        $new = $template.PSObject.Copy(); $new.NSN = $newNsn; $new.'Student ID' = 'NEW9991'; $new.'Date of Birth' = '30/02/2011'
        $script:learnersCsv = Join-Path $work 'learners-new.csv'
        @($learners) + $new | Export-Csv $learnersCsv -NoTypeInformation -Encoding utf8BOM
        $enrolments = @(Import-Csv (Join-Path $work 'enrolments.csv'))
        $enrol = $enrolments[0].PSObject.Copy(); $enrol.NSN = $newNsn; $enrol.'Student ID' = 'NEW9991'
        if ($enrol.PSObject.Properties['Leaving Date']) { $enrol.'Leaving Date' = ''; $enrol.'Leaving Reason' = '' }
        $script:enrolmentsCsv = Join-Path $work 'enrolments-new.csv'
        @($enrolments) + $enrol | Export-Csv $enrolmentsCsv -NoTypeInformation -Encoding utf8BOM
        Connect-TestSchool $school
        $script:learnerDiff = @(Compare-NzqaLearner -Path $learnersCsv 2>$null | Where-Object Nsn -eq $newNsn)
        $script:sent = @(Compare-NzqaEnrolment -Path $enrolmentsCsv 2>$null | Where-Object Nsn -eq $newNsn | Sync-NzqaEnrolment -Confirm:$false 2>$null 3>$null)
    }

    It 'the learner is Invalid and NZQA does not hold it' {
        $learnerDiff.Count | Should -Be 1
        $learnerDiff[0].Status | Should -Be 'Invalid'
        $learnerDiff[0].Nzqa | Should -BeNullOrEmpty
    }

    It 'its new enrolment is Skipped, held back naming why, and not sent (no refusal from NZQA)' {
        $sent.Count | Should -Be 1
        $sent[0].Outcome | Should -Be 'Skipped'
        ($sent[0].Errors -join ' ') | Should -Match 'Held back'
        ($sent[0].Errors -join ' ') | Should -Match 'Invalid: DateOfBirth'
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $newNsn).Count | Should -Be 0
    }
}

Describe 'DXP: a learner row with a date that is not a date is not deleted from the return' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $script:returnId = '202608'
        Connect-TestDxp $school
        $script:dxpCsv = Join-Path $work 'sdr-learners.csv'
        $learners = @(
            for ($i = 1; $i -le 3; $i++) {
                [pscustomobject]@{
                    'Student ID' = 'UR{0:d4}' -f $i; NSN = 2160000 + $i; Surname = @('Lee', 'Ngata', 'Smith')[$i - 1]; 'First Name' = @('Anna', 'Hemi', 'Jo')[$i - 1]
                    Gender = 'F'; 'Date of Birth' = '{0:d2}/04/2003' -f $i; 'Total Fee' = '7250.00'
                }
            })
        $learners | Export-Csv $dxpCsv -NoTypeInformation -Encoding utf8BOM
        $script:uploaded = @(Import-NzqaRecord -Path $dxpCsv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner |
            Where-Object Status -eq 'New' | Sync-DxpRecord -Confirm:$false)
        # UR0002's date of birth mistyped (30 days hath June): the SMS still has the learner.
        $learners[1].'Date of Birth' = '31/06/2003'
        $learners | Export-Csv $dxpCsv -NoTypeInformation -Encoding utf8BOM
        $script:diffs = @(Import-NzqaRecord -Path $dxpCsv -Kind DxpLearner -ErrorVariable script:importErrors 2>$null |
            Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable script:compareErrors 2>$null)
        $script:synced = @($diffs | Where-Object Status -ne 'Match' | Sync-DxpRecord -Confirm:$false 2>$null)
        $script:held = @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner)
    }

    It 'starts from three learners uploaded' {
        @($uploaded | Where-Object Outcome -eq 'Synced').Count | Should -Be 3
    }

    It 'is Invalid, not DxpOnly; one error, from the import, naming the line' {
        $mine = @($diffs | Where-Object { $_.StudentIdentificationCode -eq 'UR0002' -or $_.LocalId -match 'UR0002' })
        $mine.Count | Should -Be 1
        $mine[0].Status | Should -Be 'Invalid'
        @($diffs | Where-Object Status -eq 'DxpOnly').Count | Should -Be 0
        @($importErrors | Where-Object { $_.Exception.Message -match '31/06/2003' }).Count | Should -Be 1
        ($importErrors | Where-Object { $_.Exception.Message -match '31/06/2003' }).Exception.Message | Should -Match 'line 3'
        @($compareErrors | Where-Object { $_.Exception.Message -match '31/06/2003' }).Count | Should -Be 0
    }

    It 'a sync deletes nothing: DXP still holds all three learners' {
        @($synced | Where-Object Action -eq 'Delete').Count | Should -Be 0
        @($held | Where-Object { $_.StudentIdentificationCode -like 'UR000*' }).Count | Should -Be 3
    }
}

Describe 'A file that lost rows (a quote never closed swallows the rest of it)' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        $script:returnId2 = '202608'
        Connect-TestDxp $school
        $script:quoteCsv = Join-Path $work 'sdr-quote.csv'
        $script:quoteLearners = @(for ($i = 1; $i -le 4; $i++) {
                [pscustomobject]@{ 'Student ID' = 'QT{0:d4}' -f $i; NSN = 2200000 + $i; Surname = 'Lee'; 'First Name' = 'Anna'; Gender = 'F'; 'Date of Birth' = '0{0}/04/2003' -f $i; 'Total Fee' = '7250.00' }
            })
        $quoteLearners | Export-Csv $quoteCsv -NoTypeInformation -Encoding utf8BOM
        $script:uploadedQuote = @(Import-NzqaRecord -Path $quoteCsv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId2 -Dataset Learner | Where-Object Status -eq 'New' | Sync-DxpRecord -Confirm:$false)
        # QT0002's surname gains a quote that is never closed: QT0002..QT0004 are lost to the reader.
        $text = [IO.File]::ReadAllText($quoteCsv) -replace '"QT0002","2200002","Lee"', '"QT0002","2200002","Lee'
        [IO.File]::WriteAllText($quoteCsv, $text)
        $script:quoteDiffs = @(Import-NzqaRecord -Path $quoteCsv -Kind DxpLearner -ErrorVariable script:quoteErrors 2>$null |
            Compare-DxpRecord -ReturnId $returnId2 -Dataset Learner -WarningVariable script:quoteWarnings 3>$null)
        $script:quoteSynced = @($quoteDiffs | Where-Object Status -ne 'Match' | Sync-DxpRecord -Confirm:$false 2>$null)
    }

    It 'starts from four learners uploaded, and the import says the file lost rows' {
        @($uploadedQuote | Where-Object Outcome -eq 'Synced').Count | Should -Be 4
        @($quoteErrors).Count | Should -BeGreaterThan 0
    }

    It 'DXP: nothing is DxpOnly, a warning says why, and a sync deletes nothing' {
        @($quoteDiffs | Where-Object Status -eq 'DxpOnly').Count | Should -Be 0
        ($quoteWarnings -join ' ') | Should -Match 'none is marked DxpOnly'
        @($quoteSynced | Where-Object Action -eq 'Delete').Count | Should -Be 0
        @(Get-DxpSubmissionContent -ReturnId $returnId2 -Dataset Learner | Where-Object StudentIdentificationCode -like 'QT000*').Count | Should -Be 4
    }

    It 'NZQA -Path: nothing is NzqaOnly when the learners file lost rows' {
        $lines = [IO.File]::ReadAllLines((Join-Path $work 'learners.csv'))
        $cut = Join-Path $work 'learners-quote.csv'
        $comma = $lines[3].IndexOf(',')
        $broken = $lines[3].Substring(0, $comma + 1) + '"' + $lines[3].Substring($comma + 1)   # a quote opening the second cell, never closed
        [IO.File]::WriteAllLines($cut, @($lines[0..2]) + $broken + @($lines[4..($lines.Count - 1)]))
        Connect-TestSchool $school
        $diffs = @(Compare-NzqaLearner -Path $cut -WarningVariable nzqaWarnings 2>$null 3>$null)
        @($diffs | Where-Object Status -eq 'NzqaOnly').Count | Should -Be 0
        ($nzqaWarnings -join ' ') | Should -Match 'none is marked NzqaOnly'
    }
}
