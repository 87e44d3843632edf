# -Debug as docs/errors.md tells a user to add it (trial 5, D4): in pwsh 7.6.9 a compiled cmdlet's -Debug made every
# verbose line and warning ask "Continue with this operation?", and where nobody can answer (-NonInteractive, stdin
# redirected) the cmdlet failed with "Object reference not set to an instance of an object". Each run here is a
# separate pwsh that nobody can answer; it must show the redacted exchanges and never a secret.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    $script:school = Start-TestSchool -NoConnect
    $script:work = $school.Work
    $p = $school.Sandbox.Info.providers | Where-Object providerNumber -eq 257
    $script:password = $p.password
    # learners.csv with a column no field is near: Compare warns about it (a warning under -Debug asked too).
    $lines = @(Get-Content (Join-Path $work 'learners.csv'))
    $script:learners = Join-Path $work 'learners-house.csv'
    Set-Content -Path $learners -Value (@($lines[0] + ',House') + @($lines | Select-Object -Skip 1 | ForEach-Object { $_ + ',Kauri' }))
    $script:child = Join-Path $work 'debug-child.ps1'
    Set-Content -Path $child -Value @"
`$ErrorActionPreference = 'Continue'
Import-Module NzqaSync
`$cred = [pscredential]::new('$($p.machineAccount)', (ConvertTo-SecureString '$($p.password)' -AsPlainText -Force))
Connect-Nzqa -BaseUri '$($school.Sandbox.NzqaUri)' -ProviderNumber 257 -Credential `$cred -JournalPath '$($school.Journal)' -Debug
"connected: `$?"
`$diff = @(Compare-NzqaLearner -Path '$learners' -Debug)
"compared: `$(`$diff.Count) `$?"
"@
}

AfterAll { Stop-TestSchool $school }

Describe 'D4: Connect-Nzqa -Debug and Compare-NzqaLearner -Debug in a session nobody can answer' {
    It '<Case>: no prompt, no failure; the redacted exchanges and the warning are shown; no password or token' -TestCases @(
        @{ Case = 'pwsh -NonInteractive, stdin redirected'; Flag = $false }
        @{ Case = 'pwsh with stdin redirected (cron, </dev/null)'; Flag = $true }
    ) {
        $r = Invoke-ChildPwsh -File $child -StdinRedirected -WithoutNonInteractive:$Flag
        $all = $r.Output + $r.Error
        $r.ExitCode | Should -Be 0 -Because $all
        $all | Should -Not -Match 'Continue with this operation'
        $all | Should -Not -Match 'Object reference not set'
        $all | Should -Not -Match 'NonInteractive mode'
        $r.Output | Should -Match 'connected: True'
        $r.Output | Should -Match 'compared: \d{3} True'
        # The exchanges, redacted: Connect's provider call and Compare's learner reads.
        $r.Output | Should -Match 'DEBUG: HTTP exchange \(redacted\):\s+GET \S+/providers/257'
        $r.Output | Should -Match 'GET \S+/providers/257/learners'
        $r.Output | Should -Match 'Authorization: Bearer \[redacted\]'
        $r.Output | Should -Match "WARNING: .*'House'"
        $all | Should -Not -Match ([regex]::Escape($password))
        $all | Should -Not -Match 'Bearer (?!\[redacted\])'
        $all | Should -Not -Match 'access_token"?\s*[:=]'
    }
}
