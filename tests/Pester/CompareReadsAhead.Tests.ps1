# Compare-Nzqa* reads NZQA's side while the local records are still being read (or still coming down the pipeline),
# instead of after the last one: the nightly run's CSV and NZQA's pages overlap. What a user sees is unchanged: the
# same diffs, errors in the same order, nothing read from NZQA for a compare that gets no local record.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 40 -ForceImport
    $script:sandbox, $script:work = $school.Sandbox, $school.Work
    function script:Calls { [int](Invoke-RestMethod -Uri ($sandbox.Origin + 'sandbox/stats')).apiCalls }
    function script:ResetCalls { $null = Invoke-RestMethod -Method Delete -Uri ($sandbox.Origin + 'sandbox/stats') }
    $script:standards = @(Import-NzqaRecord -Path (Join-Path $work 'standards.csv') -Kind Standard -ErrorAction SilentlyContinue)
}
AfterAll { Stop-TestSchool $school }

Describe 'Compare-NzqaStandard reads NZQA while the local records come in' {
    It 'NZQA is called once the first record is in, before the last one arrives; the diffs are those of an ordinary compare' {
        $standards.Count | Should -BeGreaterThan 10
        $expected = @($standards | Compare-NzqaStandard -ErrorAction SilentlyContinue | ForEach-Object { "$($_.Key) $($_.Status)" })
        ResetCalls
        $script:callsBeforeRest = $null
        $diffs = @(& {
                $standards[0]
                # Holds the rest back until NZQA has been called (or long enough to say it was not).
                $wait = [Diagnostics.Stopwatch]::StartNew()
                while ((Calls) -eq 0 -and $wait.Elapsed.TotalSeconds -lt 30) { Start-Sleep -Milliseconds 50 }
                $script:callsBeforeRest = Calls
                $standards[1..($standards.Count - 1)]
            } | Compare-NzqaStandard -ErrorAction SilentlyContinue)
        $callsBeforeRest | Should -BeGreaterThan 0
        @($diffs | ForEach-Object { "$($_.Key) $($_.Status)" }) | Should -Be $expected
    }

    It '-Path: the same diffs and errors, in the same order, as Import-NzqaRecord | Compare-NzqaStandard' {
        $ErrorActionPreference = 'Continue'
        $path = Join-Path $work 'standards.csv'
        $piped = @(Import-NzqaRecord -Path $path -Kind Standard -ErrorVariable pipeErrors 2>$null | Compare-NzqaStandard -ErrorVariable pipeCompareErrors 2>$null)
        $direct = @(Compare-NzqaStandard -Path $path -ErrorVariable directErrors 2>$null)
        @($direct | ForEach-Object { "$($_.Key) $($_.Status) $($_.SyncStatus)" }) | Should -Be @($piped | ForEach-Object { "$($_.Key) $($_.Status) $($_.SyncStatus)" })
        @($directErrors | ForEach-Object { "$($_.FullyQualifiedErrorId) $($_.Exception.Message)" }) |
            Should -Be @(@($pipeErrors) + @($pipeCompareErrors) | ForEach-Object { "$($_.FullyQualifiedErrorId) $($_.Exception.Message)" })
    }

    It 'no local record: NZQA is not called at all' {
        $ErrorActionPreference = 'Continue'
        ResetCalls
        $null = Compare-NzqaStandard -Path (Join-Path $work 'nope.csv') -ErrorVariable compareErrors 2>$null
        @($compareErrors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @('NzqaFileNotFound', 'NzqaCompareNoLocalRecords')
        Calls | Should -Be 0
    }

    It 'not connected: NzqaNotConnected stops the compare before the rows are read (no row errors first)' {
        $ErrorActionPreference = 'Continue'
        $bad = Join-Path $work 'bad-standards.csv'
        $lines = [IO.File]::ReadAllLines((Join-Path $work 'standards.csv'))
        [IO.File]::WriteAllLines($bad, @($lines[0], ($lines[1] + ',extra,cells'), $lines[2]))
        Disconnect-Nzqa
        try {
            $Error.Clear()
            try { $null = Compare-NzqaStandard -Path $bad 2>$null } catch { }
            $ids = @(@($Error)[($Error.Count - 1)..0] | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] })
            $ids | Should -Be @('NzqaNotConnected')
        }
        finally {
            Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential -Sandbox $sandbox) -JournalPath (Join-Path $work 'journal')
        }
    }
}
