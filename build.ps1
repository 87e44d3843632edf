#Requires -Version 5.1
<#
.SYNOPSIS
    Builds NzqaSync, assembles the module folder (out/NzqaSync) and runs the tests.
.DESCRIPTION
    For developers and admins who have pwsh or Windows PowerShell and the .NET SDK. The same steps run without
    PowerShell through `bash .ci/run` (tests) and `dotnet run --project src/NzqaSync.Demo` (the demo).
.PARAMETER Configuration
    Debug or Release.
.PARAMETER SkipTests
    Build and assemble only.
.EXAMPLE
    ./build.ps1
    Import-Module ./out/NzqaSync/NzqaSync.psd1
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
    dotnet build NzqaSync.sln -c $Configuration
    if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)." }
    $manifest = Join-Path $PSScriptRoot 'out/NzqaSync/NzqaSync.psd1'
    Test-ModuleManifest -Path $manifest | Out-Null
    Write-Host "Module assembled: $manifest"
    if (-not $SkipTests) {
        Get-ChildItem tests -Filter *.csproj -Recurse | ForEach-Object {
            dotnet test $_.FullName -c $Configuration --no-build
            if ($LASTEXITCODE -ne 0) { throw "Tests failed in $($_.Name)." }
        }
    }
}
finally {
    Pop-Location
}
