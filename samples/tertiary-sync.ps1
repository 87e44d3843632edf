#Requires -Modules NzqaSync
<#
.SYNOPSIS
    A tertiary provider's whole Single Data Return round with TEC DXP: read the five SDR files, check across them,
    compare with the submission, send only what changed, validate, log; exit 0/1/2.
.DESCRIPTION
    Runs what a tertiary data officer does for an SDR, as one script (interactive or scheduled):
      1. connects to TEC DXP with the provider's ESL machine account and picks the return whose window is open (else the
         next to open; -ReturnId chooses);
      2. reads the SMS export's five files from -ExportFolder: learners.csv, courses.csv (the course register),
         course-enrolments.csv, course-completions.csv and qualification-completions.csv (the two completion files may be
         absent, e.g. for the March IND: that collection is then left as it is);
      3. checks every record, and across the files: each course enrolment's and completion's course must be in the
         register exactly once, each student must have a learner record with the same NSN (refused locally, the error
         naming both records);
      4. compares each collection with what the submission holds (Compare-DxpRecord) and sends only what changed
         (Sync-DxpRecord): new and changed records are uploaded, records the SMS no longer has are deleted;
      5. starts TEC's validation, waits, shows its errors and warnings, and prints the journal's summary.
    Exit codes (like nightly-sync.ps1):
      0  everything that needed sending was sent and TEC's validation found no errors
      1  some records were invalid, refused by DXP, not deleted, or TEC's validation reported errors
      2  the run could not start (a missing or wrong parameter, no credentials, cannot connect, no return, an export file missing or unreadable)
    With -ApprovalPath (approval mode) only the uploads and deletes signed off in that file (New-NzqaApproval from
    Compare-DxpRecord's diffs) are sent, and only while the data is still what was approved; the rest are listed as
    awaiting approval or changed since approval, and are not sent (they do not make the exit code 1).
    Nothing prompts unless -Confirm is given (deletes are confirmed then); -WhatIf compares and shows what would be sent.
    It never resets or finalises a return (finalising is done in TEC's DXP portal). It uses only the core cmdlets and
    NzqaSync's own, so it runs in Windows PowerShell 5.1, PowerShell 7 and the demo's hosted engine.
.EXAMPLE
    $cred = Get-Credential te-awa-machine          # or Get-Secret TecMachine
    ./samples/tertiary-sync.ps1 -BaseUri http://127.0.0.1:5080/dxp -Edumis 7001 -Credential $cred -ExportFolder ./sdr
.EXAMPLE
    ./samples/tertiary-sync.ps1 ... -ReturnId 202608 -WhatIf   # read, check and compare; send nothing
.EXAMPLE
    # Approval mode: whoever signs off the return approved the diffs (… | Compare-DxpRecord … | New-NzqaApproval -Path approval.json -SignedBy …).
    ./samples/tertiary-sync.ps1 ... -ReturnId 202608 -ApprovalPath ./sdr/approval.json
.EXAMPLE
    # cron: 15 3 * * *  pwsh -NoProfile -NonInteractive -File /opt/nzqasync/tertiary-sync.ps1 -BaseUri ... -Edumis 7001 -ExportFolder /srv/sdr -SecretName TecMachine
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Required: the DXP API root, the EDUMIS number and the SDR export folder (checked below, exit 2 when missing).
    [string] $BaseUri,
    [string] $Edumis,
    [string] $ExportFolder,
    # A PSCredential (checked below).
    [object] $Credential,
    [string] $SecretName = 'TecMachine',
    [string] $CredentialPath,
    [string] $ReturnId,
    [string] $JournalPath,
    [int] $ValidationTimeoutSeconds = 600,
    # Approval mode: send only the changes approved in this file (New-NzqaApproval); the rest are reported, not sent.
    [string] $ApprovalPath,
    # Also write one object with everything the run did (for scripts and tests that check the outcome).
    [switch] $PassThru,
    # Anything else on the command line (a mistyped parameter name): refused below with exit 2.
    [Parameter(ValueFromRemainingArguments, DontShow)] [string[]] $UnknownArguments
)

# The command line is checked here, not by PowerShell's parameter binding: a missing or mistyped parameter would end
# the run before it starts with PowerShell's exit code 1, which means "records invalid or refused" here. A bad
# command line is exit 2 (the run could not start), saying what is wrong.
$usage = @()
if ($UnknownArguments) { $usage += "unknown argument(s) '$($UnknownArguments -join ' ')' (a mistyped parameter name?)" }
$uri = $null
if (-not $BaseUri) { $usage += '-BaseUri is required (the DXP API root, e.g. https://<dxp api>/dxp)' }
elseif (-not [uri]::TryCreate($BaseUri, [UriKind]::Absolute, [ref] $uri)) { $usage += "-BaseUri '$BaseUri' is not an absolute URI (e.g. https://<dxp api>/dxp)" }
if (-not $Edumis) { $usage += '-Edumis is required (the provider''s EDUMIS number, e.g. 7001)' }
elseif ($Edumis -notmatch '^\s*\d{1,9}\s*$') { $usage += "-Edumis '$Edumis' is not a number (the provider's EDUMIS number, e.g. 7001)" }
if (-not $ExportFolder) { $usage += '-ExportFolder is required (the folder with the SDR export files)' }
if ($null -ne $Credential -and $Credential -isnot [pscredential]) { $usage += '-Credential must be a PSCredential (from a command line, use -CredentialPath or -SecretName instead)' }
if ($usage) {
    foreach ($u in $usage) { "tertiary-sync: $u." }
    'tertiary-sync: usage: tertiary-sync.ps1 -BaseUri <uri> -Edumis <number> -ExportFolder <folder> [-Credential <PSCredential> | -SecretName <name> | -CredentialPath <file>] [-ReturnId <id>] [-JournalPath <folder>] [-ApprovalPath <file>] [-PassThru] [-WhatIf]'
    exit 2
}
$Edumis = $Edumis.Trim()   # a number (checked above); Connect-Dxp takes it as one

# A relative folder is relative to PowerShell's location (Set-Location), not the process's working directory that
# [IO.File]::Exists would use: resolve it once here.
$ExportFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ExportFolder)

