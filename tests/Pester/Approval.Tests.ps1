# The Principal's Nominee's sign-off carried into the sync: diffs → approval file → one approved record's local data
# changes → Sync -ApprovalPath sends exactly the approved, unchanged records; the rest end Skipped with reasons; the
# journal names the approval (its SHA-256 and who signed it).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 60 -ForceImport
    $script:sandbox, $script:work, $script:journal = $school.Sandbox, $school.Work, $school.Journal

    $script:rows = @(Import-Csv (Join-Path $work 'enrolments.csv'))
    $diff = @($rows | Compare-NzqaEnrolment -ErrorAction SilentlyContinue)
    # Three records whose change NZQA will accept: A and B approved, C not.
    $script:picked = @($diff | Where-Object { $_.Status -eq 'Different' -and -not ($_.Differences.Field -match 'Leaving') } | Select-Object -First 3)
    $script:keyA, $script:keyB, $script:keyC = $picked.Key
    $script:approvalPath = Join-Path $work 'approval.json'
    $script:approvalFile = $picked | Where-Object Key -in $keyA, $keyB | New-NzqaApproval -Path $approvalPath -SignedBy 'Jane Smith (Principal''s Nominee)'

    # After approval, B's year level changes in the SMS.
    $rowB = $rows | Where-Object NSN -eq $keyB
    $rowB.'Year Level' = [string]([int]$rowB.'Year Level' + 1)
    $script:again = @($rows | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Key -in $keyA, $keyB, $keyC)
    $script:results = @($again | Sync-NzqaEnrolment -ApprovalPath $approvalPath -ErrorAction SilentlyContinue)
}
AfterAll { Stop-TestSchool $school }

Describe 'Sync-NzqaEnrolment -ApprovalPath' {
    It 'starts from three different records, two of them approved' {
        $picked.Count | Should -Be 3
        $approvalFile | Should -BeOfType [System.IO.FileInfo]
        $json = Get-Content $approvalPath -Raw | ConvertFrom-Json
        $json.format | Should -Be 'nzqasync-approval/1'
        $json.signedBy | Should -Be 'Jane Smith (Principal''s Nominee)'
        ($json.approved.key | Sort-Object) | Should -Be (@($keyA, $keyB) | Sort-Object)
        $json.approved.fingerprint | ForEach-Object { $_ | Should -Match '^sha256:[0-9a-f]{64}$' }
    }

    It 'sends the approved, unchanged record' {
        $a = $results | Where-Object Key -eq $keyA
        $a.Outcome | Should -Be 'Synced'
        # NZQA now holds it: a fresh compare finds it matching.
        ($rows | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Key -eq $keyA).Status | Should -Be 'Match'
    }

    It 'skips the approved record whose data changed after approval, saying so' {
        $b = $results | Where-Object Key -eq $keyB
        $b.Outcome | Should -Be 'Skipped'
        $b.Errors | Should -Match 'Changed since approval'
        $b.Errors | Should -Match 'Jane Smith'
        ($rows | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Key -eq $keyB).Status | Should -Be 'Different'
    }

    It 'skips the record that was not approved, saying so' {
        $c = $results | Where-Object Key -eq $keyC
        $c.Outcome | Should -Be 'Skipped'
        $c.Errors | Should -Match 'Not approved'
        ($rows | Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Key -eq $keyC).Status | Should -Be 'Different'
    }

    It 'journals exactly the sent record, naming the approval file''s hash and signer' {
        $runId = ($results | Where-Object Key -eq $keyA).RunId
        $entries = @(Get-NzqaSyncLog -RunId $runId)
        $entries.Key | Should -Be @($keyA)
        $entries[0].ApprovedBy | Should -Be 'Jane Smith (Principal''s Nominee)'
        $entries[0].Approval.Sha256 | Should -Be ('sha256:' + (Get-FileHash $approvalPath -Algorithm SHA256).Hash.ToLowerInvariant())
        $entries[0].Approval.Path | Should -Be $approvalPath
    }

    It 'stops before sending anything when the approval file is missing' {
        { $again | Sync-NzqaEnrolment -ApprovalPath (Join-Path $work 'none.json') } | Should -Throw -ErrorId 'NzqaApprovalFileNotFound,NzqaSync.Cmdlets.SyncNzqaEnrolmentCommand'
    }
}

Describe 'samples/nightly-sync.ps1 -ApprovalPath (approval mode)' -Skip:$IsWindows {
    BeforeAll {
        $script:nightlyApproval = Join-Path $work 'nightly-approval.json'
        $script:approvedKeys = @(Import-Csv (Join-Path $work 'enrolments.csv') | Compare-NzqaEnrolment -ErrorAction SilentlyContinue |
            Where-Object { $_.Status -eq 'Different' -and -not ($_.Differences.Field -match 'Leaving') } | Select-Object -First 2 |
            New-NzqaApproval -Path $nightlyApproval -SignedBy 'Jane Smith' | ForEach-Object { (Get-Content $_ -Raw | ConvertFrom-Json).approved.key })
        $credFile = Join-Path $work 'machine.xml'
        Get-TestCredential -Sandbox $sandbox | Export-Clixml -Path $credFile
        [IO.File]::SetUnixFileMode($credFile, [System.IO.UnixFileMode]'UserRead, UserWrite')
        $script:run = Invoke-ChildPwsh -File (Join-Path (Get-RepoRoot) 'samples/nightly-sync.ps1') -Arguments @(
            '-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257', '-SmsExportFolder', $work, '-CredentialPath', $credFile,
            '-JournalPath', (Join-Path $work 'nightly-journal'), '-SecretName', 'none', '-ApprovalPath', $nightlyApproval
        ) -Environment @{ PSModulePath = $env:PSModulePath }
    }

    It 'sends only the approved changes and reports the rest as awaiting approval' {
        $approvedKeys.Count | Should -Be 2
        $run.ExitCode | Should -BeIn @(0, 1) -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match 'Enrolment: \d+ compared, 2 synced'
        $run.Output | Should -Match 'Learner: \d+ compared, 0 synced'
        $run.Output | Should -Match 'Enrolment: [1-9]\d* awaiting approval, 0 changed since approval'
        $sent = @(Get-NzqaSyncLog -Path (Join-Path $work 'nightly-journal') -Outcome Synced)
        ($sent.Key | Sort-Object) | Should -Be ($approvedKeys | Sort-Object)
        $sent.ApprovedBy | Select-Object -Unique | Should -Be 'Jane Smith'
    }
}
