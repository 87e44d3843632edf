# Output people keep: Export-Csv files, ConvertTo-Json, and the tables and lists a cron log captures at 80 columns
# (output redirected) or a wider console — for every output type the module writes, taken from real runs against
# the sandbox (school 257 and the tertiary provider 7001).
BeforeDiscovery {
    # Every type an exported cmdlet writes (DxpRemoveResult only after a delete: its layout is checked statically below).
    $script:typeNames = @(
        'NzqaSync.Compare.EnrolmentDiff', 'NzqaSync.Compare.LearnerDiff', 'NzqaSync.Compare.StandardDiff',
        'NzqaSync.Domain.EnrolmentRecord', 'NzqaSync.Domain.LearnerRecord', 'NzqaSync.Domain.StandardRecord', 'NzqaSync.Domain.StandardDefinition',
        'NzqaSync.Sync.SyncResult', 'NzqaSync.Journal.SyncLogEntry', 'NzqaSync.Journal.SyncLogSummary',
        'NzqaSync.Api.NzqaConnection', 'NzqaSync.Cmdlets.NzqaConnectionTest',
        'NzqaSync.Api.DxpConnection', 'NzqaSync.Cmdlets.DxpConnectionTest', 'NzqaSync.Api.DxpReturn', 'NzqaSync.Api.DxpSubmission',
        'NzqaSync.Domain.Dxp.CourseEnrolmentRecord', 'NzqaSync.Domain.Dxp.QualificationCompletionRecord',
        'NzqaSync.Sync.DxpUploadResult', 'NzqaSync.Api.DxpValidationRun', 'NzqaSync.Api.DxpValidationResult',
        'NzqaSync.Compare.DxpRecordDiff', 'NzqaSync.Sync.DxpSyncResult', 'NzqaSync.Domain.Dxp.DxpLearnerRecord'
    ) | ForEach-Object { @{ TypeName = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $PSStyle.OutputRendering = 'PlainText'
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $journal = Join-Path $work 'journal'
    Save-SmsExport -Sandbox $sandbox -Folder $work
    $ErrorActionPreference = 'Continue'

    $o = @{}
    function Add-Sample($items) { foreach ($i in @($items)) { if ($null -ne $i) { $key = $i.GetType().FullName; if (-not $o[$key]) { $o[$key] = [Collections.Generic.List[object]]::new() }; $o[$key].Add($i) } } }

    Add-Sample (Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential $sandbox) -JournalPath $journal -PassThru)
    Add-Sample (Test-NzqaConnection)
    $script:enrolmentDiff = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null | Compare-NzqaEnrolment 2>$null)
    Add-Sample ($enrolmentDiff | Sort-Object { $_.Status -eq 'Match' } | Select-Object -First 12)
    Add-Sample (@(Import-NzqaRecord -Path (Join-Path $work 'learners.csv') -Kind Learner 2>$null | Compare-NzqaLearner 2>$null) | Sort-Object { $_.Status -eq 'Match' } | Select-Object -First 8)
    Add-Sample (@(Import-NzqaRecord -Path (Join-Path $work 'standards.csv') -Kind Standard 2>$null | Compare-NzqaStandard 2>$null) | Sort-Object { $_.Status -eq 'Match' } | Select-Object -First 8)
    Add-Sample (Get-NzqaEnrolment | Select-Object -First 3)
    Add-Sample (Get-NzqaLearner | Select-Object -First 3)
    Add-Sample (Get-NzqaStandard | Select-Object -First 3)
    Add-Sample (Get-NzqaStandardDefinition | Select-Object -First 3)
    # -ReleaseHeld: the enrolments of learners NZQA does not hold are sent too, so some fail with NZQA's words (long errors).
    $script:syncResults = @($enrolmentDiff | Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaEnrolment -ReleaseHeld -Confirm:$false 2>$null)
    Add-Sample ($syncResults | Sort-Object { $_.Outcome -ne 'Failed' })

    $dxpCred = Get-TestCredential $sandbox -ProviderNumber 7001
    Add-Sample (Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $dxpCred -JournalPath $journal -PassThru)
    Add-Sample (Test-DxpConnection)
    $returns = @(Get-DxpReturn)
    Add-Sample $returns
    $returnId = @($returns | Where-Object ReturnStatus -eq 'Open')[0].ReturnId
    if (-not $returnId) { $returnId = $returns[0].ReturnId }
    Add-Sample (Get-DxpSubmission -ReturnId $returnId)
    $sdr = Join-Path $work 'sdr'
    $null = Save-TertiaryExportFiles -Folder $sdr
    $courses = @(Import-NzqaRecord -Path (Join-Path $sdr 'course-enrolments.csv') -Kind CourseEnrolment 2>$null)
    $completions = @(Import-NzqaRecord -Path (Join-Path $sdr 'qualification-completions.csv') -Kind QualificationCompletion 2>$null)
    Add-Sample ($courses | Select-Object -First 3)
    # An SDR learner round: six uploaded by Sync-DxpRecord, then one fee changed (Different) and one gender wrong (Invalid).
    $dxpLearners = @(Import-NzqaRecord -Path (Join-Path $sdr 'learners.csv') -Kind DxpLearner 2>$null | Select-Object -First 6)
    $script:dxpSyncResults = @($dxpLearners | Compare-DxpRecord -ReturnId $returnId -Dataset Learner 2>$null | Where-Object Status -in 'New', 'Different' | Sync-DxpRecord -Confirm:$false 2>$null)
    $dxpLearners[0].TotalFeeForDomesticStudent = 9999
    $dxpLearners[1].Gender = 'X'
    $script:dxpDiffs = @($dxpLearners | Compare-DxpRecord -ReturnId $returnId -Dataset Learner 2>$null)
    Add-Sample ($dxpDiffs | Sort-Object { $_.Status -eq 'Match' })
    Add-Sample $dxpSyncResults
    # The Invalid one synced too: a DXP result with an error to show.
    Add-Sample @($dxpDiffs | Where-Object Status -eq 'Invalid' | Sync-DxpRecord -Confirm:$false 2>$null)
    Add-Sample $dxpLearners
    Add-Sample ($completions | Select-Object -First 3)
    $script:dxpResults = @($courses | Send-DxpCourseEnrolment -ReturnId $returnId 2>$null) + @($completions | Send-DxpQualificationCompletion -ReturnId $returnId 2>$null)
    Add-Sample ($dxpResults | Sort-Object { $_.Outcome -eq 'Accepted' } | Select-Object -First 10)
    Add-Sample (Start-DxpValidation -ReturnId $returnId)
    $null = Get-DxpValidation -ReturnId $returnId -Wait -TimeoutSeconds 120
    Add-Sample (Get-DxpValidationResult -ReturnId $returnId | Select-Object -First 8)
    Add-Sample (Get-NzqaSyncLog -Path $journal | Sort-Object { $_.Outcome -ne 'Failed' } | Select-Object -First 10)
    Add-Sample (Get-NzqaSyncLog -Path $journal -Summary)
    $script:samples = $o
    # The DXP learners' journal entries: their keys are the module's 35-character learner localIds.
    $script:dxpLearnerLog = @(Get-NzqaSyncLog -Path $journal -Api Dxp -Kind Learner)

    # The table view the module ships for each type: its column labels in order.
    [xml] $format = Get-Content (Join-Path (Split-Path (Get-Module NzqaSync).Path) 'NzqaSync.format.ps1xml') -Raw
    $script:views = @{}
    foreach ($view in $format.Configuration.ViewDefinitions.View) {
        if (-not $view.TableControl) { continue }
        $labels = @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label })
        $widths = @($view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { if ($_.Width) { [int]$_.Width } else { 0 } })
        foreach ($t in @($view.ViewSelectedBy.TypeName)) { $views[$t] = [pscustomobject]@{ Name = $view.Name; Labels = $labels; Widths = $widths } }
    }

    function script:Get-TableHeader([string] $Text) {
        # The line above the first line of dashes: the column labels as a person reads them.
        $lines = $Text -split "`r?`n"
        $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.TrimStart().StartsWith('---') })
        if ($dashes -lt 1) { return $null }
        , @($lines[$dashes - 1] -split '\s+' | Where-Object { $_ })
    }
}
AfterAll {
    Disconnect-Nzqa; Disconnect-Dxp
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-Csv keeps what people read' {
    It 'diffs: Status by name, Differences and Problems as text, records as their NSN and name' {
        $file = Join-Path $work 'diff.csv'
        $enrolmentDiff | Export-Csv -Path $file -NoTypeInformation
        $rows = Import-Csv $file
        $rows.Count | Should -Be $enrolmentDiff.Count
        ($rows.Status | Sort-Object -Unique) | Should -Contain 'Different'
        $different = @($rows | Where-Object Status -eq 'Different')[0]
        $different.Differences | Should -Match '^\w+: .+ \(NZQA .+\)'
        $different.Differences | Should -Not -Match 'System\.|NzqaSync\.|\[\]'
        $invalid = @($rows | Where-Object Status -eq 'Invalid')[0]
        $invalid.Problems | Should -Not -BeNullOrEmpty
        $invalid.Problems | Should -Not -Match 'System\.|NzqaSync\.'
        $text = Get-Content $file -Raw
        $text | Should -Not -Match 'NzqaSync\.(Compare|Domain)\.|System\.Collections|System\.String\[\]'
    }

    It 'DXP diffs: Differences, Problems, Local and Dxp as text, as NZQA diffs are' {
        $file = Join-Path $work 'dxpdiff.csv'
        $dxpDiffs | Export-Csv -Path $file -NoTypeInformation
        $rows = Import-Csv $file
        $rows.Count | Should -Be $dxpDiffs.Count
        $different = @($rows | Where-Object Status -eq 'Different')[0]
        $different.Differences | Should -Match '^totalFeeForDomesticStudent: 9999(\.00)? \(DXP .+\)$'
        $different.Local | Should -Match '^\S+ \(student \S+'
        $different.Dxp | Should -Be $different.Local -Because 'both name the same learner'
        $invalid = @($rows | Where-Object Status -eq 'Invalid')[0]
        $invalid.Problems | Should -Match 'gender'
        Get-Content $file -Raw | Should -Not -Match 'NzqaSync\.(Compare|Domain)\.|System\.Collections|\[\]'
    }

    It 'sync results: Outcome, Key and the errors as text' {
        $file = Join-Path $work 'sync.csv'
        $syncResults | Export-Csv -Path $file -NoTypeInformation
        $rows = Import-Csv $file
        $rows.Count | Should -Be $syncResults.Count
        $failed = @($rows | Where-Object Outcome -eq 'Failed')
        $failed.Count | Should -BeGreaterThan 0
        $failed[0].Key | Should -Not -BeNullOrEmpty
        $failed[0].Errors | Should -Not -BeNullOrEmpty
        Get-Content $file -Raw | Should -Not -Match 'System\.Collections|System\.String\[\]|NzqaSync\.Domain\.TextList'
    }

    It 'DXP results: Outcome, LocalId and the errors as text' {
        $file = Join-Path $work 'dxp.csv'
        $dxpResults | Export-Csv -Path $file -NoTypeInformation
        $rows = Import-Csv $file
        $rows.Count | Should -Be $dxpResults.Count
        $notStored = @($rows | Where-Object Outcome -ne 'Accepted')
        $notStored.Count | Should -BeGreaterThan 0
        $notStored[0].Errors | Should -Match '\w{4,}'
        Get-Content $file -Raw | Should -Not -Match 'System\.Collections|System\.String\[\]|NzqaSync\.Domain\.TextList'
    }
}

