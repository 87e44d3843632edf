# Shared by every *.Tests.ps1: where the repo is, the assembled module on PSModulePath (the README's development
# route), and a sandbox on a free loopback port that a test file starts in BeforeAll and stops in AfterAll.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

function Get-RepoRoot { $script:RepoRoot }

function Get-ModuleOutFolder { Join-Path $script:RepoRoot 'out' }

function Add-ModuleOutToPath {
    # As the README says for development: out/ on PSModulePath, then Import-Module NzqaSync by name.
    $out = Get-ModuleOutFolder
    $sep = [IO.Path]::PathSeparator
    if (-not (($env:PSModulePath -split [regex]::Escape($sep)) -contains $out)) {
        $env:PSModulePath = $out + $sep + $env:PSModulePath
    }
}

function Get-PwshCommand {
    # The pwsh running the suite (the repo's pinned dotnet tool, hosted by dotnet); child runs use the same one.
    $host_ = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($host_) -eq 'dotnet') { @($host_, (Join-Path $PSHOME 'pwsh.dll')) } else { @($host_) }
}

function Start-TestSandbox {
    [CmdletBinding()]
    param([int] $Seed = 7, [int] $Students = 120, [string] $Today = '2026-05-11', [string[]] $ExtraArgs = @())
    $dll = Join-Path $script:RepoRoot 'src/NzqaSync.Sandbox/bin/Debug/net10.0/NzqaSync.Sandbox.dll'
    if (-not (Test-Path $dll)) { throw "The sandbox is not built: $dll (run dotnet build NzqaSync.sln)." }
    $psi = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($a in @($dll, '--urls', 'http://127.0.0.1:0', '--seed', $Seed, '--students', $Students, '--today', $Today, '--quiet') + $ExtraArgs) {
        $psi.ArgumentList.Add([string]$a)
    }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($psi)
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    $origin = $null
    while (-not $origin) {
        $line = $process.StandardOutput.ReadLine()
        if ($null -eq $line) { throw "The sandbox exited before listening: $($process.StandardError.ReadToEnd())" }
        if ($line -match 'listening on (\S+)') { $origin = $Matches[1] }
        if ([DateTime]::UtcNow -gt $deadline) { $process.Kill(); throw 'The sandbox did not start within 60 s.' }
    }
    # Drain the rest so the child never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    $info = Invoke-RestMethod -Uri ($origin + 'sandbox/info')
    [pscustomobject]@{
        Process  = $process
        Origin   = $origin
        Info     = $info
        NzqaUri  = $info.nzqaBaseUri
        DxpUri   = $info.dxpBaseUri
    }
}

function Stop-TestSandbox {
    param($Sandbox)
    if ($Sandbox -and -not $Sandbox.Process.HasExited) { $Sandbox.Process.Kill($true); $Sandbox.Process.WaitForExit(10000) | Out-Null }
}

function Get-TestCredential {
    # The sandbox's seeded machine account for a provider (sandbox only: real credentials never appear in tests).
    param([Parameter(Mandatory)] $Sandbox, [int] $ProviderNumber = 257)
    $p = $Sandbox.Info.providers | Where-Object providerNumber -eq $ProviderNumber
    [pscredential]::new($p.machineAccount, (ConvertTo-SecureString $p.password -AsPlainText -Force))
}

function Save-SmsExport {
    # The sandbox's SMS export for the demo school, as files in a folder (what the SMS would write).
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [string] $Folder, [int] $ProviderNumber = 257)
    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    foreach ($name in 'learners', 'enrolments', 'standards') {
        Invoke-WebRequest -Uri "$($Sandbox.Origin)sandbox/sms-export/$ProviderNumber/$name.csv" -OutFile (Join-Path $Folder "$name.csv")
    }
}

function Save-TertiaryExportFiles {
    # The tertiary provider's (EDUMIS 7001) SDR export as the demo writes it: course-enrolments.csv and
    # qualification-completions.csv, with the rows the module must refuse. Returns the demo's summary of it.
    param([Parameter(Mandatory)] [string] $Folder, [int] $Seed = 42, [int] $Students = 60)
    $dll = Join-Path $script:RepoRoot 'src/NzqaSync.Demo/bin/Debug/net10.0/NzqaSync.Demo.dll'
    if (-not ('NzqaSync.Demo.TertiaryExport' -as [type])) { Add-Type -Path $dll }
    New-Item -ItemType Directory -Path $Folder -Force | Out-Null
    [NzqaSync.Demo.TertiaryExport]::Write($Folder, $Seed, $Students)
}