function Stop-Round([string] $Message) {
    "tertiary-sync: $Message"
    exit 2
}

# Credentials: never prompt in an unattended run.
if (-not $Credential -and $CredentialPath) {
    try { $Credential = Import-NzqaCredential -Path $CredentialPath -ErrorAction Stop }
    catch { Stop-Round "cannot use the credential file: $($_.Exception.Message)" }
}
if (-not $Credential -and (Get-Command Get-Secret -ErrorAction SilentlyContinue)) {
    $Credential = Get-Secret -Name $SecretName -ErrorAction SilentlyContinue
}
if (-not $Credential) { Stop-Round "no machine credential (give -Credential, a SecretManagement secret '$SecretName', or -CredentialPath)." }
if ($ApprovalPath -and -not (Test-Path -LiteralPath $ApprovalPath -PathType Leaf)) { Stop-Round "no approval file at $ApprovalPath." }

try {
    $connect = @{ BaseUri = $BaseUri; Edumis = $Edumis; Credential = $Credential; ErrorAction = 'Stop' }
    if ($JournalPath) { $connect.JournalPath = $JournalPath }
    Connect-Dxp @connect
    "Connected to TEC DXP as EDUMIS $Edumis."

    # The return: the one asked for, else the one whose window is open, else the next to open, else the latest.
    $returns = @(Get-DxpReturn -ErrorAction Stop)
    if ($ReturnId) { $return = @($returns | Where-Object ReturnId -eq $ReturnId)[0] }
    else {
        $return = @($returns | Where-Object ReturnStatus -eq 'Open')[0]
        if (-not $return) { $return = @($returns | Where-Object ReturnStatus -eq 'Upcoming')[0] }
        if (-not $return -and $returns.Count) { $return = $returns[$returns.Count - 1] }
    }
    if (-not $return) { Stop-Round "EDUMIS $Edumis has no return $ReturnId to send to." }
    # DXP sends the window in UTC; show New Zealand dates (IANA name, else the Windows one in Windows PowerShell).
    $nz = try { [TimeZoneInfo]::FindSystemTimeZoneById('Pacific/Auckland') } catch { [TimeZoneInfo]::FindSystemTimeZoneById('New Zealand Standard Time') }
    $window = '{0:d MMM} to {1:d MMM yyyy}' -f [TimeZoneInfo]::ConvertTime($return.OpenWindowDate, $nz), [TimeZoneInfo]::ConvertTime($return.CloseWindowDate, $nz)
    "Return $($return.ReturnId) ($($return.ReturnType), window $window NZ): $($return.ReturnStatus)."
    $submission = Get-DxpSubmission -ReturnId $return.ReturnId -ErrorAction Stop
    "Submission $($submission.SubmissionStatus): up to $($submission.MaxRecordPerBatch) records per request."
}
catch { Stop-Round "cannot reach TEC DXP: $($_.Exception.Message)" }