Describe 'ConvertTo-Json' {
    It 'names a diff''s Status (not a number) and keeps its differences' {
        $different = @($enrolmentDiff | Where-Object Status -eq 'Different')[0]
        $json = $different | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Status | Should -Be 'Different'
        $json.Differences[0].Field | Should -Not -BeNullOrEmpty
        $json.Key | Should -Be $different.Key
    }

    It 'names every status of a compare when the whole diff is converted' {
        $json = $enrolmentDiff | ConvertTo-Json -Depth 2 | ConvertFrom-Json
        ($json.Status | Sort-Object -Unique) | Should -Be (($enrolmentDiff.Status | Sort-Object -Unique))
        $json.Status | Should -Not -Match '^\d+$'
    }
}

Describe 'Tables and lists of <TypeName>' -ForEach $typeNames {
    BeforeAll {
        $items = $samples[$TypeName]
        $view = $views[$TypeName]
    }

    It 'has real objects to show and a table view' {
        $items.Count | Should -BeGreaterThan 0 -Because "a run against the sandbox writes $TypeName"
        $view | Should -Not -BeNullOrEmpty
    }

    It 'Format-Table | Out-String -Width <_> keeps every column, its header whole on one line' -ForEach 80, 120 {
        $text = $items | Format-Table | Out-String -Width $_
        $header = Get-TableHeader $text
        $header | Should -Be $view.Labels -Because "at $_ columns:`n$text"
        foreach ($line in $text -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual $_ }
    }

    It 'Format-List shows the status, key and errors of each object' {
        $text = $items | Select-Object -First 1 | Format-List | Out-String -Width 80
        foreach ($name in 'Status', 'Outcome', 'Key', 'LocalId', 'Errors', 'Problems', 'Differences', 'Message', 'ErrorDescription') {
            if ($items[0].PSObject.Properties[$name]) { $text | Should -Match "(?m)^$name\s+:" -Because "$name of $TypeName" }
        }
    }
}

