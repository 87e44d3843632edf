# Compare-Nzqa* -Path reads the SMS export itself: it must give exactly what Import-NzqaRecord | Compare-Nzqa* gives —
# the same diffs in the same order, and the same errors (ids, messages, line numbers) for the same bad rows.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool
    $script:sandbox, $script:work = $school.Sandbox, $school.Work

    # Rows no export should have, on top of the seed's own bad records: a row with an extra cell, a value that cannot
    # be read (a year that is not a number), a quote that never closes on the last line.
    $std = Get-Content (Join-Path $work 'standards.csv')
    $bad = @($std[0..5]) + @(
        ($std[6] + ',surplus'),
        ($std[7] -replace ',2026,', ',twenty26,'),
        $std[8..($std.Count - 1)]
    )
    Set-Content -Path (Join-Path $work 'standards-bad.csv') -Value $bad -Encoding utf8

    function script:Shape($diffs) {
        @($diffs | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Status, $_.Key, $_.DifferenceSummary, (@($_.Problems | ForEach-Object ErrorId) -join ',') })
    }
    function script:Errors($errors) {
        # The id without its ",<command>" suffix (that names which cmdlet wrote it, which is the point of -Path).
        @($errors | ForEach-Object { '{0}|{1}' -f ($_.FullyQualifiedErrorId -split ',')[0], $_.Exception.Message })
    }
}
AfterAll { Stop-TestSchool $school }

Describe 'Compare-Nzqa* -Path' {
    It 'Compare-<Cmdlet> -Path <File> gives the diffs and errors of Import-NzqaRecord | Compare-<Cmdlet>' -ForEach @(
        @{ Cmdlet = 'NzqaEnrolment'; Kind = 'Enrolment'; File = 'enrolments.csv' }
        @{ Cmdlet = 'NzqaLearner'; Kind = 'Learner'; File = 'learners.csv' }
        @{ Cmdlet = 'NzqaStandard'; Kind = 'Standard'; File = 'standards.csv' }
        @{ Cmdlet = 'NzqaStandard'; Kind = 'Standard'; File = 'standards-bad.csv' }
    ) {
        $ErrorActionPreference = 'Continue'
        $file = Join-Path $work $File
        $piped = Import-NzqaRecord -Path $file -Kind $Kind -ErrorVariable importErrors -ErrorAction SilentlyContinue |
            & "Compare-$Cmdlet" -ErrorVariable compareErrors -ErrorAction SilentlyContinue
        $direct = & "Compare-$Cmdlet" -Path $file -ErrorVariable directErrors -ErrorAction SilentlyContinue

        $direct.Count | Should -BeGreaterThan 50
        Shape $direct | Should -Be (Shape $piped)
        Errors $directErrors | Should -Be (@(Errors $importErrors) + @(Errors $compareErrors))
        @($directErrors).Count | Should -BeGreaterThan 0        # the seed's export has bad records in every area
    }

    It 'names the file and line of a row it cannot read' {
        $ErrorActionPreference = 'Continue'
        $null = Compare-NzqaStandard -Path (Join-Path $work 'standards-bad.csv') -ErrorVariable e -ErrorAction SilentlyContinue
        $messages = @($e | ForEach-Object { $_.Exception.Message })
        $messages | Should -Contain ($messages | Where-Object { $_ -like 'standards-bad.csv line 7:*' } | Select-Object -First 1)
        $messages | Where-Object { $_ -like 'standards-bad.csv line 8:*' } | Should -Not -BeNullOrEmpty
    }

    It 'reads renamed columns with -ColumnMap as Import-NzqaRecord does' {
        $ErrorActionPreference = 'Continue'
        $csv = Get-Content (Join-Path $work 'enrolments.csv')
        $header = $csv[0] -split ','
        $nsnColumn = $header | Where-Object { $_ -match 'NSN' } | Select-Object -First 1
        $renamed = @(($csv[0] -replace [regex]::Escape($nsnColumn), 'Student Number')) + $csv[1..($csv.Count - 1)]
        $file = Join-Path $work 'renamed.csv'
        Set-Content -Path $file -Value $renamed -Encoding utf8
        $map = @{ Nsn = 'Student Number' }
        $piped = Import-NzqaRecord -Path $file -Kind Enrolment -ColumnMap $map -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue
        $direct = Compare-NzqaEnrolment -Path $file -ColumnMap $map -ErrorAction SilentlyContinue
        Shape $direct | Should -Be (Shape $piped)
        @($direct | Where-Object Status -eq 'Match').Count | Should -BeGreaterThan 10
    }

    It 'reports a missing file as NzqaFileNotFound, as Import-NzqaRecord does' {
        $ErrorActionPreference = 'Continue'
        $null = Compare-NzqaEnrolment -Path (Join-Path $work 'nope.csv') -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -BeLike 'NzqaFileNotFound*'
    }
}
