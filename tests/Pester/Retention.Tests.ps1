# Student data kept no longer than needed: Clear-NzqaSyncLog -Before removes exactly the older entries (-WhatIf none),
# and the connection's JournalRetentionDays does the same after each sync.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force

    # A journal as earlier runs left it: one finished run a month, each with a few records (lines as the module writes them).
    function New-OldJournal([string] $Folder, [datetimeoffset[]] $RunTimes) {
        New-Item -ItemType Directory -Path $Folder -Force | Out-Null
        $n = 0
        foreach ($at in $RunTimes) {
            $run = 'r' + $at.ToString('yyyyMMddHHmm')
            $file = Join-Path $Folder ('journal-' + $at.ToString('yyyy-MM') + '.jsonl')
            $ts = $at.ToString('o')
            $lines = @(@{ t = 'run'; ts = $ts; run = $run; event = 'start'; api = 'Nzqa'; kind = 'Enrolment'; total = 3; pid = 1; host = 'old-server' })
            foreach ($i in 1..3) {
                $n++
                $nsn = (1000000 + $n).ToString()
                $lines += @{ t = 'op'; ts = $ts; run = $run; op = "${run}:Enrolment:${nsn}:0"; api = 'Nzqa'; kind = 'Enrolment'; key = $nsn; action = 'Create'; outcome = 'Pending' }
                $lines += @{ t = 'op'; ts = $at.AddSeconds(2).ToString('o'); run = $run; op = "${run}:Enrolment:${nsn}:0"; api = 'Nzqa'; kind = 'Enrolment'; key = $nsn; action = 'Create'; outcome = 'Failed'; errors = @("NSN $nsn was refused for Aroha Test") }
            }
            $lines += @{ t = 'run'; ts = $at.AddSeconds(3).ToString('o'); run = $run; event = 'end'; api = 'Nzqa'; kind = 'Enrolment'; total = 3; pid = 1; host = 'old-server' }
            $text = ($lines | ForEach-Object { $_ | ConvertTo-Json -Compress }) -join "`n"
            [IO.File]::AppendAllText($file, $text + "`n")
        }
    }
    function Get-FolderHash([string] $Folder) {
        (Get-ChildItem $Folder -File | Sort-Object Name | ForEach-Object { "$($_.Name):$((Get-FileHash $_.FullName).Hash)" }) -join ';'
    }
    $script:now = [datetimeoffset]::Now
}
AfterAll {
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
}

Describe 'Clear-NzqaSyncLog -Before' {
    BeforeEach {
        $script:journal = Join-Path (New-TestFolder) 'journal'
        New-OldJournal $journal @($now.AddDays(-200), $now.AddDays(-100), $now.AddDays(-40), $now.AddDays(-10), $now.AddMinutes(-5))
        $script:all = @(Get-NzqaSyncLog -Path $journal)
        $script:cutoff = $now.AddDays(-50).DateTime
    }

    It 'is a High-impact change that supports -WhatIf and -Confirm' {
        $cmd = Get-Command Clear-NzqaSyncLog
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.Parameters.Keys | Should -Contain 'Confirm'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'removes nothing with -WhatIf' {
        $hash = Get-FolderHash $journal
        Clear-NzqaSyncLog -Path $journal -Before $cutoff -WhatIf
        Get-FolderHash $journal | Should -Be $hash
        @(Get-NzqaSyncLog -Path $journal).Count | Should -Be $all.Count
    }

    It 'removes exactly the entries older than the date, and says which with -PassThru' {
        $all.Count | Should -Be 15
        $removed = @(Clear-NzqaSyncLog -Path $journal -Before $cutoff -Force -PassThru)
        $left = @(Get-NzqaSyncLog -Path $journal)
        ($removed.OperationId | Sort-Object) | Should -Be (($all | Where-Object Timestamp -lt $cutoff).OperationId | Sort-Object)
        $left.OperationId | Should -Be ($all | Where-Object Timestamp -ge $cutoff).OperationId
        $removed.Count | Should -Be 6
        # The two older months' files held nothing else: gone. No NSN of a removed entry is left in any file.
        @(Get-ChildItem $journal -Filter 'journal-*.jsonl').Count | Should -BeLessOrEqual 3
        $text = (Get-ChildItem $journal -Filter 'journal-*.jsonl' | Get-Content -Raw) -join ''
        foreach ($e in $removed) { $text | Should -Not -Match $e.Key }
    }

    It 'removes nothing in a host that cannot ask, without -Force, and says so' {
        $script = Join-Path (Split-Path $journal) 'clear.ps1'
        Set-Content $script "Import-Module NzqaSync; Clear-NzqaSyncLog -Path '$journal' -Before '$($cutoff.ToString('o'))' -ErrorAction Continue 2>&1 | ForEach-Object { `$_.FullyQualifiedErrorId }"
        $run = Invoke-ChildPwsh -File $script -Environment @{ PSModulePath = $env:PSModulePath }
        $run.Output | Should -Match 'NzqaSyncLogClearNotConfirmed'
        @(Get-NzqaSyncLog -Path $journal).Count | Should -Be $all.Count
    }
}

Describe 'Connect-Nzqa -JournalRetentionDays' {
    BeforeAll {
        $script:sandbox = Start-TestSandbox -Students 30
        $script:work = New-TestFolder
        Save-SmsExport -Sandbox $sandbox -Folder $work
    }
    AfterAll {
        Disconnect-Nzqa -ErrorAction SilentlyContinue
        Stop-TestSandbox $sandbox
    }

    It 'is on the connection (400 days unless given)' {
        $c = Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential -Sandbox $sandbox) -JournalPath (Join-Path $work 'j0') -PassThru
        $c.JournalRetentionDays | Should -Be 400
    }

    It 'removes entries older than the setting after a sync, and keeps the rest' {
        $journal = Join-Path $work 'journal'
        New-OldJournal $journal @($now.AddDays(-90), $now.AddDays(-20))
        Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential -Sandbox $sandbox) -JournalPath $journal -JournalRetentionDays 60
        $ErrorActionPreference = 'Continue'
        $results = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue |
            Compare-NzqaEnrolment -ErrorAction SilentlyContinue | Where-Object Status -in 'New', 'Different', 'Leaver' |
            Sync-NzqaEnrolment -ErrorAction SilentlyContinue)
        $results.Count | Should -BeGreaterThan 0
        $entries = @(Get-NzqaSyncLog -Path $journal)
        @($entries | Where-Object Timestamp -lt $now.AddDays(-60)).Count | Should -Be 0
        @($entries | Where-Object RunId -eq ('r' + $now.AddDays(-20).ToString('yyyyMMddHHmm'))).Count | Should -Be 3
        # (Enrolments held back for want of a learner at NZQA come out first, Skipped and never journalled.)
        $sent = $results.Where({ $_.Outcome -ne 'Skipped' })
        @($entries | Where-Object RunId -eq $sent[0].RunId).Count | Should -Be $sent.Count
    }
}

