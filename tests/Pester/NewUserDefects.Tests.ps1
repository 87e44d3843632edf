# The defects a new user hit in a real pwsh 7.6.9 against the sandbox (issue #11, section 4), each as the user met it:
# the module imported by name, the sandbox's SMS export, the cmdlets at the prompt. Each test fails if its fix is undone.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool
    $script:sandbox, $script:work, $script:cred, $script:connection = $school.Sandbox, $school.Work, $school.Credential, $school.Connection

    function Get-JournalEntryCount {
        # The journal folder exists once something was sent; before that nothing was (Get-NzqaSyncLog -Path on a folder
        # that does not exist is an error: NzqaSyncLogNotFound).
        $folder = Join-Path $work 'journal'
        if (Test-Path $folder) { @(Get-NzqaSyncLog -Path $folder).Count } else { 0 }
    }

    function Set-Header {
        # A copy of one of the export's files with its header line changed, as a typo in the SMS's export setup makes it.
        param([string] $From, [string] $To, [scriptblock] $Change)
        $lines = Get-Content (Join-Path $work $From)
        $lines[0] = & $Change $lines[0]
        $path = Join-Path $work $To
        Set-Content -Path $path -Value $lines
        $path
    }
}

AfterAll { Stop-TestSchool $school }

Describe 'Defect 3: Import-NzqaRecord checks the header before reading any row' {
    It 'a misspelt required column (Year Levle) is one terminating error naming the field and the nearest header; nothing imported' {
        $path = Set-Header -From enrolments.csv -To year-levle.csv -Change { param($h) $h -replace 'Year Level', 'Year Levle' }
        $records = @()
        $caught = $null
        try { $records = @(Import-NzqaRecord -Path $path -Kind Enrolment -ErrorAction Continue) } catch { $caught = $_ }
        $records.Count | Should -Be 0
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Be 'NzqaCsvMissingColumn,NzqaSync.Cmdlets.ImportNzqaRecordCommand'
        $caught.Exception.Message | Should -Match 'YearLevel'
        $caught.Exception.Message | Should -Match "nearest header is 'Year Levle'"
        $caught.ErrorDetails.RecommendedAction | Should -Match "-ColumnMap @\{ YearLevel = 'Year Levle' \}"
    }

    It 'the fix it recommends works: -ColumnMap names the misspelt column' {
        $path = Join-Path $work 'year-levle.csv'
        $records = @(Import-NzqaRecord -Path $path -Kind Enrolment -ColumnMap @{ YearLevel = 'Year Levle' } -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        @($records | Where-Object YearLevel).Count | Should -Be $records.Count
    }

    It 'an NSN header typo stops the import instead of 301 Invalid plus 304 NzqaOnly' {
        $path = Set-Header -From enrolments.csv -To nsn-typo.csv -Change { param($h) $h -replace '^(\uFEFF?)NSN', '$1NSM' }
        { Import-NzqaRecord -Path $path -Kind Enrolment | Compare-NzqaEnrolment } |
            Should -Throw -ErrorId 'NzqaCsvMissingColumn,NzqaSync.Cmdlets.ImportNzqaRecordCommand' -ExpectedMessage "*Nsn*nearest header is 'NSM'*"
    }

    It 'enrolments.csv read as -Kind Learner is refused, naming the kind it looks like' {
        $caught = $null
        try { Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Learner | Out-Null } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'NzqaCsvWrongKind,NzqaSync.Cmdlets.ImportNzqaRecordCommand'
        $caught.Exception.Message | Should -Match 'looks like an enrolment export'
        $caught.ErrorDetails.RecommendedAction | Should -Match '-Kind Enrolment'
    }

    It 'standards.csv read as -Kind Enrolment is refused, naming Standard' {
        { Import-NzqaRecord -Path (Join-Path $work 'standards.csv') -Kind Enrolment } |
            Should -Throw -ErrorId 'NzqaCsvWrongKind,NzqaSync.Cmdlets.ImportNzqaRecordCommand' -ExpectedMessage '*looks like a standard export*'
    }

    It 'unknown headers are one warning listing them, and the records still import' {
        $lines = Get-Content (Join-Path $work 'enrolments.csv')
        $path = Join-Path $work 'extra-columns.csv'
        Set-Content -Path $path -Value (@($lines[0] + ',Homeroom,Tutor') + @($lines | Select-Object -Skip 1 | ForEach-Object { $_ + ',10B,Ms Smith' }))
        $records = @(Import-NzqaRecord -Path $path -Kind Enrolment -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)
        $records.Count | Should -BeGreaterThan 100
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match "'Homeroom', 'Tutor'"
    }

    It 'the SMS''s own exports import without a header warning' {
        foreach ($kind in 'Learner', 'Enrolment', 'Standard') {
            $file = @{ Learner = 'learners.csv'; Enrolment = 'enrolments.csv'; Standard = 'standards.csv' }[$kind]
            $null = Import-NzqaRecord -Path (Join-Path $work $file) -Kind $kind -WarningVariable warnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
            @($warnings).Count | Should -Be 0 -Because "$file is the SMS's own $kind export"
        }
    }
}

Describe 'Defect 4: a wrong base URI says the address is not the NZQA API' {
    It 'the <What> given to Connect-Nzqa: what was called and what a base URI looks like, not "check the provider number"' -TestCases @(
        @{ What = 'sandbox root'; Uri = { $sandbox.Origin } }
        @{ What = 'DXP address'; Uri = { $sandbox.DxpUri } }
    ) {
        $uri = & $Uri
        $caught = $null
        try { Connect-Nzqa -BaseUri $uri -ProviderNumber 257 -Credential $cred -JournalPath (Join-Path $work 'journal') } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'NzqaNotTheApi,NzqaSync.Cmdlets.ConnectNzqaCommand'
        $caught.Exception.Message | Should -Match 'does not look like the NZQA SMS API'
        $caught.Exception.Message | Should -Match ([regex]::Escape($uri.TrimEnd('/')) + '/?providers/257')
        $caught.Exception.Message | Should -Match '/nzqa/v1'
        $caught.ErrorDetails.RecommendedAction | Should -Not -Match 'provider number'
        # The saved connection still works: a failed connect changed nothing.
        (Test-NzqaConnection -Connection $connection).Success | Should -BeTrue
    }
}

Describe 'Defect 4 for DXP: a wrong base URI says the address is not the DXP API' {
    BeforeAll {
        $script:dxpCred = Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001
        $script:dxpConnection = Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $dxpCred -JournalPath (Join-Path $work 'journal') -PassThru
    }
    AfterAll { Disconnect-Dxp -ErrorAction SilentlyContinue }

    It 'the <What> given to Connect-Dxp: what was called and what a base URI looks like, not "check the EDUMIS number"' -TestCases @(
        @{ What = 'sandbox root'; Uri = { $sandbox.Origin } }
        @{ What = 'NZQA address'; Uri = { $sandbox.NzqaUri } }
    ) {
        $uri = & $Uri
        $caught = $null
        try { Connect-Dxp -BaseUri $uri -Edumis 7001 -Credential $dxpCred -JournalPath (Join-Path $work 'journal') } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'DxpNotTheApi,NzqaSync.Cmdlets.ConnectDxpCommand'
        $caught.Exception.Message | Should -Match 'does not look like TEC''s DXP API'
        $caught.Exception.Message | Should -Match ([regex]::Escape($uri.TrimEnd('/')) + '/?submissions/v1\.0/returns')
        $caught.Exception.Message | Should -Match '<sandbox>/dxp'
        $caught.ErrorDetails.RecommendedAction | Should -Not -Match 'EDUMIS'
        # The saved connection still works: a failed connect changed nothing.
        (Test-DxpConnection -Connection $dxpConnection).Success | Should -BeTrue
    }
}

Describe 'Defect 5: diffs of the wrong kind piped to a Sync cmdlet' {
    It '$learnerDiffs | Sync-NzqaEnrolment is one error naming Sync-NzqaLearner, and nothing is sent' {
        $learnerDiffs = Import-NzqaRecord (Join-Path $work 'learners.csv') -Kind Learner -ErrorAction SilentlyContinue |
            Compare-NzqaLearner -ErrorAction SilentlyContinue
        @($learnerDiffs).Count | Should -BeGreaterThan 100
        $before = (Get-JournalEntryCount)
        $errors = @()
        $caught = $null
        # Every error the pipeline wrote (-ErrorVariable also records the terminating one); not one per diff.
        try { $learnerDiffs | Sync-NzqaEnrolment -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable +errors } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -Be 'NzqaWrongInputKind,NzqaSync.Cmdlets.SyncNzqaEnrolmentCommand'
        "$caught" | Should -Match 'Sync-NzqaLearner'
        (Get-JournalEntryCount) | Should -Be $before
    }

    It '$nzqaDiffs | Sync-DxpRecord is one DxpWrongInputKind error naming Sync-NzqaLearner, not the engine''s binding error; nothing sent' {
        $learnerDiffs = @(Import-NzqaRecord (Join-Path $work 'learners.csv') -Kind Learner -ErrorAction SilentlyContinue |
            Compare-NzqaLearner -ErrorAction SilentlyContinue)
        $before = (Get-JournalEntryCount)
        $errors = @()
        $caught = $null
        try { $learnerDiffs | Sync-DxpRecord -Connection $dxpConnection -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable +errors } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $caught.FullyQualifiedErrorId | Should -Be 'DxpWrongInputKind,NzqaSync.Cmdlets.SyncDxpRecordCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$caught" | Should -Match 'Sync-NzqaLearner'
        $caught.TargetObject | Should -Be $learnerDiffs[0]
        (Get-JournalEntryCount) | Should -Be $before
    }

    It 'enrolment records piped to Compare-NzqaLearner are one NzqaWrongRecordKind error and a count, not one missing-field error each' {
        $enrolments = @(Import-NzqaRecord (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue)
        $enrolments.Count | Should -BeGreaterThan 100
        $errors = @(); $warnings = @()
        $diffs = @($enrolments | Compare-NzqaLearner -ErrorAction SilentlyContinue -ErrorVariable errors -WarningVariable warnings -WarningAction SilentlyContinue)
        $diffs.Count | Should -Be 0
        $ids = @($errors | ForEach-Object FullyQualifiedErrorId)
        $ids | Should -Be @('NzqaWrongRecordKind,NzqaSync.Cmdlets.CompareNzqaLearnerCommand', 'NzqaCompareNoLocalRecords,NzqaSync.Cmdlets.CompareNzqaLearnerCommand')
        $errors[0].TargetObject | Should -Be $enrolments[0]
        "$($errors[0])" | Should -Match 'Compare-NzqaEnrolment'
        "$warnings" | Should -Match "$($enrolments.Count) records of another kind"
    }

    It 'records that were not compared are one error that says to compare first' {
        $errors = @()
        try { Import-NzqaRecord (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue | Sync-NzqaEnrolment -WhatIf } catch { $errors += $_ }
        $errors.Count | Should -Be 1
        "$($errors[0])" | Should -Match 'Compare-NzqaEnrolment'
    }
}

Describe 'Defect 6: Export-NzqaReport -PassThru' {
    It 'returns what Get-Item returns, so it displays with its columns filled' {
        $diff = Import-NzqaRecord (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue
        $path = Join-Path $work 'review.html'
        $file = $diff | Export-NzqaReport -Path $path -PassThru
        $file.PSParentPath | Should -Not -BeNullOrEmpty
        $file.PSProvider.Name | Should -Be 'FileSystem'
        ($file | Out-String) | Should -Be (Get-Item $path | Out-String)
        ($file | Format-Table | Out-String) | Should -Match ("\s$((Get-Item $path).Length)\s+review\.html")
    }
}

Describe 'Defect 8: sync status before any sync is what the Helix screen means by it' {
    BeforeAll {
        $script:standards = @(Import-NzqaRecord (Join-Path $work 'standards.csv') -Kind Standard -ErrorAction SilentlyContinue |
            Compare-NzqaStandard -ErrorAction SilentlyContinue)
    }

    It 'NZQA-only rows are not shown as Match (already identical): they have no sync status' {
        $nzqaOnly = @($standards | Where-Object Status -eq 'NzqaOnly')
        $nzqaOnly.Count | Should -BeGreaterThan 0
        $nzqaOnly | ForEach-Object { $_.SyncStatus | Should -BeNullOrEmpty }
    }

    It 'Invalid rows are Pending (not yet synced), not Failed: nothing was sent' {
        $invalid = @($standards | Where-Object Status -eq 'Invalid')
        $invalid.Count | Should -BeGreaterThan 0
        $invalid | ForEach-Object { "$($_.SyncStatus)" | Should -Be 'Pending' }
    }

    It 'no outcome that has not happened: before a sync nothing is Synced or Failed' {
        @($standards | Where-Object { "$($_.SyncStatus)" -in 'Synced', 'Failed' }).Count | Should -Be 0
        @($standards | Where-Object Status -eq 'Match' | Where-Object { "$($_.SyncStatus)" -ne 'Match' }).Count | Should -Be 0
        @($standards | Where-Object Status -in 'New', 'Different' | Where-Object { "$($_.SyncStatus)" -ne 'Pending' }).Count | Should -Be 0
    }

    It 'the Standards table has a SyncStatus column' {
        $table = $standards | Select-Object -First 5 | Format-Table | Out-String -Width 120
        ($table -split '\r?\n' | Where-Object { $_ -match '\S' } | Select-Object -First 1) | Should -Match '\bSyncStatus\b'
    }
}

Describe 'Defect 10: RecommendedAction texts a person can act on' {
    It 'a duplicated record says to keep one row, not "Correct Key in the SMS"' {
        $records = @(Import-NzqaRecord (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue)
        $errors = @()
        @($records) + @($records[0]) | Compare-NzqaEnrolment -ErrorAction SilentlyContinue -ErrorVariable +errors | Out-Null
        $duplicate = @($errors | Where-Object FullyQualifiedErrorId -like 'NzqaDuplicateKey*')
        $duplicate.Count | Should -BeGreaterThan 0
        $duplicate | ForEach-Object {
            $_.ErrorDetails.RecommendedAction | Should -Not -Match '\bKey\b'
            $_.ErrorDetails.RecommendedAction | Should -Match 'Keep one row'
        }
    }

    It 'a Get-ChildItem object piped in says to read the file with Import-NzqaRecord, not "Correct InputObject"' {
        $errors = @()
        Get-Item (Join-Path $work 'enrolments.csv') | Compare-NzqaEnrolment -ErrorAction SilentlyContinue -ErrorVariable +errors | Out-Null
        # The file's error, then "no local enrolment records came in": a file is not local data (nothing is NzqaOnly).
        $errors.Count | Should -Be 2
        $errors[1].FullyQualifiedErrorId | Should -BeLike 'NzqaCompareNoLocalRecords*'
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NzqaNoKnownProperties*'
        $errors[0].ErrorDetails.RecommendedAction | Should -Not -Match 'InputObject'
        $errors[0].ErrorDetails.RecommendedAction | Should -Match 'Import-NzqaRecord -Path .*enrolments\.csv.* -Kind Enrolment'
        # One problem, not also "the NSN is missing, the enrolment date is missing...".
        "$($errors[0])" | Should -Not -Match 'NSN is missing'
    }
}

Describe 'Defect 11: progress never reads "0 of 0"' {
    It 'Get-NzqaStandardDefinition and Compare-NzqaStandard report what they know' {
        # Progress cannot be redirected in pwsh: a second PowerShell in this process collects its records.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($uri, $cred, $journal, $standards)
                Import-Module NzqaSync
                Connect-Nzqa -BaseUri $uri -ProviderNumber 257 -Credential $cred -JournalPath $journal
                $null = Get-NzqaStandardDefinition
                $null = Import-NzqaRecord $standards -Kind Standard -ErrorAction SilentlyContinue | Compare-NzqaStandard -ErrorAction SilentlyContinue
            }).AddArgument($sandbox.NzqaUri).AddArgument($cred).AddArgument((Join-Path $work 'journal')).AddArgument((Join-Path $work 'standards.csv'))
            $null = $ps.Invoke()
            $progress = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }
        @($progress | Where-Object Activity -like '*catalogue*').Count | Should -BeGreaterThan 0
        @($progress | Where-Object StatusDescription -match '\b0 of 0\b').Count | Should -Be 0
    }
}
