# The sign-off carried into a DXP sync: Compare-DxpRecord's diffs → approval file (New-NzqaApproval) → one approved
# record's local data changes → Sync-DxpRecord -ApprovalPath sends exactly the approved, unchanged uploads and deletes;
# the rest end Skipped with reasons; the journal names the approval (its SHA-256 and who signed it). Then the same in
# samples/tertiary-sync.ps1's approval mode.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox -Students 20
    $script:work = New-TestFolder
    $script:export = Join-Path $work 'sdr'
    New-Item -ItemType Directory -Path $export | Out-Null
    $script:cred = Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001
    $script:round = Join-Path (Get-RepoRoot) 'samples/tertiary-sync.ps1'
    $script:journal = Join-Path $work 'journal'
    $script:returnId = '202608'

    # The SMS export (three required files): eight learners, four courses, six students with one enrolment each
    # (learners TA0007 and TA0008 have none, so either can go without breaking a rule across the files).
    $script:learners = @(
        for ($i = 1; $i -le 8; $i++) {
            [pscustomobject]@{
                'Student ID' = 'TA{0:d4}' -f $i; NSN = 2140000 + $i; Surname = @('Lee', 'Ngata', 'Smith', 'Ng', 'Parata', 'Brown', 'Wong', 'Taylor')[$i - 1]
                'First Name' = @('Anna', 'Hemi', 'Jo', 'Tama', 'Mere', 'Sam', 'Li', 'Kim')[$i - 1]; Gender = 'F'
                'Date of Birth' = '{0:d2}/04/2003' -f $i; 'Total Fee' = '7250.00'
            }
        })
    $script:courses = @('ECON101', 'ACCT101', 'MGMT101', 'STAT101' | ForEach-Object { [pscustomobject]@{ 'Course Code' = $_; 'Course Title' = "Course $_"; Qualification = 'BBS701' } })
    $script:enrolments = @(
        for ($s = 1; $s -le 6; $s++) {
            [pscustomobject]@{
                'Local ID' = 'ENR{0:d4}' -f $s; 'Student ID' = 'TA{0:d4}' -f $s; NSN = 2140000 + $s; Qualification = 'BBS701'; 'Course Code' = $courses[$s % 4].'Course Code'
                'Course Start Date' = '23/02/2026'; 'Course End Date' = '19/06/2026'; 'Withdrawal Date' = ''; 'Category of Fees' = '00'; Attendance = '1'
                'Delivery Site' = '01'; 'Funding Source' = '1'; 'Residential Status' = 'N'; 'Australian Resident' = 'N'; 'Funding Category' = 'B1'
                'Course Classification' = '1.1'; NZSCED = '080301'; 'EFTS Factor' = '0.125'
            }
        })
    function Save-Export {
        $learners | Export-Csv (Join-Path $export 'learners.csv') -NoTypeInformation -Encoding utf8BOM
        $courses | Export-Csv (Join-Path $export 'courses.csv') -NoTypeInformation -Encoding utf8BOM
        $enrolments | Export-Csv (Join-Path $export 'course-enrolments.csv') -NoTypeInformation -Encoding utf8BOM
    }
    function Invoke-Round([string[]] $Extra = @()) {
        $ErrorActionPreference = 'Continue'
        $arguments = @{ BaseUri = $sandbox.DxpUri; Edumis = 7001; Credential = $cred; ExportFolder = $export; ReturnId = $returnId; JournalPath = $journal; ValidationTimeoutSeconds = 120; PassThru = $true }
        if ($Extra) { $arguments.ApprovalPath = $Extra[0] }
        $out = @(& $round @arguments)
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Outcome = @($out | Where-Object { $_ -is [pscustomobject] -and $_.PSObject.Properties['Results'] })[0]; Text = ($out | Out-String) }
    }
    function Get-LearnerDiffs {
        @(Import-NzqaRecord -Path (Join-Path $export 'learners.csv') -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner)
    }
    function Get-Held { @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner) }
    function Fee([string] $Student) { [decimal](Get-Held | Where-Object StudentIdentificationCode -eq $Student).TotalFeeForDomesticStudent }

    Save-Export
    $script:first = Invoke-Round
}
AfterAll {
    Disconnect-Dxp -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-DxpRecord -ApprovalPath' {
    BeforeAll {
        # Changes in the SMS: three fees (A, B, C), one learner gone (D), one new (E).
        $learners[0].'Total Fee' = '8100.00'   # A: approved, unchanged since → sent
        $learners[1].'Total Fee' = '8200.00'   # B: approved, then changed again → Skipped
        $learners[2].'Total Fee' = '8300.00'   # C: not approved → Skipped
        $script:learners = @($learners | Where-Object 'Student ID' -ne 'TA0008') +   # D: approved delete → sent
            @([pscustomobject]@{ 'Student ID' = 'TA0009'; NSN = 2140009; Surname = 'Hohaia'; 'First Name' = 'Rua'; Gender = 'M'; 'Date of Birth' = '09/04/2003'; 'Total Fee' = '7250.00' })  # E: approved new → sent
        Save-Export
        $script:diffs = Get-LearnerDiffs
        $script:approvalPath = Join-Path $work 'approval.json'
        $script:approvalFile = $diffs | Where-Object StudentIdentificationCode -in 'TA0001', 'TA0002', 'TA0008', 'TA0009' |
            New-NzqaApproval -Path $approvalPath -SignedBy 'Rawiri Parata (Academic Registrar)'

        # After approval, B's fee changes again in the SMS.
        ($learners | Where-Object 'Student ID' -eq 'TA0002').'Total Fee' = '8250.00'
        Save-Export
        $ErrorActionPreference = 'Continue'
        $script:again = Get-LearnerDiffs
        $script:results = @($again | Sync-DxpRecord -ApprovalPath $approvalPath -Confirm:$false -ErrorAction SilentlyContinue)
        function Result([string] $Student) { $results | Where-Object StudentIdentificationCode -eq $Student }
    }

    It 'starts from a full first round and five learner changes, four of them approved' {
        $first.ExitCode | Should -Be 0 -Because $first.Text
        ($diffs | Where-Object Status -ne 'Match' | ForEach-Object { "$($_.StudentIdentificationCode) $($_.Status)" } | Sort-Object) |
            Should -Be @('TA0001 Different', 'TA0002 Different', 'TA0003 Different', 'TA0008 DxpOnly', 'TA0009 New')
        $approvalFile | Should -BeOfType [System.IO.FileInfo]
        $json = Get-Content $approvalPath -Raw | ConvertFrom-Json
        $json.format | Should -Be 'nzqasync-approval/1'
        $json.approved.Count | Should -Be 4
        $json.approved.api | Select-Object -Unique | Should -Be 'Dxp'
        $json.approved.returnId | Select-Object -Unique | Should -Be $returnId
        ($json.approved | Where-Object status -eq 'DxpOnly').summary | Should -Match 'Delete'
        $json.approved.fingerprint | ForEach-Object { $_ | Should -Match '^sha256:[0-9a-f]{64}$' }
    }

    It 'sends the approved, unchanged upload, new record and delete' {
        (Result 'TA0001').Outcome | Should -Be 'Synced'
        (Result 'TA0009').Outcome | Should -Be 'Synced'
        (Result 'TA0008').Outcome | Should -Be 'Synced'
        (Result 'TA0008').Action | Should -Be 'Delete'
        Fee 'TA0001' | Should -Be 8100
        (Get-Held).StudentIdentificationCode | Should -Contain 'TA0009'
        (Get-Held).StudentIdentificationCode | Should -Not -Contain 'TA0008'
    }

    It 'skips the approved record whose data changed after approval, saying so and sending nothing' {
        (Result 'TA0002').Outcome | Should -Be 'Skipped'
        (Result 'TA0002').Errors | Should -Match 'Changed since approval'
        (Result 'TA0002').Errors | Should -Match 'Rawiri Parata'
        Fee 'TA0002' | Should -Be 7250
    }

    It 'skips the record that was not approved, saying so and sending nothing' {
        (Result 'TA0003').Outcome | Should -Be 'Skipped'
        (Result 'TA0003').Errors | Should -Match 'Not approved'
        Fee 'TA0003' | Should -Be 7250
    }

    It 'journals exactly the sent records, naming the approval file''s hash and signer' {
        $runId = (Result 'TA0001').RunId
        $entries = @(Get-NzqaSyncLog -Path $journal -RunId $runId)
        ($entries.Key | Sort-Object) | Should -Be (@('TA0001', 'TA0008', 'TA0009' | ForEach-Object { (Result $_).LocalId }) | Sort-Object)
        $entries.ApprovedBy | Select-Object -Unique | Should -Be 'Rawiri Parata (Academic Registrar)'
        $entries.Approval.Sha256 | Select-Object -Unique | Should -Be ('sha256:' + (Get-FileHash $approvalPath -Algorithm SHA256).Hash.ToLowerInvariant())
    }

    It 'stops before sending anything when the approval file is missing' {
        { $again | Sync-DxpRecord -ApprovalPath (Join-Path $work 'none.json') -Confirm:$false } | Should -Throw -ErrorId 'NzqaApprovalFileNotFound,NzqaSync.Cmdlets.SyncDxpRecordCommand'
        Fee 'TA0002' | Should -Be 7250
    }

    It 'an approval does not carry over to another return' {
        $other = @($again | Where-Object StudentIdentificationCode -eq 'TA0001' | Sync-DxpRecord -ReturnId 202612 -ApprovalPath $approvalPath -Confirm:$false)
        $other.Outcome | Should -Be 'Skipped'
        $other.Errors | Should -Match 'Changed since approval'
    }
}