Describe 'Columns a cron log needs to say why' {
    It '<Type> keeps <Columns> at 80 columns' -ForEach @(
        @{ Type = 'NzqaSync.Compare.EnrolmentDiff'; Columns = 'Status', 'Nsn', 'Differences' }
        @{ Type = 'NzqaSync.Compare.StandardDiff'; Columns = 'Status', 'Nsn', 'Standard', 'LocalResult', 'NzqaResult' }
        @{ Type = 'NzqaSync.Sync.SyncResult'; Columns = 'Outcome', 'Key', 'Errors' }
        @{ Type = 'NzqaSync.Journal.SyncLogEntry'; Columns = 'Outcome', 'Key', 'Errors' }
        @{ Type = 'NzqaSync.Sync.DxpUploadResult'; Columns = 'Outcome', 'LocalId', 'Errors' }
        @{ Type = 'NzqaSync.Sync.DxpSyncResult'; Columns = 'Outcome', 'Action', 'LocalId', 'Errors' }
        @{ Type = 'NzqaSync.Compare.DxpRecordDiff'; Columns = 'Status', 'LocalId', 'Student', 'Differences' }
        @{ Type = 'NzqaSync.Api.DxpValidationResult'; Columns = 'Type', 'Code', 'LocalId', 'Description' }
    ) {
        $text = $samples[$Type] | Format-Table | Out-String -Width 80
        $header = Get-TableHeader $text
        foreach ($c in $Columns) { $header | Should -Contain $c -Because "at 80 columns:`n$text" }
    }

    It 'the error text of a failed record is in the 80-column table, not cut off' {
        $failed = @($dxpResults | Where-Object { $_.Outcome -ne 'Accepted' -and $_.Errors.Count })[0]
        $text = $failed | Format-Table | Out-String -Width 80
        $words = @($failed.Errors[0] -split '\s+' | Where-Object Length -ge 6 | Select-Object -First 3)
        $flat = ($text -split "`r?`n" | ForEach-Object { $_.Trim() }) -join ' '
        foreach ($w in $words) { $flat | Should -Match ([regex]::Escape($w.Substring(0, 4))) }
    }

    It 'a Different learner or enrolment shows NZQA''s value at 80 columns, not cut off before it' {
        # The longest summary of the learner and enrolment diffs shown (a learner's date of birth and names: wider than the column).
        $different = @(@($samples['NzqaSync.Compare.LearnerDiff']) + @($enrolmentDiff) | Where-Object { $_.Status -eq 'Different' -and $_.Differences.Count } |
            Sort-Object { $_.DifferenceSummary.Length } -Descending)[0]
        $different.DifferenceSummary.Length | Should -BeGreaterThan 30
        $text = $different | Format-Table | Out-String -Width 80
        # The wrapped column, put back together: every character of the summary is there, NZQA's value included.
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $start = $lines[0].IndexOf('Differences')
        $column = -join @($lines | Select-Object -Skip 2 | ForEach-Object { if ($_.Length -gt $start) { $_.Substring($start).TrimEnd() } })
        ($column -replace '\s', '') | Should -BeLike ('*' + ($different.DifferenceSummary -replace '\s', '') + '*') -Because "at 80 columns:`n$text"
        $text | Should -Not -Match '…'
    }

    It 'the DXP journal summary shows each Kind whole' {
        $dxp = @($samples['NzqaSync.Journal.SyncLogSummary'] | Where-Object Api -eq 'Dxp')
        $dxp.Kind | Should -Contain 'QualificationCompletion'
        $text = $dxp | Format-Table | Out-String -Width 80
        $text | Should -Match '\bQualificationCompletion\b'
        $text | Should -Match '\bCourseEnrolment\b'
        $text | Should -Not -Match '…'
    }

    It 'every table view fits 80 columns with room for its last column''s header' {
        foreach ($v in $views.Values | Sort-Object Name -Unique) {
            $fixed = ($v.Widths | Measure-Object -Sum).Sum + $v.Widths.Count - 1
            $fixed + $v.Labels[-1].Length | Should -BeLessOrEqual 79 -Because "$($v.Name): fixed columns take $fixed of 80"
        }
    }
}

