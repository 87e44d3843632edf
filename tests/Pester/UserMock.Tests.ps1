# A user's own tests of their sync script: Pester's Mock of the module's cmdlets works, so an admin can test their
# script's decisions without NZQA (nor the sandbox).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force

    # The admin's script under test: syncs what changed and reports the failures.
    function Invoke-SchoolSync {
        param([string] $Export)
        $diff = Import-NzqaRecord -Path $Export -Kind Enrolment | Compare-NzqaEnrolment
        $results = @($diff | Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaEnrolment -Confirm:$false)
        [pscustomobject]@{
            Sent   = $results.Count
            Failed = @($results | Where-Object Outcome -eq 'Failed').Count
        }
    }
}

Describe 'Mocking NzqaSync in a user''s own Pester tests' {
    It 'Mock replaces the module''s cmdlets and Should -Invoke counts the calls' {
        # The mocks keep the real cmdlets' parameters, so they take and give the module's own types.
        Mock Import-NzqaRecord { 1..3 | ForEach-Object { [NzqaSync.Domain.EnrolmentRecord]@{ Nsn = "10000000$_"; FirstName = 'Aroha'; LastName = "Test$_"; YearLevel = 12 } } }
        Mock Compare-NzqaEnrolment {
            process {
                $d = [NzqaSync.Compare.EnrolmentDiff]@{ Key = $InputObject.Nsn; Nsn = $InputObject.Nsn; Local = $InputObject }
                $d.Status = if ($InputObject.Nsn -like '*1') { 'Match' } else { 'New' }
                $d
            }
        }
        Mock Sync-NzqaEnrolment { process { [NzqaSync.Sync.SyncResult]@{ Kind = 'Enrolment'; Key = $InputObject.Key; Outcome = if ($InputObject.Key -like '*3') { 'Failed' } else { 'Synced' } } } }

        $summary = Invoke-SchoolSync -Export 'kamar.csv'

        $summary.Sent | Should -Be 2
        $summary.Failed | Should -Be 1
        Should -Invoke Import-NzqaRecord -Times 1 -Exactly -ParameterFilter { $Kind -eq 'Enrolment' -and $Path -eq 'kamar.csv' }
        Should -Invoke Sync-NzqaEnrolment -Times 2 -Exactly
    }

    It 'a mocked Connect-Nzqa lets a script''s connect step run without a network' {
        Mock Connect-Nzqa { [pscustomobject]@{ ProviderNumber = $ProviderNumber } }
        $cred = [pscredential]::new('x', (ConvertTo-SecureString 'y' -AsPlainText -Force))
        (Connect-Nzqa -BaseUri 'https://example.invalid/' -ProviderNumber 257 -Credential $cred -PassThru).ProviderNumber | Should -Be 257
        Should -Invoke Connect-Nzqa -Times 1 -Exactly -ParameterFilter { $ProviderNumber -eq 257 }
    }

    It 'without a mock the real cmdlet runs again (mocks end with their block)' {
        (Get-Command Connect-Nzqa).CommandType | Should -Be 'Cmdlet'
        (Get-Command Connect-Nzqa).ImplementingType.FullName | Should -Be 'NzqaSync.Cmdlets.ConnectNzqaCommand'
    }
}
