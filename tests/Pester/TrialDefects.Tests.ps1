# Defects a new-user trial found in a real pwsh 7.6.9 against the sandbox, each as the user met it: the module
# imported by name, the sandbox's SMS export, separate sessions where the user ran separate scripts.
# Each test fails if its fix is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -NoConnect
    $script:sandbox, $script:work, $script:journal, $script:cred = $school.Sandbox, $school.Work, $school.Journal, $school.Credential
    function Connect-School { Connect-TestSchool $school }
}

AfterAll { Stop-TestSchool $school }

Describe 'Trial 1: a learner NZQA refused for identity in an earlier session holds back its new enrolment in a later session' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        # Session 1: learners only (a script of their own).
        Connect-School
        $script:learners = @(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner 2>$null | Compare-NzqaLearner 2>$null |
            Where-Object Status -eq 'New' | Sync-NzqaLearner -Confirm:$false 2>$null 3>$null)
        $script:conflict = @($learners | Where-Object { ($_.Errors -join ' ') -match 'NSN_CONFLICT' })
        Disconnect-Nzqa
        # Session 2: enrolments only, in a new connection (nothing of session 1 in memory; only the journal).
        Connect-School
        $script:enrolments = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null | Compare-NzqaEnrolment 2>$null |
            Where-Object Status -eq 'New' | Sync-NzqaEnrolment -Confirm:$false 2>$null -WarningVariable script:enrolmentWarnings 3>$null)
        Disconnect-Nzqa
    }

    It 'the new enrolment on the refused NSN is Skipped, naming the learner, the run and how to release it; NZQA holds no enrolment for it' {
        $conflict.Count | Should -Be 1
        $nsn = $conflict[0].Nsn
        $held = @($enrolments | Where-Object Nsn -eq $nsn)
        $held.Count | Should -Be 1
        $held[0].Outcome | Should -Be 'Skipped'
        $why = $held[0].Errors -join ' '
        $why | Should -Match "NSN $nsn"
        $why | Should -Match ([regex]::Escape([string]$conflict[0].RunId))
        $why | Should -Match 'NSN_CONFLICT'
        $why | Should -Match '-ReleaseHeld'
        ($enrolmentWarnings -join ' ') | Should -Match "NSN $nsn"
        @($enrolments | Where-Object { $_.Nsn -ne $nsn -and $_.Outcome -eq 'Synced' }).Count | Should -BeGreaterThan 0
        Connect-School
        @(Get-NzqaEnrolment | Where-Object Nsn -eq $nsn).Count | Should -Be 0
        Disconnect-Nzqa
    }
}

