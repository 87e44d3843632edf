# Issue #17, what a user sees at the edges: the review page and the journal are the user's own files, and an SMS
# export cannot smuggle huge or control-character fields into NZQA payloads. (Unix file modes: Linux and macOS.)
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -ForceImport
    $script:sandbox, $script:work, $script:connection = $school.Sandbox, $school.Work, $school.Connection
    $script:all = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment -ErrorAction SilentlyContinue |
        Compare-NzqaEnrolment -ErrorAction SilentlyContinue)
    $script:diff = $all | Select-Object -First 20
}
AfterAll { Stop-TestSchool $school }

Describe 'Export-NzqaReport writes a page only the user can read' {
    BeforeEach {
        $script:folder = New-TestFolder
        $script:page = Join-Path $folder 'review.html'
    }
    AfterEach { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'creates the page owner-only (0600), since it holds names, NSNs and dates of birth' -Skip:$IsWindows {
        $diff | Export-NzqaReport -Path $page
        (Get-Item $page).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses to replace an existing file without -Force, and replaces it (owner-only) with -Force' -Skip:$IsWindows {
        Set-Content $page 'the Principal''s notes'
        [System.IO.File]::SetUnixFileMode($page, [System.IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead')

        $refused = try { $diff | Export-NzqaReport -Path $page; $null } catch { $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'NzqaReportExists,*'
        $refused.ErrorDetails.RecommendedAction | Should -Match '-Force'
        Get-Content $page | Should -Be 'the Principal''s notes'

        $diff | Export-NzqaReport -Path $page -Force
        Get-Content $page -Raw | Should -Match '<html'
        (Get-Item $page).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
    }

    It 'refuses a symbolic link at -Path, even with -Force, and leaves its target alone' -Skip:$IsWindows {
        $target = Join-Path $folder 'bashrc'
        Set-Content $target 'alias ll=''ls -l'''
        New-Item -ItemType SymbolicLink -Path $page -Target $target | Out-Null

        $refused = try { $diff | Export-NzqaReport -Path $page -Force; $null } catch { $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'NzqaReportUnsafePath,*'
        Get-Content $target | Should -Be 'alias ll=''ls -l'''
    }
}

Describe 'The journal refuses a folder others can write to' {
    It 'stops the sync with NzqaUnsafePath and sends nothing' -Skip:$IsWindows {
        $open = Join-Path (New-TestFolder) 'journal'
        New-Item -ItemType Directory -Path $open | Out-Null
        [System.IO.File]::SetUnixFileMode($open, [System.IO.UnixFileMode]0x1FF)   # 0777
        $c = Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential -Sandbox $sandbox) -JournalPath $open -PassThru
        $new = @($all | Where-Object Status -eq 'New' | Select-Object -First 1)
        $new.Count | Should -Be 1

        # -ReleaseHeld: a new student's enrolment is otherwise held (NZQA holds no learner for it) before any journal is opened.
        $refused = try { $new | Sync-NzqaEnrolment -Connection $c -Confirm:$false -ReleaseHeld; $null } catch { $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'NzqaUnsafePath,*'
        $refused.Exception.Message | Should -Match '0777'
        @(Get-ChildItem $open).Count | Should -Be 0
        $after = Compare-NzqaEnrolment -Connection $c -InputObject $new[0].Local -ErrorAction SilentlyContinue | Where-Object Nsn -eq $new[0].Nsn
        $after.Status | Should -Be 'New' -Because 'nothing was sent to NZQA'
    }
}

Describe 'Import-NzqaRecord refuses what must not reach NZQA' {
    BeforeAll {
        $script:csvFolder = New-TestFolder
    }
    AfterAll { Remove-Item $csvFolder -Recurse -Force -ErrorAction SilentlyContinue }

    It 'refuses a NUL in a name with NzqaCsvControlCharacter and imports the other rows' {
        $path = Join-Path $csvFolder 'nul.csv'
        $text = "NSN,First Name,Last Name,Year Level,Enrolment Date,Notes`n" +
                "123456789,Ni$([char]0)kau,Smith,11,2026-02-02,`n" +
                "123456790,Mele,Tui,11,2026-02-02,`"rang home`nfirst`"`n"
        [System.IO.File]::WriteAllText($path, $text)
        $ErrorActionPreference = 'Continue'

        $records = @(Import-NzqaRecord -Path $path -Kind Enrolment -ErrorVariable bad 2>$null)

        $records.Count | Should -Be 1
        $records[0].FirstName | Should -Be 'Mele'
        $bad.Count | Should -Be 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'NzqaCsvControlCharacter,*'
        $bad[0].Exception.Message | Should -Match 'line 2'
        $bad[0].Exception.Message | Should -Match 'U\+0000'
        $bad[0].Exception.Message | Should -Match 'may not contain control characters'
    }

    It 'refuses a field longer than 64 KiB with NzqaCsvFieldTooLong naming the line, and imports the rows after it' {
        $path = Join-Path $csvFolder 'long.csv'
        $text = "NSN,First Name,Last Name,Year Level,Enrolment Date`n" +
                "123456789,$('x' * 70000),Smith,11,2026-02-02`n" +
                "123456790,Mele,Tui,11,2026-02-02`n"
        [System.IO.File]::WriteAllText($path, $text)
        $ErrorActionPreference = 'Continue'

        $records = @(Import-NzqaRecord -Path $path -Kind Enrolment -ErrorVariable bad 2>$null)

        $records.Count | Should -Be 1
        $records[0].SourceLine | Should -Be 3
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'NzqaCsvFieldTooLong,*'
        $bad[0].Exception.Message | Should -Match 'line 2'
    }
}