# The five collections, in the order they are sent: the learners and the register before what refers to them.
$collections = @(
    @{ Name = 'Learners';                  Dataset = 'Learner';                 Kind = 'DxpLearner';                 File = 'learners.csv';                  Required = $true }
    @{ Name = 'Course register';           Dataset = 'Course';                  Kind = 'DxpCourse';                  File = 'courses.csv';                   Required = $true }
    @{ Name = 'Course enrolments';         Dataset = 'CourseEnrolment';         Kind = 'DxpCourseEnrolment';         File = 'course-enrolments.csv';         Required = $true }
    @{ Name = 'Course completions';        Dataset = 'CourseCompletion';        Kind = 'DxpCourseCompletion';        File = 'course-completions.csv';        Required = $false }
    @{ Name = 'Qualification completions'; Dataset = 'QualificationCompletion'; Kind = 'DxpQualificationCompletion'; File = 'qualification-completions.csv'; Required = $false }
)
$records = @{}
$problems = 0
foreach ($c in $collections) {
    $path = [IO.Path]::Combine($ExportFolder, $c.File)
    if (-not [IO.File]::Exists($path)) {
        if ($c.Required) { Stop-Round "$($c.Name): no export at $path" }
        "$($c.Name): no $($c.File) in the export; left as the submission holds it."
        continue
    }
    $importErrors = $null
    $records[$c.Dataset] = @(Import-NzqaRecord -Path $path -Kind $c.Kind -ErrorAction SilentlyContinue -ErrorVariable importErrors)
    foreach ($e in @($importErrors)) {
        if ($e.FullyQualifiedErrorId -match '^Nzqa(FileNotFound|FileUnreadable|CsvEmpty|CsvNoKnownColumns|CsvNotUtf8|CsvUnreadable)') { Stop-Round "$($c.Name): $($e.Exception.Message)" }
        "  ! $($e.Exception.Message)"
    }
    $problems += @($importErrors).Count
}

