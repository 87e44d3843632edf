#Requires -Version 7.2
<#
.SYNOPSIS
    Runs the Pester suite (tests/Pester/*.Tests.ps1) in this pwsh, with the Pester the build restored.
.DESCRIPTION
    Called by .ci/run as `dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterSuite.ps1 -ResultsFolder TestResults`
    after `dotnet build NzqaSync.sln` (which assembles out/NzqaSync, builds the sandbox and restores Pester 5.7.1 from
    NuGet; nothing is fetched at test time). Writes pester.xml (NUnit) and pester.counts ("passed failed") to the
    results folder and exits 1 when any test failed.
#>
param([string] $ResultsFolder = (Join-Path $PSScriptRoot '../../TestResults'), [string[]] $Path = @($PSScriptRoot), [string] $Filter)
$ErrorActionPreference = 'Stop'
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pester = Join-Path $packages 'pester/5.7.1/tools/Pester.psd1'
if (-not (Test-Path $pester)) { throw "Pester 5.7.1 is not restored at $pester (dotnet build NzqaSync.sln restores it)." }
Import-Module $pester -Force

New-Item -ItemType Directory -Path $ResultsFolder -Force | Out-Null
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultsFolder 'pester.xml'
if ($Filter) { $config.Filter.FullName = $Filter }
$result = Invoke-Pester -Configuration $config
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
Set-Content -Path (Join-Path $ResultsFolder 'pester.counts') -Value "$($result.PassedCount) $failed"
if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
