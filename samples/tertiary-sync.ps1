#Requires -Modules NzqaSync
<#
.SYNOPSIS
    A tertiary provider's SDR upload to TEC DXP: connect, pick the return, upload, review, validate, log.
.DESCRIPTION
    Runs what a tertiary data officer does for a Single Data Return, as one script: connects to TEC DXP with the
    provider's ESL machine account, picks the return whose window is open (else the next one to open; -ReturnId
    chooses), opens its submission, uploads the course enrolments and qualification completions from the SMS export
    files course-enrolments.csv and qualification-completions.csv in -ExportFolder, shows every record that was not
    stored and why, starts TEC's validation, waits for it, shows its errors and warnings, and ends with the journal's
    summary. Records are replaced by localId, so running it again after fixing the export never doubles anything.
    It never resets or finalises a return (finalising is done in TEC's DXP portal).

    Works in PowerShell 7 and Windows PowerShell 5.1, and in the demo's hosted engine (it uses only the core cmdlets
    and NzqaSync's own). Needs the NzqaSync module installed (#Requires).

    Exits with (as samples/nightly-sync.ps1 does):
      0  every record was stored and TEC's validation found no errors (warnings allowed)
      1  some records were not stored (invalid, rejected or failed) or TEC's validation found errors or did not finish
      2  the run could not start (cannot connect, no return, no submission, cannot read an export)
.EXAMPLE
    $cred = Get-Credential te-awa-machine          # or Get-Secret TecMachine
    ./samples/tertiary-sync.ps1 -BaseUri http://127.0.0.1:5080/dxp -Edumis 7001 -Credential $cred -ExportFolder ./sdr
.EXAMPLE
    ./samples/tertiary-sync.ps1 ... -ReturnId 202608 -WhatIf   # read and check the export; upload nothing
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [int] $Edumis,
    [Parameter(Mandatory)] [pscredential] $Credential,
    [Parameter(Mandatory)] [string] $ExportFolder,
    [string] $ReturnId,
    [string] $JournalPath,
    [int] $ValidationTimeoutSeconds = 600,
    # Also write one object with everything the run did (for scripts and tests that check the outcome).
    [switch] $PassThru
)

$connect = @{ BaseUri = $BaseUri; Edumis = $Edumis; Credential = $Credential; ErrorAction = 'Stop' }
if ($JournalPath) { $connect.JournalPath = $JournalPath }
try { Connect-Dxp @connect }
catch {
    "tertiary-sync: cannot connect to TEC DXP: $($_.Exception.Message)"
    exit 2
}
"Connected to TEC DXP as EDUMIS $Edumis."
$problems = 0

# The return: the one asked for, else the one whose window is open, else the next to open, else the latest.
''
'== Returns =='
try { $returns = @(Get-DxpReturn -ErrorAction Stop) }
catch {
    "tertiary-sync: cannot read EDUMIS $Edumis's returns: $($_.Exception.Message)"
    exit 2
}
$returns | Out-Default
if ($ReturnId) { $return = @($returns | Where-Object ReturnId -eq $ReturnId)[0] }
else {
    $return = @($returns | Where-Object ReturnStatus -eq 'Open')[0]
    if (-not $return) { $return = @($returns | Where-Object ReturnStatus -eq 'Upcoming')[0] }
    if (-not $return -and $returns.Count) { $return = $returns[$returns.Count - 1] }
}
if (-not $return) {
    "tertiary-sync: EDUMIS $Edumis has no return $ReturnId to upload to."
    exit 2
}
# DXP sends the window in UTC; show New Zealand dates (IANA name, else the Windows one in Windows PowerShell).
$nz = try { [TimeZoneInfo]::FindSystemTimeZoneById('Pacific/Auckland') } catch { [TimeZoneInfo]::FindSystemTimeZoneById('New Zealand Standard Time') }
$window = '{0:d MMM} to {1:d MMM yyyy}' -f [TimeZoneInfo]::ConvertTime($return.OpenWindowDate, $nz), [TimeZoneInfo]::ConvertTime($return.CloseWindowDate, $nz)
"Return $($return.ReturnId) ($($return.ReturnType), window $window NZ): $($return.ReturnStatus)."