# Compare and sync each collection; the checks across collections run inside Compare-DxpRecord (-Learner, -Course).
$allDiffs = [System.Collections.Generic.List[object]]::new()
$results = [System.Collections.Generic.List[object]]::new()
$confirm = $PSBoundParameters.ContainsKey('Confirm') -and [bool]$PSBoundParameters['Confirm']
foreach ($c in $collections) {
    if (-not $records.ContainsKey($c.Dataset)) { continue }
    ''
    "== $($c.Name) =="
    $compareErrors = $null; $syncErrors = $null
    $diffs = @($records[$c.Dataset] | Compare-DxpRecord -ReturnId $return.ReturnId -Dataset $c.Dataset -Learner $records['Learner'] -Course $records['Course'] `
        -ErrorAction SilentlyContinue -ErrorVariable compareErrors -WarningAction SilentlyContinue)
    foreach ($d in $diffs) { $allDiffs.Add($d) }
    $counts = [ordered]@{}
    foreach ($d in $diffs) { $counts[[string]$d.Status] = 1 + [int]$counts[[string]$d.Status] }
    "Read $(@($records[$c.Dataset]).Count) records; compared: " + (($counts.Keys | ForEach-Object { "$_ $($counts[$_])" }) -join ', ')
    foreach ($e in @($compareErrors)) { "  ! $($e.Exception.Message)" }
    $problems += @($compareErrors).Count

    $changed = @($diffs | Where-Object Status -in 'New', 'Different', 'DxpOnly')
    if ($changed.Count -eq 0) { 'Nothing to send.'; continue }
    $sync = @{ Confirm = $confirm; ErrorAction = 'SilentlyContinue'; ErrorVariable = 'syncErrors' }
    if ($ApprovalPath) { $sync.ApprovalPath = $ApprovalPath }
    try { $sent = @($changed | Sync-DxpRecord @sync) }
    catch { Stop-Round "$($c.Name): $($_.Exception.Message)" }
    foreach ($r in $sent) { $results.Add($r) }
    # Skipped awaiting approval (approval mode) is expected, not a problem: reported here, not sent.
    $awaiting = @($sent | Where-Object { $_.Outcome -eq 'Skipped' -and $_.Errors -match '^(Not approved|Changed since approval)' })
    if ($ApprovalPath) {
        $changedSince = @($awaiting | Where-Object { $_.Errors -match '^Changed since approval' })
        ("{0}: {1} awaiting approval, {2} changed since approval (not sent)" -f $c.Name, ($awaiting.Count - $changedSince.Count), $changedSince.Count)
        foreach ($r in $changedSince) {
            # Named as the SMS knows it (student ID, course code), the hashed localId after it.
            $known = @($(if ($r.StudentIdentificationCode) { "student $($r.StudentIdentificationCode)" }), $(if ($r.Diff.CourseCode) { "course $($r.Diff.CourseCode)" })) -ne $null
            ("  changed since approval: {0} {1}" -f $r.Kind, $(if ($known) { "$($known -join ', ') ($($r.LocalId))" } else { $r.LocalId }))
        }
        $sent = @($sent | Where-Object { $awaiting -notcontains $_ })
    }
    $sentCounts = [ordered]@{}
    foreach ($r in $sent) { $k = "$($r.Action) $($r.Outcome)"; $sentCounts[$k] = 1 + [int]$sentCounts[$k] }
    if ($sent.Count) { 'Sent: ' + (($sentCounts.Keys | ForEach-Object { "$_ $($sentCounts[$_])" }) -join ', ') }
    $notSynced = @($sent | Where-Object Outcome -ne 'Synced')
    if ($notSynced.Count) {
        "Not sent or not stored ($($notSynced.Count)): fix these in the SMS and run again."
        $notSynced | Out-Default
    }
    $problems += $notSynced.Count
}

$run = $null
$issues = @()
if ($WhatIfPreference) {
    ''
    'WhatIf: nothing was sent, so no validation was started.'
}
else {
    # Validation: TEC checks the whole submission, across the collections; wait for it.
    ''
    '== Validation =='
    $run = Start-DxpValidation -ReturnId $return.ReturnId -ErrorAction SilentlyContinue -ErrorVariable validationErrors
    if ($run) {
        "Validation run $($run.ValidationRunId) is $($run.Status); waiting for TEC (at most $ValidationTimeoutSeconds s)."
        $run = Get-DxpValidation -ReturnId $return.ReturnId -Wait -TimeoutSeconds $ValidationTimeoutSeconds
        $run | Out-Default
        if ($run.Status -eq 'Processed') {
            $issues = @(Get-DxpValidationResult -ReturnId $return.ReturnId)
            $issues | Out-Default
            if ($run.ErrorCount -eq 0) { "Return $($return.ReturnId) validated without errors ($($run.WarningCount) warnings): finalise it in TEC's DXP portal." }
            else {
                "$($run.ErrorCount) validation errors and $($run.WarningCount) warnings: correct the records above in the SMS and run again."
                $problems += $run.ErrorCount
            }
        }
        else { "The validation run is $($run.Status)."; $problems++ }
    }
    else {
        foreach ($e in @($validationErrors)) { "  ! $($e.Exception.Message)" }
        $problems += @($validationErrors).Count
    }
}

# Log: what the journal says about every DXP upload and delete, per collection.
''
'== Sync log (DXP) =='
$log = @(Get-NzqaSyncLog -Api Dxp -Summary)
foreach ($summary in $log) { ("{0}: {1}" -f $summary.Kind, $summary.Progress) }

$exitCode = if ($problems -gt 0) { 1 } else { 0 }
if ($PassThru) {
    [pscustomobject]@{
        Return     = $return
        Submission = Get-DxpSubmission -ReturnId $return.ReturnId
        Diffs      = $allDiffs.ToArray()
        Results    = $results.ToArray()
        Validation = $run
        Issues     = $issues
        Log        = $log
        ExitCode   = $exitCode
    }
}
exit $exitCode
