<#
.SYNOPSIS
    The daily NZQA enrolment sync: connect, compare, review, sync, log.
.DESCRIPTION
    Runs the workflow a data officer runs by hand, as one script. Works in PowerShell 7 and Windows PowerShell 5.1,
    and in the demo's hosted engine (it uses only the core cmdlets and NzqaSync's own).
.EXAMPLE
    $cred = Get-Credential kowhai-high-machine          # or Get-Secret NzqaMachine
    ./samples/daily-sync.ps1 -BaseUri http://127.0.0.1:5080/nzqa/v1 -ProviderNumber 257 -Credential $cred -EnrolmentCsv ./enrolments.csv
.EXAMPLE
    ./samples/daily-sync.ps1 ... -WhatIf                # compare and show what would be sent; send nothing
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [int] $ProviderNumber,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [Parameter(Mandatory)] [string] $EnrolmentCsv,
    [string] $JournalPath
)

$connect = @{ BaseUri = $BaseUri; ProviderNumber = $ProviderNumber; Credential = $Credential; ErrorAction = 'Stop' }
if ($JournalPath) { $connect.JournalPath = $JournalPath }
Connect-Nzqa @connect
"Connected to NZQA as provider $ProviderNumber."

# Compare: one object per student, with its status and field-by-field differences.
$local = Import-NzqaRecord -Path $EnrolmentCsv -Kind Enrolment
$diff = $local | Compare-NzqaEnrolment
$counts = [ordered]@{}
foreach ($d in $diff) { $counts[[string]$d.Status] = 1 + [int]$counts[[string]$d.Status] }
"Enrolments compared: " + (($counts.Keys | ForEach-Object { "$_ $($counts[$_])" }) -join ', ')

# Review: everything that is not a match, through the module's table view.
$diff | Where-Object Status -ne 'Match' | Out-Default

# Sync: only changed records are sent; -WhatIf and -Confirm work.
$results = $diff | Where-Object Status -in 'New', 'Different', 'Leaver' | Sync-NzqaEnrolment
$results | Out-Default

# Log: the status banner.
Get-NzqaSyncLog -Summary | Out-Default