Describe 'Connect-Dxp -JournalRetentionDays' {
    BeforeAll {
        $script:sandbox = Start-TestSandbox -Students 10
        $script:work = New-TestFolder
        $script:cred = Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001
        $script:learnerCsv = Join-Path $work 'learners.csv'
        [pscustomobject]@{ 'Student ID' = 'RT0001'; NSN = 2150001; Surname = 'Rewi'; 'First Name' = 'Aroha'; Gender = 'F'; 'Date of Birth' = '01/04/2003'; 'Total Fee' = '7250.00' } |
            Export-Csv $learnerCsv -NoTypeInformation -Encoding utf8BOM
        # Entries of a DXP run 90 days ago (to go) and 20 days ago (to stay), as the journal would hold them.
        function Test-DxpRetention([string] $Journal, [scriptblock] $Send) {
            New-OldJournal $Journal @($now.AddDays(-90), $now.AddDays(-20))
            Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -JournalPath $Journal -JournalRetentionDays 60
            $ErrorActionPreference = 'Continue'
            $results = @(& $Send)
            $results.Count | Should -BeGreaterThan 0
            $entries = @(Get-NzqaSyncLog -Path $Journal)
            @($entries | Where-Object Timestamp -lt $now.AddDays(-60)).Count | Should -Be 0
            @($entries | Where-Object RunId -eq ('r' + $now.AddDays(-20).ToString('yyyyMMddHHmm'))).Count | Should -Be 3
            @($entries | Where-Object { $_.Api -eq 'Dxp' -and $_.RunId -eq $results[0].RunId }).Count | Should -BeGreaterThan 0
        }
    }
    AfterAll {
        Disconnect-Dxp -ErrorAction SilentlyContinue
        Stop-TestSandbox $sandbox
    }

    It 'is on the connection (400 days unless given)' {
        $c = Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -JournalPath (Join-Path $work 'j0') -PassThru
        $c.JournalRetentionDays | Should -Be 400
        $c.KeepExchanges | Should -Be 'Failures'
    }

    It 'removes entries older than the setting after Sync-DxpRecord, and keeps the rest' {
        Test-DxpRetention (Join-Path $work 'journal-sync') {
            Import-NzqaRecord -Path $learnerCsv -Kind DxpLearner | Compare-DxpRecord -ReturnId 202608 -Dataset Learner |
                Where-Object Status -in 'New', 'Different' | Sync-DxpRecord -Confirm:$false -ErrorAction SilentlyContinue
        }
    }

    It 'removes entries older than the setting after Send-DxpLearner, and keeps the rest' {
        Test-DxpRetention (Join-Path $work 'journal-send') {
            Import-NzqaRecord -Path $learnerCsv -Kind DxpLearner | Send-DxpLearner -ReturnId 202612 -ErrorAction SilentlyContinue
        }
    }
}