Describe 'Long text and localIds at 80 columns' {
    BeforeAll {
        function script:Get-ColumnText([string] $Table, [string] $Label) {
            # What one column of a one-object table holds, all its lines: from its run of dashes to the next column's
            # (the last column to the 80th character). Width is the column's width at 80.
            $lines = @($Table -split "`r?`n")
            $dashes = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.TrimStart().StartsWith('---') })
            $k = [array]::IndexOf(@($lines[$dashes - 1] -split '\s+' | Where-Object { $_ }), $Label)
            $runs = [regex]::Matches($lines[$dashes], '-+')
            $start = $runs[$k].Index
            $end = if ($k + 1 -lt $runs.Count) { $runs[$k + 1].Index } else { 80 }
            $text = @($lines | Select-Object -Skip ($dashes + 1) | Where-Object { $_.Length -gt $start } |
                ForEach-Object { $_.Substring($start, [Math]::Min($end, $_.Length) - $start) }) -join "`n"
            [pscustomobject]@{ Text = $text; Width = $end - $start }
        }
    }

    It '<Type>: <Label> breaks between words, never inside one' -ForEach @(
        @{ Type = 'NzqaSync.Sync.SyncResult'; Label = 'Errors'; Text = { $_.Errors -join '; ' } }
        @{ Type = 'NzqaSync.Journal.SyncLogEntry'; Label = 'Errors'; Text = { $_.Errors -join '; ' } }
        @{ Type = 'NzqaSync.Journal.SyncLogSummary'; Label = 'Progress'; Text = { $_.Progress } }
        @{ Type = 'NzqaSync.Sync.DxpUploadResult'; Label = 'Errors'; Text = { $_.Errors -join '; ' } }
        @{ Type = 'NzqaSync.Sync.DxpSyncResult'; Label = 'Errors'; Text = { $_.Errors -join '; ' } }
        @{ Type = 'NzqaSync.Compare.DxpRecordDiff'; Label = 'Differences'; Text = { $_.DifferenceSummary } }
        # (LearnerDiff shares this view.)
        @{ Type = 'NzqaSync.Compare.EnrolmentDiff'; Label = 'Differences'; Text = { $_.DifferenceSummary } }
        @{ Type = 'NzqaSync.Api.DxpValidationResult'; Label = 'Description'; Text = { $_.ErrorDescription } }
    ) {
        $wrapped = 0
        foreach ($item in $samples[$Type]) {
            $source = [string]($item | ForEach-Object $Text)
            $words = @($source -split '\s+' | Where-Object { $_ })
            if ($words.Count -lt 2) { continue }
            $table = $item | Format-Table | Out-String -Width 80
            $column = Get-ColumnText $table $Label
            # A word wider than the column can only be cut (DXP's long field names in a Differences column).
            if (($words | Measure-Object Length -Maximum).Maximum -gt $column.Width) { continue }
            # Every word of the text, whole and in order (PowerShell's own wrap cut "No lear|ner", "fund|s").
            (@($column.Text -split '\s+' | Where-Object { $_ }) -join ' ') | Should -Be ($words -join ' ') -Because "at 80 columns:`n$table"
            foreach ($line in $table -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
            if ($source.Length -gt $column.Width) { $wrapped++ }
        }
        $wrapped | Should -BeGreaterThan 0 -Because "the samples hold $Type text longer than its $Label column"
    }

    It '<Name> shows each 35-character localId whole, on one line' -ForEach @(
        @{ Name = 'Compare-DxpRecord''s diff'; Items = { $samples['NzqaSync.Compare.DxpRecordDiff'] }; Id = 'LocalId' }
        @{ Name = 'Sync-DxpRecord''s result'; Items = { $samples['NzqaSync.Sync.DxpSyncResult'] }; Id = 'LocalId' }
        @{ Name = 'Import-NzqaRecord -Kind DxpLearner''s record'; Items = { $samples['NzqaSync.Domain.Dxp.DxpLearnerRecord'] }; Id = 'LocalId' }
        @{ Name = 'the journal''s DXP learner entry'; Items = { $dxpLearnerLog }; Id = 'Key' }
        @{ Name = 'a DXP validation result'; Id = 'LocalId'; Items = {
                # As DXP reports a learner-file error (the sandbox's validation samples are all short enrolment ids).
                [NzqaSync.Api.DxpValidationResult]@{ FileType = 'Learner'; ErrorType = 'Error'; ErrorCode = 'GEN01'; LocalId = $samples['NzqaSync.Compare.DxpRecordDiff'][0].LocalId
                    StudentId = 'TA260101'; ErrorDescription = 'Gender must be M, F or D.' } } }
    ) {
        $items = @(& $Items | Where-Object { $_.$Id.Length -gt 30 })
        $items.Count | Should -BeGreaterThan 0
        foreach ($item in $items) {
            $table = $item | Format-Table | Out-String -Width 80
            $table | Should -Match ([regex]::Escape($item.$Id)) -Because "at 80 columns:`n$table"
            foreach ($line in $table -split "`r?`n") { $line.TrimEnd().Length | Should -BeLessOrEqual 80 }
        }
    }
}

