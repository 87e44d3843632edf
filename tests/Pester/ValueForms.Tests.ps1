# How the school's own values are read (trial 5 D9, D10, D19, D22), as an admin meets them: the module imported by
# name, the sandbox's SMS export for Kōwhai High (257) re-saved the ways other tools write it, compared with -Path.
# Each It fails if its fix is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool
    $script:work = $school.Work
    $ErrorActionPreference = 'Continue'
    # The rows that already match NZQA: any change to how their values are read shows as Different.
    $script:enrolments = @(Import-Csv (Join-Path $work 'enrolments.csv'))
    $script:matching = @(Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null | Where-Object Status -eq 'Match' | ForEach-Object Nsn)
    $script:learners = @(Import-Csv (Join-Path $work 'learners.csv'))
    $script:matchingLearners = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') 2>$null | Where-Object Status -eq 'Match' | ForEach-Object Nsn)

    function script:Save-Enrolments([string] $Name, [scriptblock] $Date) {
        $rows = $enrolments | Where-Object NSN -in $matching | ForEach-Object {
            $row = $_.PSObject.Copy()
            $row.'Enrolment Date' = & $Date ([datetime]::ParseExact($_.'Enrolment Date', 'yyyy-MM-dd', [cultureinfo]::InvariantCulture))
            $row
        }
        $path = Join-Path $work $Name
        $rows | Export-Csv -Path $path -NoTypeInformation -Encoding utf8
        $path
    }
}

AfterAll { Stop-TestSchool $school }

Describe 'D9: a midnight date-time with an offset is the date written, whatever offset the SMS stamped on it' {
    It 'every enrolment date exported as yyyy-MM-ddT00:00:00+13:00 (New Zealand winter dates included) still matches NZQA' {
        $path = Save-Enrolments 'enrolments-offset.csv' { param($d) $d.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) + 'T00:00:00+13:00' }
        # The case that shifted: dates in New Zealand standard time (+12:00), where +13:00 midnight is 11 pm the day before.
        $winter = @($enrolments | Where-Object { $_.NSN -in $matching -and ([datetime]$_.'Enrolment Date').Month -in 4..9 })
        $winter.Count | Should -BeGreaterThan 0
        $diffs = @(Compare-NzqaEnrolment -Path $path -ErrorVariable errs 2>$null | Where-Object Nsn -in $matching)
        $errs.Count | Should -Be 0
        $diffs.Count | Should -Be $matching.Count
        @($diffs | Where-Object Status -ne 'Match' | ForEach-Object { "$($_.Nsn) $($_.DifferenceSummary)" }) | Should -BeNullOrEmpty
    }
}

Describe 'D10: Excel''s New Zealand date-time cells are dates, and a date that cannot be read names the forms that can' {
    It 'd/MM/yyyy 0:00 and d/MM/yyyy 00:00:00 compare Match, not refused and not NzqaOnly' {
        foreach ($format in 'd/MM/yyyy H:mm', 'dd/MM/yyyy HH:mm:ss') {
            $path = Save-Enrolments 'enrolments-excel.csv' { param($d) $d.ToString($format, [cultureinfo]::InvariantCulture) }
            (Import-Csv $path)[0].'Enrolment Date' | Should -Match ' 0?0:00'
            $diffs = @(Compare-NzqaEnrolment -Path $path -ErrorVariable errs 2>$null | Where-Object Nsn -in $matching)
            $errs.Count | Should -Be 0
            @($diffs | Where-Object Status -eq 'Match').Count | Should -Be $matching.Count
        }
    }

    It 'an unreadable date lists the accepted forms, not just yyyy-MM-dd' {
        $path = Save-Enrolments 'enrolments-bad.csv' { param($d) '11 Feb 2009' }
        $null = Compare-NzqaEnrolment -Path $path -ErrorVariable errs 2>$null
        $errs.Count | Should -BeGreaterThan 0
        "$($errs[0])" | Should -Match "EnrolmentDate '11 Feb 2009' is not a date\. Write yyyy-MM-dd \(2026-02-23\) or d/MM/yyyy \(23/02/2026\)"
        "$($errs[0])" | Should -Match '23/02/2026 0:00'
    }
}

Describe 'D19: names with decomposed macrons (as a Mac writes them) are the same names' {
    It 'a learners.csv saved in NFD compares Match, and nothing would be sent' {
        $macron = @($learners | Where-Object { $_.NSN -in $matchingLearners -and ($_.'First Name' + $_.'Last Name') -match '[āēīōūĀĒĪŌŪ]' })
        $macron.Count | Should -BeGreaterThan 0
        $path = Join-Path $work 'learners-nfd.csv'
        $text = ($macron | ConvertTo-Csv -NoTypeInformation) -join "`n"
        [IO.File]::WriteAllText($path, $text.Normalize([Text.NormalizationForm]::FormD), [Text.UTF8Encoding]::new($true))
        [IO.File]::ReadAllText($path).IsNormalized([Text.NormalizationForm]::FormC) | Should -BeFalse
        $diffs = @(Compare-NzqaLearner -Path $path -AllowEmpty -ErrorVariable errs 2>$null | Where-Object Nsn -in $macron.NSN)
        $errs.Count | Should -Be 0
        $diffs.Count | Should -Be $macron.Count
        @($diffs | Where-Object Status -ne 'Match' | ForEach-Object { "$($_.Nsn) $($_.DifferenceSummary)" }) | Should -BeNullOrEmpty
        $diffs[0].Local.LastName.IsNormalized([Text.NormalizationForm]::FormC) | Should -BeTrue
    }
}

Describe 'D22: gender X is not guessed' {
    It 'a learner with gender X is Invalid (NzqaInvalidGender) with the choice to make, and nothing is sent for them' {
        $row = ($learners | Where-Object NSN -in $matchingLearners | Select-Object -First 1).PSObject.Copy()
        $held = (Get-NzqaLearner | Where-Object Nsn -eq $row.NSN).Gender
        $row.Gender = 'X'
        $diff = @($row | Compare-NzqaLearner -AllowEmpty -ErrorVariable errs 2>$null | Where-Object Nsn -eq $row.NSN)
        $diff.Count | Should -Be 1
        $diff[0].Status | Should -Be 'Invalid'
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'NzqaInvalidGender,*' }).Count | Should -Be 1
        "$($errs[0])" | Should -Match 'record D \(another gender\) or U \(unknown\)'
        $result = @($diff | Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
        @($result | Where-Object Outcome -eq 'Synced').Count | Should -Be 0
        (Get-NzqaLearner | Where-Object Nsn -eq $row.NSN).Gender | Should -Be $held
    }
}
