<#
.SYNOPSIS
    The daily NZQA sync of all three areas: connect, compare, review, sync, log.
.DESCRIPTION
    Runs the workflow a data officer runs by hand, as one script, in the order NZQA needs: Learner Details first
    (a learner must exist before an enrolment), then Enrolments (an enrolment must be active before an entry), then
    Standards (entries and results). Reads the SMS export files learners.csv, enrolments.csv and standards.csv from
    -SmsExportFolder. Works in PowerShell 7 and Windows PowerShell 5.1, and in the demo's hosted engine (it uses
    only the core cmdlets and NzqaSync's own).
.EXAMPLE
    $cred = Get-Credential kowhai-high-machine          # or Get-Secret NzqaMachine
    ./samples/daily-sync.ps1 -BaseUri http://127.0.0.1:5080/nzqa/v1 -ProviderNumber 257 -Credential $cred -SmsExportFolder ./export
.EXAMPLE
    ./samples/daily-sync.ps1 ... -WhatIf                # compare and show what would be sent; send nothing
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [int] $ProviderNumber,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [Parameter(Mandatory)] [string] $SmsExportFolder,
    [string] $JournalPath
)

$connect = @{ BaseUri = $BaseUri; ProviderNumber = $ProviderNumber; Credential = $Credential; ErrorAction = 'Stop' }
if ($JournalPath) { $connect.JournalPath = $JournalPath }
Connect-Nzqa @connect
"Connected to NZQA as provider $ProviderNumber."

$areas = @(
    @{ Name = 'Learner Details'; Kind = 'Learner';   File = 'learners.csv';   Compare = 'Compare-NzqaLearner';   Sync = 'Sync-NzqaLearner' }
    @{ Name = 'Enrolments';      Kind = 'Enrolment'; File = 'enrolments.csv'; Compare = 'Compare-NzqaEnrolment'; Sync = 'Sync-NzqaEnrolment' }
    @{ Name = 'Standards';       Kind = 'Standard';  File = 'standards.csv';  Compare = 'Compare-NzqaStandard';  Sync = 'Sync-NzqaStandard' }
)
foreach ($area in $areas) {
    ''
    "== $($area.Name) =="
    # Compare: one object per record, with its status and field-by-field differences.
    $local = Import-NzqaRecord -Path ([IO.Path]::Combine($SmsExportFolder, $area.File)) -Kind $area.Kind
    $diff = $local | & $area.Compare
    $counts = [ordered]@{}
    foreach ($d in $diff) { $counts[[string]$d.Status] = 1 + [int]$counts[[string]$d.Status] }
    "Compared: " + (($counts.Keys | ForEach-Object { "$_ $($counts[$_])" }) -join ', ')

    # Review: everything that is not a match, through the module's table view.
    $diff | Where-Object Status -ne 'Match' | Out-Default

    # Sync: only changed records are sent; -WhatIf and -Confirm work.
    $results = $diff | Where-Object Status -in 'New', 'Different', 'Leaver' | & $area.Sync
    $failed = @($results | Where-Object Outcome -eq 'Failed')
    "Synced: $(@($results | Where-Object Outcome -eq 'Synced').Count), failed: $($failed.Count)"
    $failed | Out-Default
}

# Log: the status banner, one line per area.
''
'== Sync log =='
Get-NzqaSyncLog -Summary | Out-Default