Describe 'samples/tertiary-sync.ps1 -ApprovalPath (approval mode)' {
    BeforeAll {
        $learners[3].'Total Fee' = '9100.00'
        $learners[4].'Total Fee' = '9200.00'
        Save-Export
        $script:sampleApproval = Join-Path $work 'sample-approval.json'
        Get-LearnerDiffs | Where-Object StudentIdentificationCode -in 'TA0004', 'TA0005' | New-NzqaApproval -Path $sampleApproval -SignedBy 'Rawiri Parata' | Out-Null
        $learners[4].'Total Fee' = '9300.00'   # TA0005 changes again after approval
        Save-Export
        $script:approvedRun = Invoke-Round $sampleApproval
    }

    It 'sends only the approved change, reports the rest as awaiting approval and exits 0' {
        $approvedRun.ExitCode | Should -Be 0 -Because $approvedRun.Text
        $sent = @($approvedRun.Outcome.Results | Where-Object Outcome -eq 'Synced')
        $sent.StudentIdentificationCode | Should -Be @('TA0004')
        $approvedRun.Text | Should -Match 'Learners: 2 awaiting approval, 1 changed since approval \(not sent\)'
        Fee 'TA0004' | Should -Be 9100
        Fee 'TA0005' | Should -Be 7250
    }

    It 'names a record changed since approval by the student ID the SMS knows, not only its hashed localId' {
        $localId = (Get-LearnerDiffs | Where-Object StudentIdentificationCode -eq 'TA0005').LocalId
        $approvedRun.Text | Should -Match ('changed since approval: Learner student TA0005 \(' + [regex]::Escape($localId) + '\)')
    }

    It 'stops with exit code 2 when the approval file is missing' {
        $r = Invoke-Round (Join-Path $work 'missing.json')
        $r.ExitCode | Should -Be 2
        $r.Text | Should -Match 'no approval file'
    }
}
