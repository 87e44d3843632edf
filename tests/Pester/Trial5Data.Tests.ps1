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
