# Smaller points of the fifth new-user trial (D17): each is what a tired admin meets first.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -Students 20 -NoConnect
    $script:work = $school.Work
}
AfterAll { Stop-TestSchool $school }

Describe 'Compare before Connect' {
    It 'says "not connected" before reading the export, not after every row error' {
        $ErrorActionPreference = 'Continue'
        Disconnect-Nzqa -ErrorAction SilentlyContinue
        $bad = Join-Path $work 'bad-learners.csv'
        "NSN,First Name,Last Name,Date of Birth`n100000001,A,B,31/02/2009`n100000002,C,D,30/02/2009" | Set-Content $bad
        $Error.Clear()
        try { Compare-NzqaLearner -Path $bad 2>$null | Out-Null } catch { }
        # One error, the connection's; none for the rows (they were never read).
        @($Error | ForEach-Object { "$($_.FullyQualifiedErrorId)" } | Sort-Object -Unique) | Should -HaveCount 1
        "$($Error[0].FullyQualifiedErrorId)" | Should -BeLike 'NzqaNotConnected*'
    }
}

Describe 'Get-NzqaSyncLog where nothing was journalled' {
    It 'warns where it looked and how to read a script''s journal, instead of an empty answer' {
        # A new session, no connection: the default journal (here an empty folder's path) holds nothing.
        $empty = Join-Path $work 'never-used-journal'
        Disconnect-Nzqa -ErrorAction SilentlyContinue
        $env:NZQASYNC_JOURNAL_PATH = $empty
        try { $log = @(Get-NzqaSyncLog -Summary -WarningVariable warnings 3>$null) } finally { Remove-Item Env:NZQASYNC_JOURNAL_PATH }
        $log.Count | Should -Be 0
        ($warnings -join ' ') | Should -Match ([regex]::Escape($empty))
        ($warnings -join ' ') | Should -Match 'Get-NzqaSyncLog -Path'
    }

    It 'says nothing when this session is connected and has simply sent nothing yet (a clean nightly run)' {
        Connect-Nzqa -BaseUri $school.Sandbox.NzqaUri -ProviderNumber 257 -Credential $school.Credential -JournalPath (Join-Path $work 'quiet-journal')
        $null = Get-NzqaSyncLog -Summary -WarningVariable quiet 3>$null
        $quiet.Count | Should -Be 0
        Disconnect-Nzqa
    }
}

Describe 'A wildcard in -Path' {
    It 'the error says -Path takes file names and how to read several' {
        $ErrorActionPreference = 'Continue'
        $null = Import-NzqaRecord -Path (Join-Path $work 'learn*.csv') -Kind Learner -ErrorVariable errors 2>$null
        ($errors[0].Exception.Message) | Should -Match 'not wildcards'
    }
}
