# An identity is never overwritten without the user saying so — on the DXP side too: a learner DXP holds whose date of
# birth or names differ in the SMS (a day/month swap, a misspelt surname) is not uploaded unless -AllowIdentityChange.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 20 -NoConnect
    $script:work = $school.Work
    $PSStyle.OutputRendering = 'PlainText'
    $script:returnId = '202608'
    Connect-TestDxp $school
    $script:csv = Join-Path $work 'sdr-learners.csv'
    $script:learners = @(for ($i = 1; $i -le 3; $i++) {
            [pscustomobject]@{ 'Student ID' = 'ID{0:d4}' -f $i; NSN = 2190000 + $i; Surname = @('Williams', 'Ngata', 'Smith')[$i - 1]; 'First Name' = 'James'; Gender = 'M'
                'Date of Birth' = '{0:d2}/04/1984' -f (20 + $i); 'Total Fee' = '7250.00' }
        })
    $learners | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    $script:uploaded = @(Import-NzqaRecord -Path $csv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner | Sync-DxpRecord -Confirm:$false)
    # ID0001's day and month swapped and surname misspelt; ID0002's fee changed (not identity).
    $learners[0].'Date of Birth' = '04/21/1984' -replace '04/21', '12/04'; $learners[0].Surname = 'Wiliams'
    $learners[1].'Total Fee' = '8000.00'
    $learners | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    function Get-Diffs { @(Import-NzqaRecord -Path $csv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner | Where-Object Status -ne 'Match') }
    function Get-Held($id) { Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner | Where-Object StudentIdentificationCode -eq $id }
}
AfterAll { Stop-TestSchool $school }

Describe 'Sync-DxpRecord and an identity change' {
    It 'the diff says it is an identity change; the fee change is not' {
        @($uploaded | Where-Object Outcome -eq 'Synced').Count | Should -Be 3
        $diffs = Get-Diffs
        ($diffs | Where-Object StudentIdentificationCode -eq 'ID0001').IdentityChange | Should -BeTrue
        ($diffs | Where-Object StudentIdentificationCode -eq 'ID0002').IdentityChange | Should -BeFalse
    }

    It 'without -AllowIdentityChange it is Skipped with a warning naming the fields; the fee change goes; DXP keeps the identity' {
        $ErrorActionPreference = 'Continue'
        $results = @(Get-Diffs | Sync-DxpRecord -Confirm:$false -WarningVariable warnings 3>$null)
        $held = $results | Where-Object LocalId -eq ((Get-Diffs | Where-Object StudentIdentificationCode -eq 'ID0001').LocalId)
        $held.Outcome | Should -Be 'Skipped'
        ($held.Errors -join ' ') | Should -Match 'Identity change not sent'
        ($held.Errors -join ' ') | Should -Match 'dateOfBirth'
        ($warnings -join ' ') | Should -Match 'ID0001'
        ($results | Where-Object Outcome -eq 'Synced').Count | Should -Be 1
        (Get-Held 'ID0001').NameIdCode | Should -Be 'WILLJ'
        ([datetime](Get-Held 'ID0001').DateOfBirth).ToString('yyyy-MM-dd') | Should -Be '1984-04-21'
    }

    It 'New-NzqaApproval leaves it out unless -AllowIdentityChange' {
        $ErrorActionPreference = 'Continue'
        $path = Join-Path $work 'approval.json'
        Get-Diffs | New-NzqaApproval -Path $path -SignedBy 'Nominee' -WarningVariable approvalWarnings 3>$null | Out-Null
        ($approvalWarnings -join ' ') | Should -Match 'identity change'
        (Get-Content $path -Raw) | Should -Not -Match 'ID0001'
    }

    It 'with -AllowIdentityChange it is uploaded' {
        $results = @(Get-Diffs | Sync-DxpRecord -Confirm:$false -AllowIdentityChange)
        ($results | Where-Object Outcome -eq 'Synced').Count | Should -Be 1
        (Get-Held 'ID0001').NameIdCode | Should -Be 'WILIJ'
        @(Get-Diffs).Count | Should -Be 0
    }
}

Describe 'Sync-DxpRecord and a diff compared on another DXP connection' {
    It 'is not sent: DxpDiffFromOtherProvider, Skipped, naming where it was compared' {
        $ErrorActionPreference = 'Continue'
        $learners[2].'Total Fee' = '9100.00'
        $learners | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
        $diffs = @(Get-Diffs | Where-Object StudentIdentificationCode -eq 'ID0003')
        $diffs[0].ComparedEdumis | Should -Be 7001
        # The same sandbox by another name: to the module another DXP, whose records were never read.
        $other = Connect-Dxp -BaseUri ($school.Sandbox.DxpUri -replace '127\.0\.0\.1', 'localhost') -Edumis 7001 -Credential (Get-TestCredential -Sandbox $school.Sandbox -ProviderNumber 7001) -JournalPath $school.Journal -PassThru
        $results = @($diffs | Sync-DxpRecord -Connection $other -Confirm:$false -ErrorVariable otherErrors 2>$null)
        $results.Count | Should -Be 1
        $results[0].Outcome | Should -Be 'Skipped'
        ($results[0].Errors -join ' ') | Should -Match 'was compared for DXP at'
        @($otherErrors | Where-Object FullyQualifiedErrorId -like 'DxpDiffFromOtherProvider*').Count | Should -Be 1
        (Get-Held 'ID0003').TotalFeeForDomesticStudent | Should -Be 7250
    }
}
