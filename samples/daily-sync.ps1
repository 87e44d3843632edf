#Requires -Modules NzqaSync
<#
.SYNOPSIS
    The daily NZQA sync of all three areas: connect, compare, review, sync, log.
.DESCRIPTION
    Runs the workflow a data officer runs by hand, as one script, in the order NZQA needs: Learner Details first
    (a learner must exist before an enrolment), then Enrolments (an enrolment must be active before an entry), then
    Standards (entries and results). Reads the SMS export files learners.csv, enrolments.csv and standards.csv from
    -SmsExportFolder. Works in PowerShell 7 and Windows PowerShell 5.1, and in the demo's hosted engine (it uses
    only the core cmdlets and NzqaSync's own). Needs the NzqaSync module installed (or out/NzqaSync on PSModulePath):
    without it PowerShell refuses to start the script (#Requires) and nothing runs.

    Exits with (as samples/nightly-sync.ps1 does):
      0  everything that needed sending was synced
      1  some records were invalid or refused by NZQA (they are shown above the exit; Get-NzqaSyncLog -Outcome Failed)
      2  the run could not start or could not finish reading (a missing or wrong parameter, cannot connect, cannot read an export or NZQA's side)
.EXAMPLE
    $cred = Get-Credential kowhai-high-machine          # or Get-Secret NzqaMachine
    ./samples/daily-sync.ps1 -BaseUri http://127.0.0.1:5080/nzqa/v1 -ProviderNumber 257 -Credential $cred -SmsExportFolder ./export
.EXAMPLE
    ./samples/daily-sync.ps1 ... -WhatIf                # compare and show what would be sent; send nothing
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Required: the NZQA API root, the provider number, a PSCredential and the SMS export folder (checked below,
    # exit 2 when missing or wrong).
    [string] $BaseUri,
    [string] $ProviderNumber,
    [object] $Credential,
    [string] $SmsExportFolder,
    [string] $JournalPath,
    # Anything else on the command line (a mistyped parameter name): refused below with exit 2.
    [Parameter(ValueFromRemainingArguments, DontShow)] [string[]] $UnknownArguments
)

# The command line is checked here, not by PowerShell's parameter binding: a missing or mistyped parameter would end
# the run before it starts with PowerShell's exit code 1, which means "records invalid or refused" here. A bad
# command line is exit 2 (the run could not start), saying what is wrong.
$usage = @()
if ($UnknownArguments) { $usage += "unknown argument(s) '$($UnknownArguments -join ' ')' (a mistyped parameter name?)" }
$uri = $null
if (-not $BaseUri) { $usage += '-BaseUri is required (the NZQA API root, e.g. http://127.0.0.1:5080/nzqa/v1)' }
elseif (-not [uri]::TryCreate($BaseUri, [UriKind]::Absolute, [ref] $uri)) { $usage += "-BaseUri '$BaseUri' is not an absolute URI (e.g. http://127.0.0.1:5080/nzqa/v1)" }
if (-not $ProviderNumber) { $usage += '-ProviderNumber is required (the school''s NZQA provider number, e.g. 257)' }
elseif ($ProviderNumber -notmatch '^\s*\d{1,9}\s*$') { $usage += "-ProviderNumber '$ProviderNumber' is not a number (the school's NZQA provider number, e.g. 257)" }
if ($null -eq $Credential) { $usage += '-Credential is required: a PSCredential ($cred = Get-Credential, or Get-Secret); for a scheduled run use samples/nightly-sync.ps1, which reads a vault or a credential file' }
elseif ($Credential -isnot [pscredential]) { $usage += '-Credential must be a PSCredential ($cred = Get-Credential, or Get-Secret), not text' }
if (-not $SmsExportFolder) { $usage += '-SmsExportFolder is required (the folder with learners.csv, enrolments.csv and standards.csv)' }
if ($usage) {
    foreach ($u in $usage) { "daily-sync: $u." }
    'daily-sync: usage: daily-sync.ps1 -BaseUri <uri> -ProviderNumber <number> -Credential <PSCredential> -SmsExportFolder <folder> [-JournalPath <folder>] [-WhatIf]'
    exit 2
}
$ProviderNumber = $ProviderNumber.Trim()   # a number (checked above); Connect-Nzqa takes it as one

# A relative folder is relative to PowerShell's location (Set-Location), not the process's working directory that
# [IO.File]::Exists would use: resolve it once here.
$SmsExportFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SmsExportFolder)

$connect = @{ BaseUri = $BaseUri; ProviderNumber = $ProviderNumber; Credential = $Credential; ErrorAction = 'Stop' }
if ($JournalPath) { $connect.JournalPath = $JournalPath }
try { Connect-Nzqa @connect }
catch {
    "daily-sync: cannot connect to NZQA: $($_.Exception.Message)"
    exit 2
}
"Connected to NZQA as provider $ProviderNumber."

$problems = 0

$areas = @(
    @{ Name = 'Learner Details'; Kind = 'Learner';   File = 'learners.csv';   Compare = 'Compare-NzqaLearner';   Sync = 'Sync-NzqaLearner' }
    @{ Name = 'Enrolments';      Kind = 'Enrolment'; File = 'enrolments.csv'; Compare = 'Compare-NzqaEnrolment'; Sync = 'Sync-NzqaEnrolment' }
    @{ Name = 'Standards';       Kind = 'Standard';  File = 'standards.csv';  Compare = 'Compare-NzqaStandard';  Sync = 'Sync-NzqaStandard' }
)
foreach ($area in $areas) {
    ''
    "== $($area.Name) =="
    # Compare: one object per record, with its status and field-by-field differences. A row that cannot be read and
    # a record that cannot be sent are errors shown here; the rest carry on.
    $path = [IO.Path]::Combine($SmsExportFolder, $area.File)
    if (-not [IO.File]::Exists($path)) {
        "daily-sync: $($area.Name): no export at $path"
        exit 2
    }
    $importErrors = $null; $compareErrors = $null; $syncErrors = $null
    try {
        $local = @(Import-NzqaRecord -Path $path -Kind $area.Kind -ErrorVariable importErrors)
        $diff = @($local | & $area.Compare -ErrorVariable compareErrors)
    }
    catch {
        "daily-sync: $($area.Name): $($_.Exception.Message)"
        exit 2
    }
    $counts = [ordered]@{}
    foreach ($d in $diff) { $counts[[string]$d.Status] = 1 + [int]$counts[[string]$d.Status] }
    "Compared: " + (($counts.Keys | ForEach-Object { "$_ $($counts[$_])" }) -join ', ')

    # Review: everything that is not a match, through the module's table view.
    $diff | Where-Object Status -ne 'Match' | Out-Default

    # Sync: only changed records are sent; -WhatIf and -Confirm work.
    $results = $diff | Where-Object Status -in 'New', 'Different', 'Leaver' | & $area.Sync -ErrorVariable syncErrors
    $failed = @($results | Where-Object Outcome -eq 'Failed')
    "Synced: $(@($results | Where-Object Outcome -eq 'Synced').Count), failed: $($failed.Count)"
    $failed | Out-Default
    $problems += $failed.Count + @($importErrors).Count + @($compareErrors).Count
}

# Log: the status banner, one line per area.
''
'== Sync log =='
Get-NzqaSyncLog -Summary | Out-Default
if ($problems -gt 0) { exit 1 }
exit 0
