# Installed the way PowerShell users install modules: build.ps1 (in real pwsh) writes the versioned .nupkg, the
# README's repository route registers a local folder repository with PSResourceGet and installs from it, and a fresh
# pwsh imports NzqaSync by name and compares against the sandbox. PSResourceGet keeps its repository list in
# PSResourceRepository.xml under the user's local application data (on Linux $XDG_DATA_HOME, else
# ~/.local/share/PSResourceGet) and installs CurrentUser modules under ~/.local/share/powershell/Modules (always
# under HOME: measured with PSResourceGet 1.2.0, it does not follow XDG_DATA_HOME, while pwsh's own user module path
# does). So the child processes get their own HOME and no XDG variables: the user's (and this machine's)
# PSResourceGet settings and modules are never touched.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:repo = Get-RepoRoot
    $script:manifest = Import-PowerShellDataFile (Join-Path $repo 'NzqaSync.psd1')
    $script:package = Join-Path $repo "out/packages/NzqaSync.$($manifest.ModuleVersion).nupkg"

    $realHome = [Environment]::GetFolderPath('UserProfile')
    $script:realRepositoryFile = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
    $script:realBefore = if (Test-Path $realRepositoryFile) { (Get-FileHash $realRepositoryFile).Hash } else { 'absent' }

    # build.ps1 as the README runs it, in the pinned pwsh.
    $script:build = Invoke-ChildPwsh -File (Join-Path $repo 'build.ps1') -Arguments @('-SkipTests')

    $script:iso = New-TestFolder
    $script:isoEnv = @{
        HOME = $iso; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; NO_COLOR = '1' 
        PSModulePath = $null   # the child's own default: no out/ folder on it
        DOTNET_CLI_HOME = $realHome; NUGET_PACKAGES = $env:NUGET_PACKAGES
    }

    $readme = Get-Content (Join-Path $repo 'README.md') -Raw
    $m = [regex]::Match($readme, '<!-- install-from-repository[^\n]*\n```powershell\n(?<code>.*?)```', 'Singleline')
    $script:installBlock = $m.Groups['code'].Value
    function Invoke-ReadmeInstall {
        # The README's block, verbatim, run from a clone's root (it reads "$PWD/out/packages"), in a new pwsh.
        param([string] $Clone, [string] $Name)
        $installScript = Join-Path $iso $Name
        Set-Content $installScript ("`$ErrorActionPreference = 'Stop'`nSet-Location '$Clone'`n" + $installBlock + @'

'MODULE ' + (Get-Module NzqaSync).Path
'REPOSITORY ' + (Get-PSResourceRepository -Name NzqaSyncLocal).Uri.LocalPath
foreach ($r in Get-InstalledPSResource -Name NzqaSync) { 'INSTALLED ' + $r.InstalledLocation + ' VERSION ' + $r.Version }
'@)
        Invoke-ChildPwsh -File $installScript -Environment $isoEnv
    }
    $script:install = Invoke-ReadmeInstall -Clone $repo -Name 'install.ps1'

    # Trial 5 D1: the same block run again from another clone (same user, same version number): the repository name is
    # already registered, pointing at the first clone's folder. The other clone's package carries a marker file, so
    # the test can tell which folder the installed copy came from.
    $script:clone2 = Join-Path $iso 'clone2'
    New-Item -ItemType Directory (Join-Path $clone2 'out/packages') -Force | Out-Null
    $package2 = Join-Path $clone2 "out/packages/NzqaSync.$($manifest.ModuleVersion).nupkg"
    Copy-Item $package $package2
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $zip = [IO.Compression.ZipFile]::Open($package2, 'Update')
    try {
        $writer = [IO.StreamWriter]::new($zip.CreateEntry('clone2-marker.txt').Open())
        try { $writer.Write('built in clone2') } finally { $writer.Dispose() }
    } finally { $zip.Dispose() }
    $script:reinstall = Invoke-ReadmeInstall -Clone $clone2 -Name 'install-again.ps1'

    $script:sandbox = Start-TestSandbox
    Save-SmsExport -Sandbox $sandbox -Folder (Join-Path $iso 'sms')
    $p = $sandbox.Info.providers | Where-Object providerNumber -eq 257
    $useScript = Join-Path $iso 'use.ps1'
    Set-Content $useScript @"
`$ErrorActionPreference = 'Stop'
Import-Module NzqaSync
'MODULE ' + (Get-Module NzqaSync).Path
`$ErrorActionPreference = 'Continue'   # a user's shell: the export's bad rows are errors, the compare carries on
`$cred = [pscredential]::new('$($p.machineAccount)', (ConvertTo-SecureString '$($p.password)' -AsPlainText -Force))
Connect-Nzqa -BaseUri '$($sandbox.NzqaUri)' -ProviderNumber 257 -Credential `$cred -JournalPath '$(Join-Path $iso 'journal')'
`$diff = Import-NzqaRecord -Path '$(Join-Path $iso 'sms/enrolments.csv')' -Kind Enrolment 2>`$null | Compare-NzqaEnrolment 2>`$null
'COMPARED ' + @(`$diff).Count + ' MATCH ' + @(`$diff | Where-Object Status -eq 'Match').Count
"@
    $script:use = Invoke-ChildPwsh -File $useScript -Environment $isoEnv
}
AfterAll {
    Stop-TestSandbox $sandbox
    Remove-Item $iso -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'build.ps1' {
    It 'runs under real pwsh and assembles out/NzqaSync' {
        $build.ExitCode | Should -Be 0 -Because ($build.Output + $build.Error)
        Join-Path $repo 'out/NzqaSync/NzqaSync.psd1' | Should -Exist
        Join-Path $repo 'out/NzqaSync/NzqaSync.types.ps1xml' | Should -Exist
    }

    It 'writes the versioned package out/packages/NzqaSync.<version>.nupkg with the module inside' {
        $package | Should -Exist
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($package)
        try { $names = @($zip.Entries.FullName) } finally { $zip.Dispose() }
        foreach ($f in 'NzqaSync.nuspec', 'NzqaSync.psd1', 'NzqaSync.dll', 'NzqaSync.format.ps1xml', 'NzqaSync.types.ps1xml', 'en-US/NzqaSync.dll-Help.xml') {
            $names | Should -Contain $f
        }
        @($names | Where-Object { $_ -like 'dependencies/*.dll' }).Count | Should -BeGreaterThan 0
    }

    It 'documents dotnet tool restore as part of its use (its help, and the README)' {
        $help = [regex]::Match((Get-Content (Join-Path $repo 'build.ps1') -Raw), '(?s)<#(.*?)#>').Groups[1].Value
        $help | Should -Match '\.DESCRIPTION[\s\S]*dotnet tool restore[\s\S]*dotnet pwsh \./build\.ps1'
        Get-Content (Join-Path $repo 'README.md') -Raw | Should -Match 'dotnet tool restore\s+#[^\n]*\n\s*dotnet pwsh \./build\.ps1'
    }
}

Describe 'Install-PSResource from a local folder repository (the README''s route)' {
    It 'the README''s install block is found and uses PSResourceGet' {
        $installBlock | Should -Match 'Register-PSResourceRepository'
        $installBlock | Should -Match 'Install-PSResource -Name NzqaSync'
        $installBlock | Should -Match 'Import-Module NzqaSync\b'
    }

    It 'registers the repository and installs NzqaSync into the user''s module folder' {
        $install.ExitCode | Should -Be 0 -Because ($install.Output + $install.Error)
        $install.Output | Should -Match "REPOSITORY .*out[\\/]packages"
        $installed = ([regex]::Match($install.Output, 'INSTALLED (.+) VERSION ')).Groups[1].Value.Trim()
        $installed | Should -BeLike "$(Join-Path $iso '.local/share')*"
        Join-Path $installed "NzqaSync/$($manifest.ModuleVersion)/NzqaSync.psd1" | Should -Exist
    }

    It 'run again from another clone (the repository name already registered, the same version): installs that clone''s package' {
        $reinstall.ExitCode | Should -Be 0 -Because ($reinstall.Output + $reinstall.Error)
        $reinstall.Output + $reinstall.Error | Should -Not -Match 'already exists'
        $reinstall.Output | Should -Match ("REPOSITORY " + [regex]::Escape((Join-Path $clone2 'out/packages')))
        $installed = @([regex]::Matches($reinstall.Output, 'INSTALLED (.+) VERSION (.+)') | ForEach-Object { $_.Groups[1].Value.Trim() })
        $installed.Count | Should -Be 1 -Because 'one copy of the version, replaced'
        Join-Path $installed[0] "NzqaSync/$($manifest.ModuleVersion)/clone2-marker.txt" | Should -Exist
        ([regex]::Match($reinstall.Output, 'MODULE (.+)')).Groups[1].Value.Trim() | Should -BeLike "$(Join-Path $iso '.local/share')*"
    }

    It 'kept the repository in the isolated settings, not the user''s' {
        Join-Path $iso '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist
        Get-Content (Join-Path $iso '.local/share/PSResourceGet/PSResourceRepository.xml') -Raw | Should -Match 'NzqaSyncLocal'
        $after = if (Test-Path $realRepositoryFile) { (Get-FileHash $realRepositoryFile).Hash } else { 'absent' }
        $after | Should -Be $realBefore
    }

    It 'a fresh pwsh imports NzqaSync by name from the installed copy and compares against the sandbox' {
        $use.ExitCode | Should -Be 0 -Because ($use.Output + $use.Error)
        $path = ([regex]::Match($use.Output, 'MODULE (.+)')).Groups[1].Value.Trim()
        $path | Should -BeLike "$(Join-Path $iso '.local/share')*"
        $path | Should -Not -BeLike "$(Join-Path $repo 'out')*"
        $m = [regex]::Match($use.Output, 'COMPARED (\d+) MATCH (\d+)')
        $m.Success | Should -BeTrue -Because $use.Output
        [int]$m.Groups[1].Value | Should -BeGreaterThan 100
        [int]$m.Groups[2].Value | Should -BeGreaterThan 0
    }
}

Describe 'Licence and online help' {
    It 'ships a LICENSE (MIT) that the manifest''s LicenseUri names' {
        $license = Join-Path $repo 'LICENSE'
        $license | Should -Exist
        Get-Content $license -Raw | Should -Match 'MIT License'
        $manifest.PrivateData.PSData.LicenseUri | Should -Match '/LICENSE$'
        $manifest.Copyright | Should -Match 'MIT'
    }

    It 'Get-Help -Online is not offered with an address that does not exist: no cmdlet has a HelpUri or an online link' {
        Add-ModuleOutToPath
        Import-Module NzqaSync -Force
        foreach ($c in Get-Command -Module NzqaSync) {
            $c.HelpUri | Should -BeNullOrEmpty -Because $c.Name
            $links = @((Get-Help $c.Name -Full).relatedLinks.navigationLink | Where-Object { $_.uri })
            $links.Count | Should -Be 0 -Because "$($c.Name) links $($links.uri -join ', ')"
        }
    }
}
