# The module as a user installs and imports it: by name, from the assembled folder, with its manifest, format data
# and help, in a pwsh that has never seen it.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
}

Describe 'Import-Module NzqaSync by name' {
    It 'imports from out/NzqaSync in a fresh pwsh and exports the manifest''s cmdlets' {
        $manifest = Import-PowerShellDataFile (Join-Path (Get-ModuleOutFolder) 'NzqaSync/NzqaSync.psd1')
        $script = Join-Path (New-TestFolder) 'import.ps1'
        Set-Content $script @'
$ErrorActionPreference = 'Stop'
Import-Module NzqaSync
(Get-Command -Module NzqaSync).Name -join ','
'@
        $run = Invoke-ChildPwsh -File $script -Environment @{ PSModulePath = $env:PSModulePath }
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $names = $run.Output.Trim() -split ','
        $names | Sort-Object | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'passes Test-ModuleManifest' {
        { Test-ModuleManifest -Path (Join-Path (Get-ModuleOutFolder) 'NzqaSync/NzqaSync.psd1') -ErrorAction Stop } | Should -Not -Throw
    }

    It 'has help for every exported cmdlet with a synopsis and an example' {
        Import-Module NzqaSync -Force
        foreach ($command in Get-Command -Module NzqaSync) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeNullOrEmpty -Because $command.Name
            @($help.Examples.Example).Count | Should -BeGreaterThan 0 -Because $command.Name
        }
    }
}