Describe 'Trial 2: a typo in an optional column''s header stops the file instead of blanking the field' {
    BeforeAll {
        $lines = @(Get-Content (Join-Path $work 'learners.csv'))
        $lines[0] = $lines[0] -replace 'Ethnicity 1', 'Ethnicty 1'
        $script:ethnicty = Join-Path $work 'learners-ethnicty.csv'
        Set-Content -Path $ethnicty -Value $lines
    }

    It 'Compare-NzqaLearner -Path is one NzqaCsvMistypedColumn error naming the column and the field; nothing compared' {
        $ErrorActionPreference = 'Continue'
        Connect-School
        $diff = @()
        $caught = $null
        try { $diff = @(Compare-NzqaLearner -Path $ethnicty -WarningAction SilentlyContinue) } catch { $caught = $_ }
        Disconnect-Nzqa
        $diff.Count | Should -Be 0
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^NzqaCsvMistypedColumn,'
        $caught.CategoryInfo.Category | Should -Be 'InvalidData'
        $caught.TargetObject | Should -Be $ethnicty
        $caught.Exception.Message | Should -Match "'Ethnicty 1' looks like a typo of 'Ethnicity 1' \(the learner field Ethnicity1\)"
        $caught.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape("-ColumnMap @{ Ethnicity1 = 'Ethnicty 1' }"))
    }

    It 'the fix it recommends works, and a column that is not near any field''s name stays a warning' {
        $records = @(Import-NzqaRecord -Path $ethnicty -Kind Learner -ColumnMap @{ Ethnicity1 = 'Ethnicty 1' } -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        $lines = @(Get-Content (Join-Path $work 'learners.csv'))
        $path = Join-Path $work 'learners-house.csv'
        Set-Content -Path $path -Value (@($lines[0] + ',House') + @($lines | Select-Object -Skip 1 | ForEach-Object { $_ + ',Kauri' }))
        $records = @(Import-NzqaRecord -Path $path -Kind Learner -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        "$warnings" | Should -Match "'House'"
    }
}

Describe 'Trial 3: a missing column''s message never recommends mapping an unrelated column' {
    It 'learners.csv without its date of birth column names no other column as the fix' {
        $rows = Import-Csv (Join-Path $work 'learners.csv')
        $dob = @($rows[0].PSObject.Properties.Name | Where-Object { $_ -match 'Birth|DOB' })[0]
        $path = Join-Path $work 'learners-no-dob.csv'
        $rows | Select-Object -Property * -ExcludeProperty $dob | Export-Csv -Path $path -NoTypeInformation
        $caught = $null
        try { Import-NzqaRecord -Path $path -Kind Learner | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^NzqaCsvMissingColumn,'
        $caught.Exception.Message | Should -Match 'DateOfBirth'
        $caught.Exception.Message | Should -Not -Match 'nearest header'
        $caught.ErrorDetails.RecommendedAction | Should -Not -Match 'First Name|Last Name|NSN|Student ID|Gender'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Date of Birth'
    }
}

Describe 'Trial 4: identity corrections can be approved' {
    BeforeAll {
        $ErrorActionPreference = 'Continue'
        Connect-School
        # A learner NZQA holds whose legal last name the SMS corrects.
        $learners = Import-Csv (Join-Path $work 'learners.csv')
        $before = @(Compare-NzqaLearner -Path (Join-Path $work 'learners.csv') 2>$null 3>$null)
        $script:nsn = @($before | Where-Object Status -eq 'Match')[0].Nsn
        $row = $learners | Where-Object { $_.NSN -eq $nsn }
        $script:newName = $row.'Last Name' + '-Parata'
        $row.'Last Name' = $newName
        $script:renamed = Join-Path $work 'learners-identity.csv'
        $learners | Export-Csv -Path $renamed -NoTypeInformation
        function Get-IdentityDiff { @(Compare-NzqaLearner -Path $renamed 2>$null 3>$null | Where-Object { $_.Status -eq 'Different' -and $_.IdentityChange -and $_.Nsn -eq $nsn }) }
    }
    AfterAll { Disconnect-Nzqa -ErrorAction SilentlyContinue }

    It 'without -AllowIdentityChange nothing goes in, and a warning says why' {
        $diff = Get-IdentityDiff
        $diff.Count | Should -Be 1
        $path = Join-Path $work 'approval-plain.json'
        $null = $diff | New-NzqaApproval -Path $path -SignedBy 'Jane Smith' -WarningVariable warnings -WarningAction SilentlyContinue
        @((Get-Content $path -Raw | ConvertFrom-Json).approved).Count | Should -Be 0
        "$warnings" | Should -Match 'none went into the approval'
        "$warnings" | Should -Match 'identity change'
        "$warnings" | Should -Match '-AllowIdentityChange'
    }

    It 'with -AllowIdentityChange the entry says it is an identity change, and Sync-NzqaLearner -ApprovalPath -AllowIdentityChange sends it' {
        $diff = Get-IdentityDiff
        $path = Join-Path $work 'approval-identity.json'
        $null = $diff | New-NzqaApproval -Path $path -SignedBy 'Jane Smith' -AllowIdentityChange -WarningVariable warnings -WarningAction SilentlyContinue
        @($warnings).Count | Should -Be 0
        $entries = @((Get-Content $path -Raw | ConvertFrom-Json).approved)
        $entries.Count | Should -Be 1
        $entries[0].key | Should -Be $nsn
        $entries[0].identityChange | Should -BeTrue
        $entries[0].summary | Should -Match '^Identity change'
        $result = @($diff | Sync-NzqaLearner -ApprovalPath $path -AllowIdentityChange -Confirm:$false)
        $result[0].Outcome | Should -Be 'Synced'
        (Get-NzqaLearner | Where-Object Nsn -eq $nsn).LastName | Should -Be $newName
    }
}

Describe 'Trial 5: Get-NzqaSyncLog -Path that is not a journal folder says so' {
    It 'a folder that does not exist is NzqaSyncLogNotFound (ObjectNotFound), and $? is false' {
        $ErrorActionPreference = 'Continue'
        $typo = Join-Path $work 'jounral'
        $entries = @(Get-NzqaSyncLog -Path $typo -ErrorVariable errors 2>$null)
        $ok = $?
        $ok | Should -BeFalse
        $entries.Count | Should -Be 0
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'NzqaSyncLogNotFound,NzqaSync.Cmdlets.GetNzqaSyncLogCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].Exception.Message | Should -Match ([regex]::Escape($typo))
    }

    It 'a file (learners.csv) says it is a file and to give the journal folder; -JournalPath is the same parameter' {
        $ErrorActionPreference = 'Continue'
        $null = Get-NzqaSyncLog -JournalPath (Join-Path $work 'learners.csv') -Summary -ErrorVariable errors 2>$null
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'NzqaSyncLogNotFound,NzqaSync.Cmdlets.GetNzqaSyncLogCommand'
        $errors[0].Exception.Message | Should -Match 'is a file.*journal folder'
    }

    It 'the journal folder the syncs above used still reads' {
        @(Get-NzqaSyncLog -JournalPath $journal -ErrorVariable errors).Count | Should -BeGreaterThan 0
        @($errors).Count | Should -Be 0
    }
}

Describe 'Trial 6: a bad command line to a scheduled sample is exit 2 (could not start), not 1 (records refused)' {
    BeforeAll {
        $script:samples = Join-Path (Get-RepoRoot) 'samples'
        $script:credFile = Join-Path $work 'machine.xml'
        $cred | Export-Clixml -Path $credFile
        if (-not $IsWindows) { chmod 600 $credFile }
    }

    It '<Script> <Case>: exit 2 with what is wrong, never "Connected"' -TestCases @(
        @{ Script = 'nightly-sync.ps1'; Case = 'without -SmsExportFolder'; Drop = '-SmsExportFolder'; Set = @{}; Expect = '-SmsExportFolder is required' }
        @{ Script = 'nightly-sync.ps1'; Case = 'with -ProviderNumber 25x'; Drop = $null; Set = @{ '-ProviderNumber' = '25x' }; Expect = "-ProviderNumber '25x' is not a number" }
        @{ Script = 'nightly-sync.ps1'; Case = 'with a mistyped parameter name'; Drop = '-SmsExportFolder'; Set = @{ '-SmsExportFoldr' = 'x' }; Expect = "unknown argument.*-SmsExportFoldr" }
        @{ Script = 'daily-sync.ps1'; Case = 'without -Credential'; Drop = '-CredentialPath'; Set = @{}; Expect = '-Credential is required' }
        @{ Script = 'tertiary-sync.ps1'; Case = 'with -Edumis 70x1'; Drop = $null; Set = @{ '-Edumis' = '70x1' }; Expect = "-Edumis '70x1' is not a number" }
    ) {
        $arguments = if ($Script -eq 'tertiary-sync.ps1') {
            [ordered]@{ '-BaseUri' = $sandbox.DxpUri; '-Edumis' = '7001'; '-ExportFolder' = $work; '-CredentialPath' = $credFile; '-JournalPath' = (Join-Path $work 'j6') }
        } else {
            [ordered]@{ '-BaseUri' = $sandbox.NzqaUri; '-ProviderNumber' = '257'; '-SmsExportFolder' = $work; '-CredentialPath' = $credFile; '-JournalPath' = (Join-Path $work 'j6') }
        }
        if ($Script -eq 'daily-sync.ps1') { $arguments.Remove('-CredentialPath') }
        if ($Drop) { $arguments.Remove($Drop) }
        foreach ($k in $Set.Keys) { $arguments[$k] = $Set[$k] }
        $r = Invoke-ChildPwsh -File (Join-Path $samples $Script) -Arguments @($arguments.GetEnumerator() | ForEach-Object { $_.Key; $_.Value })
        $r.ExitCode | Should -Be 2 -Because ($r.Output + $r.Error)
        $r.Output | Should -Match ([regex]::Escape($Script.Replace('.ps1', '')) + ': ' + $Expect)
        $r.Output | Should -Match 'usage:'
        $r.Output + $r.Error | Should -Not -Match 'Connected'
    }
}

Describe 'Trial 7: a folder given where a file is expected is one clear NzqaPathIsFolder error' {
    It '<Command>' -TestCases @(
        @{ Command = 'Import-NzqaRecord -Path <folder>'; Run = { param($f) Import-NzqaRecord -Path $f -Kind Learner } }
        @{ Command = 'Import-NzqaCredential -Path <folder>'; Run = { param($f) Import-NzqaCredential -Path $f } }
        @{ Command = 'Sync-NzqaEnrolment -ApprovalPath <folder>'; Run = { param($f) @() | Sync-NzqaEnrolment -ApprovalPath $f -Confirm:$false } }
        @{ Command = 'Export-NzqaReport -Path <folder>'; Run = { param($f) Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null 3>$null | Select-Object -First 3 | Export-NzqaReport -Path $f } }
        @{ Command = 'New-NzqaApproval -Path <folder>'; Run = { param($f) Compare-NzqaEnrolment -Path (Join-Path $work 'enrolments.csv') 2>$null 3>$null | Select-Object -First 3 | New-NzqaApproval -Path $f -SignedBy 'Jane Smith' -Force } }
    ) {
        $ErrorActionPreference = 'Continue'
        $folder = Join-Path $work 'a-folder'
        New-Item -ItemType Directory -Path $folder -Force | Out-Null
        Connect-School
        $caught = @()
        try { $caught = @(& $Run $folder 2>&1 | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) } catch { $caught = @($_) }
        Disconnect-Nzqa
        $caught.Count | Should -Be 1
        $caught[0].FullyQualifiedErrorId | Should -Match '^NzqaPathIsFolder,'
        $caught[0].Exception.Message | Should -Match ([regex]::Escape("'$folder' is a folder; give a file path"))
        Test-Path -LiteralPath $folder -PathType Container | Should -BeTrue
    }
}
