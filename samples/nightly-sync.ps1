#Requires -Modules NzqaSync
<#
.SYNOPSIS
    Unattended nightly NZQA sync for Windows Task Scheduler or cron: every area, a summary, the log location, and an
    exit code that says whether anything failed.
.DESCRIPTION
    Compares and syncs Learner Details, Enrolments and Standards (in that order) from the SMS export folder, writes a
    one-line summary per area and the journal location, and exits with:
      0  everything that needed sending was synced
      1  some records were invalid, held for a person to check, or refused by NZQA: each invalid or held record is
         listed on a line of its own (kind, NSN, the export's line, why); refused ones are in the journal
         (Get-NzqaSyncLog -Outcome Failed). Invalid records were never sent, so they are not in the journal.
      2  the run could not start (a missing or wrong parameter, no credentials, cannot connect, an export that cannot
         be read: missing, empty, without its header or with no record that can be read, named with the reason).
         The three exports are checked before anything is sent.
    Needs the NzqaSync module installed (or out/NzqaSync on PSModulePath): without it PowerShell refuses to start the
    script (#Requires) with "The module 'NzqaSync' cannot be found" and exit code 1 (PowerShell's own code for a script
    it could not start), before anything runs.
    With -ApprovalPath (approval mode) only the changes the Principal's Nominee approved in that file are sent, and
    only while the data is still what they approved; the rest are listed as awaiting approval or changed since
    approval, and are not sent (they do not make the exit code 1).
    Nothing prompts. The machine password comes from, in order: -Credential; the SecretManagement vault
    (Get-Secret -Name $SecretName); a credential file (-CredentialPath, made once with Get-Credential | Export-Clixml).
    On Windows that file is encrypted for the same user on the same machine. On Linux and macOS it is NOT encrypted
    (the password is stored as hex): keep it owner-only (chmod 600) or the run refuses it and exits 2; better, use a
    SecretManagement vault or the scheduler's own secret store and pass -Credential.
.EXAMPLE
    # Task Scheduler action (Windows PowerShell 5.1 or pwsh 7):
    pwsh -NoProfile -NonInteractive -File C:\NzqaSync\nightly-sync.ps1 -BaseUri https://<nzqa api> -ProviderNumber 257 -SmsExportFolder D:\Exports -CredentialPath C:\NzqaSync\machine.xml
.EXAMPLE
    # cron (Linux): 30 2 * * *  pwsh -NoProfile -NonInteractive -File /opt/nzqasync/nightly-sync.ps1 -BaseUri ... -ProviderNumber 257 -SmsExportFolder /srv/exports -SecretName NzqaMachine
.EXAMPLE
    # Approval mode: the Nominee ticked changes on the review page and saved approval.json next to the script.
    pwsh -NoProfile -NonInteractive -File ./nightly-sync.ps1 -BaseUri ... -ProviderNumber 257 -SmsExportFolder /srv/exports -SecretName NzqaMachine -ApprovalPath /srv/nzqasync/approval.json
#>
[CmdletBinding()]
param(
    # Required: the NZQA API root, the provider number and the SMS export folder (checked below, exit 2 when missing).
    [string] $BaseUri,
    [string] $ProviderNumber,
    [string] $SmsExportFolder,
    # A PSCredential (checked below).
    [object] $Credential,
    [string] $SecretName = 'NzqaMachine',
    [string] $CredentialPath,
    [string] $JournalPath,
    # Approval mode: send only the changes the Principal's Nominee approved in this file (downloaded from the review
    # page, or written with New-NzqaApproval); the rest are reported as awaiting approval and not sent.
    [string] $ApprovalPath,
    # Anything else on the command line (a mistyped parameter name): refused below with exit 2.
    [Parameter(ValueFromRemainingArguments, DontShow)] [string[]] $UnknownArguments
)

# The command line is checked here, not by PowerShell's parameter binding: a missing or mistyped parameter would end
# the run before it starts with PowerShell's exit code 1, which means "records invalid or refused" here. A bad
# command line is exit 2 (the run could not start), saying what is wrong.
$usage = @()
if ($UnknownArguments) { $usage += "unknown argument(s) '$($UnknownArguments -join ' ')' (a mistyped parameter name?)" }
$uri = $null
if (-not $BaseUri) { $usage += '-BaseUri is required (the NZQA API root, e.g. https://<nzqa api>/nzqa/v1)' }
elseif (-not [uri]::TryCreate($BaseUri, [UriKind]::Absolute, [ref] $uri)) { $usage += "-BaseUri '$BaseUri' is not an absolute URI (e.g. https://<nzqa api>/nzqa/v1)" }
if (-not $ProviderNumber) { $usage += '-ProviderNumber is required (the school''s NZQA provider number, e.g. 257)' }
elseif ($ProviderNumber -notmatch '^\s*\d{1,9}\s*$') { $usage += "-ProviderNumber '$ProviderNumber' is not a number (the school's NZQA provider number, e.g. 257)" }
if (-not $SmsExportFolder) { $usage += '-SmsExportFolder is required (the folder the SMS writes learners.csv, enrolments.csv and standards.csv to)' }
if ($null -ne $Credential -and $Credential -isnot [pscredential]) { $usage += '-Credential must be a PSCredential (from a command line, use -CredentialPath or -SecretName instead)' }
if ($usage) {
    foreach ($u in $usage) { "nightly-sync: $u." }
    'nightly-sync: usage: nightly-sync.ps1 -BaseUri <uri> -ProviderNumber <number> -SmsExportFolder <folder> [-Credential <PSCredential> | -SecretName <name> | -CredentialPath <file>] [-JournalPath <folder>] [-ApprovalPath <file>]'
    exit 2
}
$ProviderNumber = $ProviderNumber.Trim()   # a number (checked above); Connect-Nzqa takes it as one

# A relative folder is relative to PowerShell's location (Set-Location), not the process's working directory that
# [IO.File]::Exists would use: resolve it once here.
$SmsExportFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($SmsExportFolder)

# Credentials: never prompt in an unattended run. Off Windows an Export-Clixml file is not encrypted, so
# Import-NzqaCredential refuses one that anyone but its owner can read.
if (-not $Credential -and $CredentialPath) {
    try { $Credential = Import-NzqaCredential -Path $CredentialPath -ErrorAction Stop }
    catch {
        "nightly-sync: cannot use the credential file: $($_.Exception.Message)"
        if ($_.ErrorDetails.RecommendedAction) { "nightly-sync: $($_.ErrorDetails.RecommendedAction)" }
        exit 2
    }
}
if (-not $Credential -and (Get-Command Get-Secret -ErrorAction SilentlyContinue)) {
    $Credential = Get-Secret -Name $SecretName -ErrorAction SilentlyContinue
}
if (-not $Credential) {
    "nightly-sync: no machine credential (give -Credential, a SecretManagement secret '$SecretName', or -CredentialPath)."
    exit 2
}

try {
    $connect = @{ BaseUri = $BaseUri; ProviderNumber = $ProviderNumber; Credential = $Credential; ErrorAction = 'Stop' }
    if ($JournalPath) { $connect.JournalPath = $JournalPath }
    $connection = Connect-Nzqa @connect -PassThru
}
catch {
    "nightly-sync: cannot connect to NZQA: $($_.Exception.Message)"
    exit 2
}

# Every export is checked before anything is sent, so that exit 2 means nothing was sent: it exists, is not empty, has
# the area's columns, and at least one of its records can be read (only the first is read here; the compare reads all).
$areas = @(
    @{ Kind = 'Learner';   File = 'learners.csv';   Compare = 'Compare-NzqaLearner';   Sync = 'Sync-NzqaLearner' }
    @{ Kind = 'Enrolment'; File = 'enrolments.csv'; Compare = 'Compare-NzqaEnrolment'; Sync = 'Sync-NzqaEnrolment' }
    @{ Kind = 'Standard';  File = 'standards.csv';  Compare = 'Compare-NzqaStandard';  Sync = 'Sync-NzqaStandard' }
)
$unreadable = @()
foreach ($area in $areas) {
    $path = [IO.Path]::Combine($SmsExportFolder, $area.File)
    if (-not [IO.File]::Exists($path)) { $unreadable += "$($area.Kind): no export at $path"; continue }
    $readErrors = $null; $readWarnings = $null
    try {
        $first = @(Import-NzqaRecord -Path $path -Kind $area.Kind -ErrorAction SilentlyContinue -ErrorVariable readErrors `
            -WarningAction SilentlyContinue -WarningVariable readWarnings | Select-Object -First 1)
    }
    catch { $unreadable += "$($area.Kind): cannot read $path`: $($_.Exception.Message)"; continue }
    if ($first.Count -eq 0) {
        # Empty, no header, a header without rows, or not one row that can be read: say what the import said.
        $why = @(@($readErrors) | ForEach-Object { $_.Exception.Message }) + @(@($readWarnings) | ForEach-Object { "$_" }) | Select-Object -First 3
        if (-not $why) { $why = @('no records') }
        $unreadable += "$($area.Kind): cannot read $path`: $($why -join ' ')"
    }
}
if ($unreadable) {
    foreach ($u in $unreadable) { "nightly-sync: $u" }
    'nightly-sync: nothing was sent; fix the export (or the SMS job that writes it) and run again.'
    exit 2
}

# One line per record the compare refused (never sent, so not in the journal): kind, NSN (and standard), the export's
# line and why, like the held records below.
function Format-InvalidRecord {
    param([string] $Kind, [System.Management.Automation.ErrorRecord] $ErrorRecord)
    $target = $ErrorRecord.TargetObject
    $key = $null; $line = $null
    if ($null -ne $target) {
        $props = $target.PSObject.Properties
        if ($props['Nsn']) { $key = [string]$target.Nsn }
        elseif ($props['Cells'] -and $target.Cells -is [System.Collections.IDictionary]) {
            foreach ($cell in $target.Cells.GetEnumerator()) { if ("$($cell.Key)".Trim() -eq 'NSN') { $key = [string]$cell.Value } }
        }
        if ($props['StandardNumber'] -and $target.StandardNumber) { $key = "$key standard $($target.StandardNumber)".Trim() }
        if ($props['SourceLine'] -and $target.SourceLine) { $line = $target.SourceLine } elseif ($props['Line'] -and $target.Line) { $line = $target.Line }
    }
    $problems = if ($ErrorRecord.Exception.PSObject.Properties['Problems']) { @($ErrorRecord.Exception.Problems | ForEach-Object { $_.Message } | Where-Object { $_ }) } else { @() }
    $why = if ($problems) { $problems -join ' ' } else { $ErrorRecord.Exception.Message }
    $where = @($(if ($key) { $key } else { '(no NSN)' }); $(if ($line) { "line $line" })) -join ' '
    "  invalid {0} {1}: {2}" -f $Kind, $where, $why
}

$problems = 0
foreach ($area in $areas) {
    $path = [IO.Path]::Combine($SmsExportFolder, $area.File)
    if (-not [IO.File]::Exists($path)) {
        "nightly-sync: $($area.Kind): no export at $path"
        exit 2
    }
    $compareErrors = $null; $syncErrors = $null
    try {
        # -Path: the compare reads the export itself (same columns and errors as Import-NzqaRecord | Compare-…, faster).
        $diff = & $area.Compare -Path $path -ErrorAction SilentlyContinue -ErrorVariable compareErrors
    }
    catch {
        # A file of the wrong kind or without a required column, or NZQA's side that cannot be read.
        "nightly-sync: $($area.Kind): $($_.Exception.Message)"
        exit 2
    }
    $sync = @{ ErrorAction = 'SilentlyContinue'; ErrorVariable = 'syncErrors' }
    if ($ApprovalPath) { $sync.ApprovalPath = $ApprovalPath }
    try {
        # .Where() rather than Where-Object: at 60,000 diffs the pipeline cmdlet costs seconds, the method a fraction.
        $results = @(@($diff).Where({ $_.Status -in 'New', 'Different', 'Leaver' }) | & $area.Sync @sync)
    }
    catch {
        "nightly-sync: $($area.Kind): $($_.Exception.Message)"
        exit 2
    }
    $synced = @($results | Where-Object Outcome -eq 'Synced').Count
    $failed = @($results | Where-Object Outcome -eq 'Failed').Count
    # Skipped with a reason: identity changes not sent without consent, learners held after an NSN conflict, and
    # records held back because their learner was not accepted. A person should look at each.
    $held = @($results | Where-Object { $_.Outcome -eq 'Skipped' -and $_.Errors.Count -gt 0 })
    $invalid = @($compareErrors).Count
    # Skipped awaiting the Nominee's approval (approval mode) is expected, not a problem: reported below.
    $awaiting = @($results | Where-Object { $_.Outcome -eq 'Skipped' -and $_.Errors -match '^(Not approved|Changed since approval)' })
    $held = @($held | Where-Object { $awaiting -notcontains $_ })
    $problems += $failed + $invalid + $held.Count
    ("{0}: {1} compared, {2} synced, {3} failed, {4} invalid, {5} held for a person to check" -f $area.Kind, @($diff).Count, $synced, $failed, $invalid, $held.Count)
    foreach ($e in @($compareErrors)) { Format-InvalidRecord -Kind $area.Kind -ErrorRecord $e }
    foreach ($h in $held) { ("  held {0} {1}: {2}" -f $h.Kind, $h.Key, $h.ErrorSummary) }
    if ($ApprovalPath) {
        $notApproved = @($awaiting | Where-Object { $_.Errors -match '^Not approved' })
        $changed = @($awaiting | Where-Object { $_.Errors -match '^Changed since approval' })
        ("{0}: {1} awaiting approval, {2} changed since approval (not sent)" -f $area.Kind, $notApproved.Count, $changed.Count)
        foreach ($r in $changed) { ("  changed since approval: {0} {1} {2}" -f $r.Kind, $r.Key, $r.Name) }
    }
}

"Journal: $($connection.JournalPath)"
foreach ($summary in Get-NzqaSyncLog -Summary) { ("{0} {1}: {2}" -f $summary.Api, $summary.Kind, $summary.Progress) }
if ($problems -gt 0) { exit 1 }
exit 0
