# A column the export lacks is never sent as a blank — on the DXP side too. DXP replaces a record whole by its localId,
# so a learner file without its Citizenship column must not clear countryOfCitizenship for every learner DXP holds.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 20 -NoConnect
    $script:work = $school.Work
    $PSStyle.OutputRendering = 'PlainText'
    $script:returnId = '202608'
    Connect-TestDxp $school
    $script:csv = Join-Path $work 'sdr-learners.csv'
    $script:learners = @(for ($i = 1; $i -le 3; $i++) {
            [pscustomobject]@{ 'Student ID' = 'AC{0:d4}' -f $i; NSN = 2180000 + $i; Surname = 'Lee'; 'First Name' = 'Anna'; Gender = 'F'; 'Date of Birth' = '0{0}/04/2003' -f $i
                'Total Fee' = '7250.00'; Citizenship = 'NZL' }
        })
    $learners | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    $script:uploaded = @(Import-NzqaRecord -Path $csv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner | Sync-DxpRecord -Confirm:$false)
    function Get-Held { @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner | Where-Object StudentIdentificationCode -like 'AC000*') }
}
AfterAll { Stop-TestSchool $school }

Describe 'Compare-DxpRecord | Sync-DxpRecord with the Citizenship column left out of the export' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        # The next export has no Citizenship column; AC0002's fee changed.
        $script:without = Join-Path $work 'sdr-learners-nocit.csv'
        $learners | ForEach-Object { $_.PSObject.Copy() } | Select-Object * -ExcludeProperty Citizenship |
            ForEach-Object { if ($_.'Student ID' -eq 'AC0002') { $_.'Total Fee' = '8000.00' }; $_ } | Export-Csv $without -NoTypeInformation -Encoding utf8BOM
        $script:diffs = @(Import-NzqaRecord -Path $without -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -Verbose 4>&1 3>$null)
        $script:warnings = @($diffs | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $script:diffs = @($diffs | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $script:byObject = @(Import-Csv $without | Compare-DxpRecord -ReturnId $returnId -Dataset Learner 3>$null)
        $script:synced = @($diffs | Where-Object Status -ne 'Match' | Sync-DxpRecord -Confirm:$false)
        $script:after = Get-Held
    }

    It 'starts from three learners uploaded with citizenship NZL' {
        @($uploaded | Where-Object Outcome -eq 'Synced').Count | Should -Be 3
    }

    It 'the missing column is not a difference: two Match, one Different on the fee only, from a file or from objects' {
        foreach ($set in $diffs, $byObject) {
            @($set | Where-Object Status -eq 'Match').Count | Should -Be 2
            $different = @($set | Where-Object Status -eq 'Different')
            $different.Count | Should -Be 1
            $different[0].DifferenceSummary | Should -Match 'totalFeeForDomesticStudent'
            $different[0].DifferenceSummary | Should -Not -Match 'countryOfCitizenship'
        }
    }

    It 'says so (verbose: nothing is lost, and a nightly run must not warn every night)' {
        ($warnings -join ' ') | Should -Match 'countryOfCitizenship'
        ($warnings -join ' ') | Should -Match 'kept'
    }

    It 'the sync uploads only the fee change and DXP keeps every learner''s citizenship' {
        $synced.Count | Should -Be 1
        $synced[0].Outcome | Should -Be 'Synced'
        $after.Count | Should -Be 3
        $after | ForEach-Object { $_.CountryOfCitizenship | Should -Be 'NZL' }
        ($after | Where-Object StudentIdentificationCode -eq 'AC0002').TotalFeeForDomesticStudent | Should -Be 8000
    }
}

Describe 'Send-DxpLearner with the column left out' {
    It 'warns that DXP''s values of the missing field are cleared, and how to keep them' {
        $ErrorActionPreference = 'Continue'
        $null = Import-NzqaRecord -Path $without -Kind DxpLearner | Send-DxpLearner -ReturnId $returnId -WhatIf -WarningVariable sendWarnings 3>$null 6>$null
        ($sendWarnings -join ' ') | Should -Match 'countryOfCitizenship'
        ($sendWarnings -join ' ') | Should -Match 'Compare-DxpRecord \| Sync-DxpRecord'
    }
}
