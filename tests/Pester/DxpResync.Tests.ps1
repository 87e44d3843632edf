# Sync-DxpRecord run again over diffs already sent, as a person re-runs a script: a delete of a record DXP no longer
# holds (an earlier run, or another tool, already deleted it) is done, not a rejection.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $PSStyle.OutputRendering = 'PlainText'
    $script:sandbox = Start-TestSandbox -Students 20
    $script:work = New-TestFolder
    $script:journal = Join-Path $work 'journal'
    $script:returnId = '202608'
    $script:csv = Join-Path $work 'learners.csv'
    $script:learners = @(
        for ($i = 1; $i -le 3; $i++) {
            [pscustomobject]@{
                'Student ID' = 'TR{0:d4}' -f $i; NSN = 2150000 + $i; Surname = @('Lee', 'Ngata', 'Smith')[$i - 1]; 'First Name' = @('Anna', 'Hemi', 'Jo')[$i - 1]
                Gender = 'F'; 'Date of Birth' = '{0:d2}/04/2003' -f $i; 'Total Fee' = '7250.00'
            }
        })
    function Get-LearnerDiffs { @(Import-NzqaRecord -Path $csv -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner) }
    Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential (Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001) -JournalPath $journal
    $learners | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    $script:uploaded = @(Get-LearnerDiffs | Where-Object Status -in 'New', 'Different', 'DxpOnly' | Sync-DxpRecord -Confirm:$false)

    # TR0003 leaves the SMS: its diff is DxpOnly; the first sync deletes it, the same diff synced again finds it gone.
    $learners | Where-Object 'Student ID' -ne 'TR0003' | Export-Csv $csv -NoTypeInformation -Encoding utf8BOM
    $script:gone = @(Get-LearnerDiffs | Where-Object { $_.Status -eq 'DxpOnly' -and $_.StudentIdentificationCode -eq 'TR0003' })
    $script:first = @($gone | Sync-DxpRecord -Confirm:$false)
    $ErrorActionPreference = 'Continue'
    $script:again = @($gone | Sync-DxpRecord -Confirm:$false -ErrorVariable script:againErrors -ErrorAction SilentlyContinue -Verbose 4>&1)
}
AfterAll {
    Disconnect-Dxp -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-DxpRecord deleting a record DXP no longer holds' {
    It 'starts from three learners uploaded and one deleted' {
        @($uploaded | Where-Object Outcome -eq 'Synced').Count | Should -Be 3
        $gone.Count | Should -Be 1
        $first.Outcome | Should -Be 'Synced'
    }

    It 'is done: Synced with a note that DXP no longer held it, and no error' {
        $result = @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        $result.Count | Should -Be 1
        $result[0].Action | Should -Be 'Delete'
        $result[0].Outcome | Should -Be 'Synced'
        $result[0].Note | Should -Match 'no longer held'
        $result[0].ErrorSummary | Should -BeNullOrEmpty
        $againErrors.Count | Should -Be 0 -Because ($againErrors | Out-String)
        @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'no longer held' }).Count | Should -BeGreaterThan 0
    }

    It 'the journal has it Synced, not Failed, with the note' {
        $second = @($again | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })[0]
        $second.RunId | Should -Not -Be $first[0].RunId
        $entries = @(Get-NzqaSyncLog -Path $journal -Key $gone[0].LocalId -RunId $second.RunId)
        $entries.Count | Should -Be 1
        $entry = $entries[0]
        $entry.Outcome | Should -Be 'Synced'
        $entry.Detail | Should -Match 'no longer held'
    }

    It 'DXP still holds the other two learners' {
        @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner | Where-Object StudentIdentificationCode -like 'TR*').StudentIdentificationCode |
            Sort-Object | Should -Be @('TR0001', 'TR0002')
    }
}