function New-TestFolder {
    $path = Join-Path ([IO.Path]::GetTempPath()) ('nzqasync-pester-' + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path $path | Out-Null
    $path
}

function Start-TestSchool {
    # The setup the user-level test files share: NzqaSync imported by name (the README's route), a sandbox on a free
    # port, a work folder holding the sandbox's SMS export for the demo school, its credential and a journal folder in
    # the work folder; connected to the sandbox's NZQA unless -NoConnect. Returns what the tests use; Stop-TestSchool
    # undoes it in AfterAll.
    [CmdletBinding()]
    param([int] $Students = 120, [int] $ProviderNumber = 257, [switch] $NoConnect, [switch] $ForceImport)
    Add-ModuleOutToPath
    # -Global: imported from inside this module it would otherwise be visible only here, not to the test file.
    Import-Module NzqaSync -Global -Force:$ForceImport
    $sandbox = Start-TestSandbox -Students $Students
    $work = New-TestFolder
    Save-SmsExport -Sandbox $sandbox -Folder $work -ProviderNumber $ProviderNumber
    $school = [pscustomobject]@{
        Sandbox        = $sandbox
        Work           = $work
        Journal        = Join-Path $work 'journal'
        Credential     = Get-TestCredential -Sandbox $sandbox -ProviderNumber $ProviderNumber
        ProviderNumber = $ProviderNumber
        Connection     = $null
    }
    if (-not $NoConnect) { $school.Connection = Connect-TestSchool $school -PassThru }
    $school
}

function Connect-TestSchool {
    # Connect-Nzqa as the school (a new session default each call, as a user's next script would); -PassThru returns it.
    param([Parameter(Mandatory)] $School, [switch] $PassThru)
    Connect-Nzqa -BaseUri $School.Sandbox.NzqaUri -ProviderNumber $School.ProviderNumber -Credential $School.Credential -JournalPath $School.Journal -PassThru:$PassThru
}

function Connect-TestDxp {
    # Connect-Dxp as the sandbox's tertiary provider (EDUMIS 7001), journalling beside the school's NZQA journal.
    param([Parameter(Mandatory)] $School)
    Connect-Dxp -BaseUri $School.Sandbox.DxpUri -Edumis 7001 -Credential (Get-TestCredential -Sandbox $School.Sandbox -ProviderNumber 7001) -JournalPath $School.Journal
}

function Stop-TestSchool {
    # AfterAll for Start-TestSchool: disconnect (NZQA and DXP, whichever the tests left connected), remove the module,
    # stop the sandbox, delete the work folder.
    param($School)
    Disconnect-Nzqa -ErrorAction SilentlyContinue
    Disconnect-Dxp -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    if ($School) {
        Stop-TestSandbox $School.Sandbox
        Remove-Item $School.Work -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function New-DxpChildScript {
    # A script for a child pwsh that imports NzqaSync by name and connects to the sandbox's DXP as the tertiary provider
    # (7001), then runs $Body; it takes -Mode so one file serves several runs. Returns its path.
    param([Parameter(Mandatory)] $Sandbox, [Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [string] $Body, [string] $Name = 'child.ps1')
    $p = $Sandbox.Info.providers | Where-Object providerNumber -eq 7001
    $path = Join-Path $Folder $Name
    $preamble = @"
param([string] `$Mode)
`$ErrorActionPreference = 'Continue'
Import-Module NzqaSync
`$cred = [pscredential]::new('$($p.machineAccount)', (ConvertTo-SecureString '$($p.password)' -AsPlainText -Force))
Connect-Dxp -BaseUri '$($Sandbox.DxpUri)' -Edumis 7001 -Credential `$cred -JournalPath '$(Join-Path $Folder 'journal')'

"@
    Set-Content -Path $path -Value ($preamble + $Body)
    $path
}

function Invoke-ChildPwsh {
    # A script run the way a scheduler runs it: a separate pwsh -NoProfile -NonInteractive -File process.
    # Returns its exit code and everything it wrote (stdout and stderr), for assertions on both.
    # -StdinRedirected: its input is an empty pipe (cron's </dev/null); -WithoutNonInteractive: no -NonInteractive flag.
    param([Parameter(Mandatory)] [string] $File, [string[]] $Arguments = @(), [hashtable] $Environment = @{}, [switch] $StdinRedirected, [switch] $WithoutNonInteractive)
    $pwsh = @(Get-PwshCommand)
    $psi = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    $flags = if ($WithoutNonInteractive) { @('-NoProfile') } else { @('-NoProfile', '-NonInteractive') }
    foreach ($a in @($pwsh | Select-Object -Skip 1) + $flags + @('-File', $File) + $Arguments) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = [bool]$StdinRedirected
    $psi.UseShellExecute = $false
    $psi.Environment['NO_COLOR'] = '1'   # plain text, as a scheduler's log gets it (no ANSI in assertions or test reports)
    # A $null value removes the variable (e.g. PSModulePath, so the child builds its own default).
    foreach ($k in $Environment.Keys) { if ($null -eq $Environment[$k]) { [void]$psi.Environment.Remove($k) } else { $psi.Environment[$k] = [string]$Environment[$k] } }
    $p = [System.Diagnostics.Process]::Start($psi)
    if ($StdinRedirected) { $p.StandardInput.Close() }
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit(300000)) { $p.Kill($true); throw "$File did not finish within 300 s." }
    [pscustomobject]@{ ExitCode = $p.ExitCode; Output = $stdout.Result; Error = $stderr.Result }
}

Export-ModuleMember -Function *
