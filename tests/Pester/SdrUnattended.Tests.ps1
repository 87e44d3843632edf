# Sync-DxpRecord asks before each upload and delete (ConfirmImpact High: it deletes what the SMS no longer has). A
# scheduled task (pwsh -NonInteractive) cannot answer: it gets one clear error naming -Confirm:$false, a Skipped result
# per record and nothing sent — not the host's raw "NonInteractive mode" failure with no results.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    $script:sandbox = Start-TestSandbox -Students 20
    $script:work = New-TestFolder
    @(
        [pscustomobject]@{ 'Course Code' = 'ECON101'; 'Course Title' = 'Introductory economics'; Qualification = 'BBS701' }
        [pscustomobject]@{ 'Course Code' = 'ACCT101'; 'Course Title' = 'Accounting principles'; Qualification = 'BBS701' }
    ) | Export-Csv (Join-Path $work 'courses.csv') -NoTypeInformation -Encoding utf8BOM
    $script:script = New-DxpChildScript -Sandbox $sandbox -Folder $work -Name 'sync.ps1' -Body @"
`$diffs = Import-NzqaRecord -Path '$(Join-Path $work 'courses.csv')' -Kind DxpCourse | Compare-DxpRecord -ReturnId 202608 -Dataset Course
`$extra = if (`$Mode -eq 'confirmed') { @{ Confirm = `$false } } else { @{} }
`$results = @(`$diffs | Where-Object Status -in 'New', 'Different', 'DxpOnly' | Sync-DxpRecord @extra -ErrorVariable problems)
'outcomes ' + ((`$results | ForEach-Object { [string]`$_.Outcome }) -join ',')
foreach (`$e in @(`$problems)) { 'error ' + `$e.FullyQualifiedErrorId }
'held ' + @(Get-DxpSubmissionContent -ReturnId 202608 -Dataset Course).Count
"@
    $script:env = @{ PSModulePath = $env:PSModulePath }
}
AfterAll {
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-DxpRecord in an unattended pwsh' {
    It 'without -Confirm:$false sends nothing, says why once, and gives every record a Skipped result' {
        $run = Invoke-ChildPwsh -File $script -Arguments 'unattended' -Environment $env
        $run.Output | Should -Match 'outcomes Skipped,Skipped'
        @([regex]::Matches($run.Output, 'error DxpSyncNotConfirmed,NzqaSync.Cmdlets.SyncDxpRecordCommand')).Count | Should -Be 1
        $run.Output | Should -Match 'held 0'
        ($run.Output + $run.Error) | Should -Match 'Confirm:\$false'
    }

    It 'with -Confirm:$false uploads the records' {
        $run = Invoke-ChildPwsh -File $script -Arguments 'confirmed' -Environment $env
        $run.Output | Should -Match 'outcomes Synced,Synced'
        $run.Output | Should -Not -Match 'error '
        $run.Output | Should -Match 'held 2'
    }
}