try { $submission = Get-DxpSubmission -ReturnId $return.ReturnId -ErrorAction Stop }
catch {
    "tertiary-sync: cannot open the submission of return $($return.ReturnId): $($_.Exception.Message)"
    exit 2
}
"Submission $($submission.SubmissionStatus): up to $($submission.MaxRecordPerBatch) records per request; its token expires $($submission.TokenExpiry.ToLocalTime().ToString('HH:mm'))."

# Upload: each dataset from its CSV; one result per record, as DXP answered.
$datasets = @(
    @{ Name = 'Course enrolments';         Kind = 'CourseEnrolment';         File = 'course-enrolments.csv';         Send = 'Send-DxpCourseEnrolment' }
    @{ Name = 'Qualification completions'; Kind = 'QualificationCompletion'; File = 'qualification-completions.csv'; Send = 'Send-DxpQualificationCompletion' }
)
$results = [System.Collections.Generic.List[object]]::new()
foreach ($dataset in $datasets) {
    ''
    "== $($dataset.Name) =="
    $path = [IO.Path]::Combine($ExportFolder, $dataset.File)
    if (-not [IO.File]::Exists($path)) {
        "tertiary-sync: $($dataset.Name): no export at $path"
        exit 2
    }
    $importErrors = $null
    try { $local = @(Import-NzqaRecord -Path $path -Kind $dataset.Kind -ErrorVariable importErrors) }
    catch {
        "tertiary-sync: $($dataset.Name): $($_.Exception.Message)"
        exit 2
    }
    $problems += @($importErrors).Count
    "Read $($local.Count) records from $($dataset.File)."
    $sent = @($local | & $dataset.Send -Submission $submission)
    foreach ($r in $sent) { $results.Add($r) }
    $counts = [ordered]@{}
    foreach ($r in $sent) { $counts[[string]$r.Outcome] = 1 + [int]$counts[[string]$r.Outcome] }
    if ($sent.Count) { "Uploaded: " + (($counts.Keys | ForEach-Object { "$_ $($counts[$_])" }) -join ', ') }

    # Review: every record that is not stored, with the rule it breaks (Invalid) or TEC's words (Rejected, Failed).
    $notStored = @($sent | Where-Object Outcome -ne 'Accepted')
    $problems += $notStored.Count
    if ($notStored.Count) {
        "Not stored ($($notStored.Count)): fix these in the SMS and run again (the same localId replaces)."
        $notStored | Out-Default
    }
}

if ($WhatIfPreference) {
    ''
    'WhatIf: nothing was uploaded, so no validation was started.'
    if ($problems -gt 0) { exit 1 }
    exit 0
}

# Validation: TEC checks the whole submission (duplicates across records, warnings); wait for it.
''
'== Validation =='
$run = Start-DxpValidation -ReturnId $return.ReturnId
$issues = @()
if ($run) {
    "Validation run $($run.ValidationRunId) is $($run.Status); waiting for TEC (at most $ValidationTimeoutSeconds s)."
    $run = Get-DxpValidation -ReturnId $return.ReturnId -Wait -TimeoutSeconds $ValidationTimeoutSeconds
    $run | Out-Default
    if ($run.Status -eq 'Processed') {
        $issues = @(Get-DxpValidationResult -ReturnId $return.ReturnId)
        if ($run.ErrorCount -gt 0) { $problems++ }
        $issues | Out-Default
        if ($run.ErrorCount -eq 0) { "Return $($return.ReturnId) validated without errors ($($run.WarningCount) warnings): finalise it in TEC's DXP portal." }
        else { "$($run.ErrorCount) validation errors and $($run.WarningCount) warnings: correct the records above in the SMS, upload again and validate again." }
    }
}

# Log: what the journal says about every DXP upload, per dataset.
''
'== Sync log (DXP) =='
$log = @(Get-NzqaSyncLog -Api Dxp -Summary)
$log | Out-Default

if ($PassThru) {
    [pscustomobject]@{
        Return     = $return
        Submission = Get-DxpSubmission -ReturnId $return.ReturnId
        Results    = $results.ToArray()
        Validation = $run
        Issues     = $issues
        Log        = $log
    }
}
# A validation that did not finish (timed out, failed) is not a clean return either.
if (-not $run -or $run.Status -ne 'Processed') { $problems++ }
if ($problems -gt 0) { exit 1 }
exit 0
