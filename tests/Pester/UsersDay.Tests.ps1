# The README's "user's day", run verbatim in real pwsh with the module imported by name (out/ on PSModulePath, the
# README's development route). Only what this Linux machine lacks is stood in for: Get-Secret (SecretManagement is not
# installed here) answers with the sandbox's machine account, and Out-GridView (Windows only) passes every row on,
# as a reviewer who selects all and presses OK would.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    Save-SmsExport -Sandbox $sandbox -Folder $work
    Copy-Item (Join-Path $work 'enrolments.csv') (Join-Path $work 'kamar-enrolments.csv')
    Copy-Item (Join-Path $work 'learners.csv') (Join-Path $work 'kamar-learners.csv')

    $readme = Get-Content (Join-Path (Get-RepoRoot) 'README.md') -Raw
    $m = [regex]::Match($readme, '## The user''s day[^\n]*\n+```powershell\n(?<code>.*?)```', 'Singleline')
    $script:usersDay = $m.Groups['code'].Value
}
AfterAll {
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The README user''s day' {
    It 'is found in the README and imports the module by name' {
        $usersDay | Should -Match 'Import-Module NzqaSync\b'
        $usersDay | Should -Match 'Connect-Nzqa'
    }

    It 'runs verbatim: connects, compares, syncs the changes and reads the log' {
        $nzqa = $sandbox.NzqaUri
        $cred = Get-TestCredential -Sandbox $sandbox
        function Get-Secret { param([Parameter(Position = 0)] $Name) $cred }
        function Out-GridView { param([switch] $PassThru, [string] $Title) process { if ($PassThru) { $_ } } }
        $env:NZQASYNC_JOURNAL_PATH = Join-Path $work 'journal'
        $ErrorActionPreference = 'Continue'   # a user's shell: the export's bad rows are errors, the rest carries on
        Push-Location $work
        try {
            $output = . ([scriptblock]::Create($usersDay)) 2>&1
        }
        finally {
            Pop-Location
            Remove-Item Env:NZQASYNC_JOURNAL_PATH
        }
        # The export's bad rows and NZQA's refusals are errors with the module's own ids; nothing else went wrong.
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -BeGreaterThan 0
        $errors | ForEach-Object { $_.FullyQualifiedErrorId } | Should -Match '^Nzqa\w+,NzqaSync\.'
        (Get-Module NzqaSync).Path | Should -BeLike "$(Get-ModuleOutFolder)*"
        $diff.Count | Should -BeGreaterThan 100
        @($diff | Where-Object Status -eq 'New').Count | Should -BeGreaterThan 0
        # The sync ran: the summary says how many enrolments were processed and what happened to them.
        $summary = @(Get-NzqaSyncLog -Summary) | Where-Object Kind -eq 'Enrolment'
        $summary | Should -Not -BeNullOrEmpty
        # After the sync a second compare of the same export has fewer New records: what NZQA accepted is there now.
        $again = Import-NzqaRecord -Path (Join-Path $work 'kamar-enrolments.csv') -Kind Enrolment | Compare-NzqaEnrolment -ErrorAction SilentlyContinue
        @($again | Where-Object Status -eq 'New').Count | Should -BeLessThan @($diff | Where-Object Status -eq 'New').Count
    }
}
