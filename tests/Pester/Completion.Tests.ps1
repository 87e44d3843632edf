# Tab completion as the README claims it ("tab completion for journal run ids, kinds, standard numbers and DXP return
# ids"), asked through TabExpansion2 in a fresh pwsh right after connecting — nothing compared or read first.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox
    $script:work = New-TestFolder
    $script:journal = Join-Path $work 'journal'
    Save-SmsExport -Sandbox $sandbox -Folder $work

    # Yesterday's run: one sync in the journal, so there are run ids to complete.
    $ErrorActionPreference = 'Continue'
    Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential $sandbox) -JournalPath $journal
    $script:synced = @(Import-NzqaRecord -Path (Join-Path $work 'enrolments.csv') -Kind Enrolment 2>$null | Compare-NzqaEnrolment 2>$null |
        Where-Object Status -eq 'Different' | Select-Object -First 2 | Sync-NzqaEnrolment -Confirm:$false 2>$null)
    Disconnect-Nzqa
    Remove-Module NzqaSync

    $nzqaCred = Get-TestCredential $sandbox
    $dxpCred = Get-TestCredential $sandbox -ProviderNumber 7001
    $script:cases = [ordered]@{
        Standard   = 'Get-NzqaStandardDefinition -Number '
        Kind       = 'Get-NzqaSyncLog -Kind '
        KindDxp    = 'Get-NzqaSyncLog -Api Dxp -Kind '
        KindNzqa   = 'Get-NzqaSyncLog -Api Nzqa -Kind '
        RunId      = 'Get-NzqaSyncLog -RunId '
        ReturnId   = 'Get-DxpSubmission -ReturnId '
        ReturnSend = 'Send-DxpCourseEnrolment -ReturnId '
        Dataset    = 'Get-DxpSubmissionContent -ReturnId 202604 -Dataset '
    }
    $script:scriptFile = Join-Path $work 'complete.ps1'
    Set-Content $scriptFile @'
param([string] $Nzqa, [string] $Dxp, [string] $Journal, [string] $NzqaAccount, [string] $NzqaPassword, [string] $DxpAccount, [string] $DxpPassword, [string] $CasesJson)
$ErrorActionPreference = 'Stop'
Import-Module NzqaSync
$c1 = [pscredential]::new($NzqaAccount, (ConvertTo-SecureString $NzqaPassword -AsPlainText -Force))
$c2 = [pscredential]::new($DxpAccount, (ConvertTo-SecureString $DxpPassword -AsPlainText -Force))
Connect-Nzqa -BaseUri $Nzqa -ProviderNumber 257 -Credential $c1 -JournalPath $Journal
Connect-Dxp -BaseUri $Dxp -Edumis 7001 -Credential $c2 -JournalPath $Journal
$cases = $CasesJson | ConvertFrom-Json -AsHashtable
$out = @{}
foreach ($name in $cases.Keys) {
    $line = $cases[$name]
    $out[$name] = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
}
'RESULT ' + ($out | ConvertTo-Json -Compress)
'@
    $p = $sandbox.Info.providers
    $n = $p | Where-Object providerNumber -eq 257
    $d = $p | Where-Object providerNumber -eq 7001
    $run = Invoke-ChildPwsh -File $scriptFile -Environment @{ PSModulePath = $env:PSModulePath } -Arguments @(
        '-Nzqa', $sandbox.NzqaUri, '-Dxp', $sandbox.DxpUri, '-Journal', $journal,
        '-NzqaAccount', $n.machineAccount, '-NzqaPassword', $n.password, '-DxpAccount', $d.machineAccount, '-DxpPassword', $d.password,
        '-CasesJson', ($cases | ConvertTo-Json -Compress))
    $script:childRun = $run
    $line = ($run.Output -split "`r?`n" | Where-Object { $_ -like 'RESULT *' } | Select-Object -First 1)
    $script:completed = if ($line) { $line.Substring(7) | ConvertFrom-Json -AsHashtable } else { @{} }
}
AfterAll {
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Completion in a fresh session right after connecting' {
    It 'the session connected and answered every completion' {
        $childRun.ExitCode | Should -Be 0 -Because $childRun.Error
        $completed.Keys.Count | Should -Be $cases.Count
    }

    It 'offers standard numbers from NZQA''s catalogue before any compare' {
        $numbers = @($completed.Standard)
        $numbers.Count | Should -BeGreaterThan 10
        $numbers | ForEach-Object { $_ | Should -Match '^\d{3,6}$' }
    }

    It 'offers every kind the journal knows without -Api' {
        @($completed.Kind) | Should -Be @('Learner', 'Enrolment', 'Standard', 'Course', 'CourseEnrolment', 'CourseCompletion', 'QualificationCompletion')
    }

    It 'offers only DXP kinds after -Api Dxp' {
        @($completed.KindDxp) | Should -Be @('Course', 'CourseEnrolment', 'CourseCompletion', 'QualificationCompletion')
    }

    It 'offers only NZQA kinds after -Api Nzqa' {
        @($completed.KindNzqa) | Should -Be @('Learner', 'Enrolment', 'Standard')
    }

    It 'offers the journal''s run ids' {
        $synced.Count | Should -BeGreaterThan 0
        @($completed.RunId) | Should -Contain $synced[0].RunId
    }

    It 'offers DXP return ids on <_>' -ForEach 'ReturnId', 'ReturnSend' {
        $ids = @($completed[$_])
        $ids.Count | Should -BeGreaterThan 1
        $ids | ForEach-Object { $_ | Should -Match '^20\d{4}$' }
        $ids | Should -Contain '202604'
    }

    It 'offers DXP datasets' {
        @($completed.Dataset).Count | Should -BeGreaterThan 1
    }
}

Describe 'Standard numbers in this session after Get-NzqaStandardDefinition' {
    It 'offers the numbers it read' {
        Import-Module NzqaSync -Force
        Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential $sandbox) -JournalPath $journal
        $first = @(Get-NzqaStandardDefinition)[0].Number
        $line = "Get-NzqaStandardDefinition -Number $($first.Substring(0, 3))"
        $matches_ = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $matches_ | Should -Contain $first
    }
}

Describe 'A mistyped kind' {
    It 'Get-NzqaSyncLog -Kind Enrolmnet is a validation error that lists the valid kinds' {
        Import-Module NzqaSync -Force
        $err = $null
        try { Get-NzqaSyncLog -Path $journal -Kind Enrolmnet -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError*'
        $err.Exception.Message | Should -Match 'Enrolmnet'
        foreach ($k in 'Learner', 'Enrolment', 'Standard', 'Course', 'CourseEnrolment', 'CourseCompletion', 'QualificationCompletion') { $err.Exception.Message | Should -Match "\b$k\b" }
    }

    It 'a kind in any case still reads the journal' {
        @(Get-NzqaSyncLog -Path $journal -Kind enrolment).Count | Should -BeGreaterThan 0
    }
}