Describe 'Dates look the same in every table' {
    It 'no table of any type prints a date the culture''s way; dates are yyyy-MM-dd' {
        $seen = 0
        foreach ($key in $samples.Keys) {
            $text = $samples[$key] | Format-Table | Out-String -Width 120
            # How .NET shows a DateTime or DateTimeOffset column left to the culture (error texts may quote the export's own dates).
            $text | Should -Not -Match '\b\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d\d' -Because "$key`n$text"
            $text | Should -Not -Match ':\d\d [+-]\d\d:\d\d\b' -Because "$key shows an offset:`n$text"
            if ($text -match '\b20\d\d-\d\d-\d\d\b') { $seen++ }
        }
        $seen | Should -BeGreaterThan 5
    }

    It 'no table column shows a date property as it is (each is formatted yyyy-MM-dd)' {
        [xml] $format = Get-Content (Join-Path (Split-Path (Get-Module NzqaSync).Path) 'NzqaSync.format.ps1xml') -Raw
        foreach ($view in $format.Configuration.ViewDefinitions.View) {
            if (-not $view.TableControl) { continue }
            $type = @($view.ViewSelectedBy.TypeName)[0] -as [type]
            if (-not $type) { continue }
            foreach ($item in $view.TableControl.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem) {
                if (-not $item.PropertyName) { continue }
                $prop = $type.GetProperty($item.PropertyName)
                if (-not $prop) { continue }
                $t = [Nullable]::GetUnderlyingType($prop.PropertyType) ?? $prop.PropertyType
                $t | Should -Not -BeIn ([datetime], [datetimeoffset]) -Because "$($view.Name) shows $($item.PropertyName) unformatted"
            }
        }
    }

    It 'the validation table shows when it was requested and completed as yyyy-MM-dd HH:mm' {
        $text = $samples['NzqaSync.Api.DxpValidationRun'] | Format-Table | Out-String -Width 80
        $text | Should -Match '\b20\d\d-\d\d-\d\d \d\d:\d\d\b'
    }
}
