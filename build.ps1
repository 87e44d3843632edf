#Requires -Version 7.2
<#
.SYNOPSIS
    Builds NzqaSync, assembles the module folder (out/NzqaSync), writes its package (out/packages/NzqaSync.<version>.nupkg)
    and runs the tests.
.DESCRIPTION
    For developers and admins with the .NET SDK. Restore the repo's pinned pwsh first, then run this with it:

        dotnet tool restore
        dotnet pwsh ./build.ps1

    Steps: `dotnet build NzqaSync.sln` (assembles out/NzqaSync: manifest, NzqaSync.dll, dependencies/, format and
    type data, MAML help; with -SkipTests only the module and its help are built), Test-ModuleManifest, then the package: PSResourceGet's Compress-PSResource turns
    out/NzqaSync into out/packages/NzqaSync.<ModuleVersion>.nupkg, which any folder (or feed) registered with
    Register-PSResourceRepository serves to Install-PSResource (README, Install). Nothing is registered or published
    here: your PSResourceGet settings are not touched. Last, unless -SkipTests, every xunit project and the Pester suite.
.PARAMETER Configuration
    Debug or Release.
.PARAMETER SkipTests
    Build, assemble and package the module only (not the sandbox, demo, benchmark or test projects).
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -SkipTests
    Builds and writes out/packages/NzqaSync.0.1.0.nupkg.
.EXAMPLE
    $env:PSModulePath = "$PWD/out" + [IO.Path]::PathSeparator + $env:PSModulePath; Import-Module NzqaSync
    Uses the assembled module for development, by name.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug',
    [switch] $SkipTests
)
$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    # The help generator's project builds the module first (which assembles out/NzqaSync), then writes its MAML help.
    $what = if ($SkipTests) { 'src/NzqaSync.HelpGen/NzqaSync.HelpGen.csproj' } else { 'NzqaSync.sln' }
    dotnet build $what -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)." }
    $module = Join-Path $PSScriptRoot 'out/NzqaSync'
    $manifest = Test-ModuleManifest -Path (Join-Path $module 'NzqaSync.psd1')
    Write-Host "Module assembled: $module ($($manifest.Version))"

    $packages = Join-Path $PSScriptRoot 'out/packages'
    New-Item -ItemType Directory -Path $packages -Force | Out-Null
    Get-ChildItem $packages -Filter 'NzqaSync.*.nupkg' | Remove-Item
    Import-Module Microsoft.PowerShell.PSResourceGet
    Compress-PSResource -Path $module -DestinationPath $packages
    $package = Join-Path $packages "NzqaSync.$($manifest.Version).nupkg"
    if (-not (Test-Path $package)) { throw "Compress-PSResource wrote no $package." }
    Write-Host "Package written: $package"

    if (-not $SkipTests) {
        Get-ChildItem tests -Filter *.csproj -Recurse | ForEach-Object {
            dotnet test $_.FullName -c $Configuration --no-build
            if ($LASTEXITCODE -ne 0) { throw "Tests failed in $($_.Name)." }
        }
        & (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1')
        if ($LASTEXITCODE -ne 0) { throw 'The Pester suite failed.' }
    }
}
finally {
    Pop-Location
}
