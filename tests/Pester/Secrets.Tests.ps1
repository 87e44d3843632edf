# Secrets at rest: off Windows a credential saved with Export-Clixml is not encrypted (the password is hex in the
# file), so Import-NzqaCredential and samples/nightly-sync.ps1 refuse one that anyone but its owner can read.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox -Students 40
    $script:work = New-TestFolder
    Save-SmsExport -Sandbox $sandbox -Folder $work
    $script:cred = Get-TestCredential -Sandbox $sandbox
    $script:password = $cred.GetNetworkCredential().Password

    function New-CredentialFile([string] $Name, [System.IO.UnixFileMode] $Mode) {
        $path = Join-Path $work $Name
        $cred | Export-Clixml -Path $path
        [IO.File]::SetUnixFileMode($path, $Mode)
        $path
    }
    $script:worldReadable = New-CredentialFile 'world.xml' ([System.IO.UnixFileMode]'UserRead, UserWrite, GroupRead, OtherRead')
    $script:ownerOnly = New-CredentialFile 'owner.xml' ([System.IO.UnixFileMode]'UserRead, UserWrite')
    $script:nightly = Join-Path (Get-RepoRoot) 'samples/nightly-sync.ps1'
}
AfterAll {
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A credential file off Windows' -Skip:$IsWindows {
    It 'really holds the password unencrypted (why the rule exists)' {
        $hex = -join ([Text.Encoding]::Unicode.GetBytes($password) | ForEach-Object { $_.ToString('x2') })
        (Get-Content $ownerOnly -Raw) | Should -Match $hex
    }

    It 'is refused by Import-NzqaCredential when others can read it, saying it is not encrypted' {
        $err = $null
        try { Import-NzqaCredential -Path $worldReadable } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'NzqaCredentialFileExposed,NzqaSync.Cmdlets.ImportNzqaCredentialCommand'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -Match 'not encrypt'
        $err.Exception.Message | Should -Match '644'
        $err.ErrorDetails.RecommendedAction | Should -Match 'chmod 600'
        $err.ErrorDetails.RecommendedAction | Should -Match 'SecretManagement'
        "$err $($err.ErrorDetails.RecommendedAction)" | Should -Not -Match ([regex]::Escape($password))
    }

    It 'is read when only its owner can read it' {
        $read = Import-NzqaCredential -Path $ownerOnly
        $read | Should -BeOfType [pscredential]
        $read.UserName | Should -Be $cred.UserName
        $read.GetNetworkCredential().Password | Should -Be $password
    }

    It 'is a clear NzqaCredentialFileNotFound when missing' {
        { Import-NzqaCredential -Path (Join-Path $work 'missing.xml') } | Should -Throw -ErrorId 'NzqaCredentialFileNotFound,NzqaSync.Cmdlets.ImportNzqaCredentialCommand'
    }
}

Describe 'samples/nightly-sync.ps1 -CredentialPath' -Skip:$IsWindows {
    BeforeAll {
        function Invoke-Nightly([string] $CredentialPath) {
            Invoke-ChildPwsh -File $nightly -Arguments @(
                '-BaseUri', $sandbox.NzqaUri, '-ProviderNumber', '257', '-SmsExportFolder', $work,
                '-CredentialPath', $CredentialPath, '-JournalPath', (Join-Path $work 'journal'), '-SecretName', 'none'
            ) -Environment @{ PSModulePath = $env:PSModulePath }
        }
    }

    It 'exits 2 before connecting, with a clear message, when the file is world-readable' {
        $run = Invoke-Nightly $worldReadable
        $run.ExitCode | Should -Be 2 -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match 'cannot use the credential file'
        $run.Output | Should -Match 'can be read or changed by others'
        $run.Output | Should -Match 'not encrypt'
        $run.Output | Should -Match 'chmod 600'
        $run.Output | Should -Not -Match 'Journal:'
        "$($run.Output)$($run.Error)" | Should -Not -Match ([regex]::Escape($password))
    }

    It 'connects and syncs with an owner-only file' {
        $run = Invoke-Nightly $ownerOnly
        $run.ExitCode | Should -BeIn @(0, 1) -Because "$($run.Output)$($run.Error)"
        $run.Output | Should -Match 'Enrolment: \d+ compared'
        $run.Output | Should -Match 'Journal: '
        "$($run.Output)$($run.Error)" | Should -Not -Match ([regex]::Escape($password))
    }
}
