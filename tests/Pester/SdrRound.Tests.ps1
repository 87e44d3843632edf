# A whole Single Data Return round (samples/tertiary-sync.ps1) against the sandbox's TEC DXP from five CSV files, the
# way a tertiary provider runs it: the first run uploads everything; after a handful of changes, one record added and
# one removed, the second run uploads exactly those and deletes exactly the removed one; TEC's validation then reports
# no cross-collection error; a third run with nothing changed sends nothing and exits 0. Plus the checks across the
# collections that refuse a record locally, naming both records.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox -Students 20
    $script:work = New-TestFolder
    $script:export = Join-Path $work 'sdr'
    New-Item -ItemType Directory -Path $export | Out-Null
    $script:cred = Get-TestCredential -Sandbox $sandbox -ProviderNumber 7001
    $script:round = Join-Path (Get-RepoRoot) 'samples/tertiary-sync.ps1'
    $script:journal = Join-Path $work 'journal'
    $script:returnId = '202608'

    # The SMS export: five files as an SMS writes them (SDR-style headers, DD/MM/YYYY dates).
    $script:learners = @(
        for ($i = 1; $i -le 8; $i++) {
            [pscustomobject]@{
                'Student ID' = 'TA{0:d4}' -f $i; NSN = 2140000 + $i; Surname = @('Lee', 'Ngata', 'Smith', 'Ng', 'Parata', 'Brown', 'Wong', 'Taylor')[$i - 1]
                'First Name' = @('Anna', 'Hemi', 'Jo', 'Tama', 'Mere', 'Sam', 'Li', '')[$i - 1]; Gender = @('F', 'M', 'D', 'M', 'F', 'M', 'F', 'F')[$i - 1]
                'Date of Birth' = '{0:d2}/04/200{1}' -f $i, ($i % 6); 'Total Fee' = '7250.00'
            }
        })
    $script:courses = @(
        [pscustomobject]@{ 'Course Code' = 'ECON101'; 'Course Title' = 'Introductory economics'; Qualification = 'BBS701' }
        [pscustomobject]@{ 'Course Code' = 'ACCT101'; 'Course Title' = 'Accounting principles'; Qualification = 'BBS701' }
        [pscustomobject]@{ 'Course Code' = 'MGMT101'; 'Course Title' = 'Organisations and management'; Qualification = 'BBS701' }
        [pscustomobject]@{ 'Course Code' = 'STAT101'; 'Course Title' = 'Statistics for business'; Qualification = 'BBS701' }
    )
    function New-Enrolment([string] $Id, [int] $Student, [string] $Course, [string] $Start = '23/02/2026', [string] $End = '19/06/2026') {
        [pscustomobject]@{
            'Local ID' = $Id; 'Student ID' = 'TA{0:d4}' -f $Student; NSN = 2140000 + $Student; Qualification = 'BBS701'; 'Course Code' = $Course
            'Course Start Date' = $Start; 'Course End Date' = $End; 'Withdrawal Date' = ''; 'Category of Fees' = '00'; Attendance = '1'
            'Delivery Site' = '01'; 'Funding Source' = '1'; 'Residential Status' = 'N'; 'Australian Resident' = 'N'; 'Funding Category' = 'B1'
            'Course Classification' = '1.1'; NZSCED = '080301'; 'EFTS Factor' = '0.125'
        }
    }
    # Six students, two courses each (ENR0001..ENR0012); every course is in the register.
    $codes = 'ECON101', 'ACCT101', 'MGMT101', 'STAT101'
    $script:enrolments = @(
        for ($s = 1; $s -le 6; $s++) {
            New-Enrolment ('ENR{0:d4}' -f (2 * $s - 1)) $s $codes[$s % 4]
            New-Enrolment ('ENR{0:d4}' -f (2 * $s)) $s $codes[($s + 1) % 4]
        })
    $script:courseCompletions = @(
        for ($s = 1; $s -le 4; $s++) {
            $e = $enrolments[2 * ($s - 1)]
            [pscustomobject]@{ 'Local ID' = 'CC{0:d4}' -f $s; 'Student ID' = $e.'Student ID'; NSN = $e.NSN; 'Course Code' = $e.'Course Code'
                'Course Start Date' = $e.'Course Start Date'; 'Course End Date' = $e.'Course End Date'; 'Completion Code' = '2' }
        })
    $script:qualificationCompletions = @(
        [pscustomobject]@{ 'Local ID' = 'QC0001'; 'Student ID' = 'TA0001'; NSN = 2140001; Qualification = 'BBS701'; 'Year Met' = '2026'; 'Completion Date' = '20/11/2026' }
        [pscustomobject]@{ 'Local ID' = 'QC0002'; 'Student ID' = 'TA0002'; NSN = 2140002; Qualification = 'BBS701'; 'Year Met' = '2026'; 'Completion Date' = '27/11/2026' }
    )
    function Save-Export {
        $learners | Export-Csv (Join-Path $export 'learners.csv') -NoTypeInformation -Encoding utf8BOM
        $courses | Export-Csv (Join-Path $export 'courses.csv') -NoTypeInformation -Encoding utf8BOM
        $enrolments | Export-Csv (Join-Path $export 'course-enrolments.csv') -NoTypeInformation -Encoding utf8BOM
        $courseCompletions | Export-Csv (Join-Path $export 'course-completions.csv') -NoTypeInformation -Encoding utf8BOM
        $qualificationCompletions | Export-Csv (Join-Path $export 'qualification-completions.csv') -NoTypeInformation -Encoding utf8BOM
    }
    function Invoke-Round {
        # In this session, as a person runs it; -PassThru gives the outcome as objects, $LASTEXITCODE the exit code.
        $ErrorActionPreference = 'Continue'
        $out = @(& $round -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -ExportFolder $export -ReturnId $returnId `
            -JournalPath $journal -ValidationTimeoutSeconds 120 -PassThru)
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Outcome = @($out | Where-Object { $_ -is [pscustomobject] -and $_.PSObject.Properties['Results'] })[0]; Text = ($out | Out-String) }
    }
    function Get-Held([string] $Dataset) { @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset $Dataset) }
    function Names($Results) { @($Results | ForEach-Object { "$($_.Action) $($_.Kind) $($_.LocalId)" } | Sort-Object) }

    Save-Export
}
AfterAll {
    Disconnect-Dxp -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A whole SDR round from five CSV files' {
    It 'first run uploads every record of the five collections and TEC validates them without errors' {
        $r = Invoke-Round
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $results = @($r.Outcome.Results)
        $results.Count | Should -Be (8 + 4 + 12 + 4 + 2)
        @($results | Where-Object Outcome -ne 'Synced').Count | Should -Be 0
        @($results | Where-Object Action -ne 'Upload').Count | Should -Be 0
        (Get-Held Learner).Count | Should -Be 8
        (Get-Held Course).Count | Should -Be 4
        (Get-Held CourseEnrolment).Count | Should -Be 12
        (Get-Held CourseCompletion).Count | Should -Be 4
        (Get-Held QualificationCompletion).Count | Should -Be 2
        # nameIdCode was derived from the names (the file has none): four of the surname, blank-padded, and the initial.
        (Get-Held Learner | Where-Object StudentIdentificationCode -eq 'TA0001').NameIdCode | Should -BeExactly 'LEE A'
        (Get-Held Learner | Where-Object StudentIdentificationCode -eq 'TA0008').NameIdCode | Should -BeExactly 'TAYLO'
        $r.Outcome.Validation.Status | Should -Be 'Processed'
        $r.Outcome.Validation.ErrorCount | Should -Be 0
    }

    It 'second run uploads exactly the changed and added records and deletes exactly the removed one' {
        $learners[2].'Total Fee' = '8100.50'                        # a learner's fee changed
        $courses[3].'Course Title' = 'Business statistics'           # a course renamed
        $enrolments[4].'Withdrawal Date' = '20/03/2026'              # an enrolment withdrawn
        $removed = $enrolments[11].'Local ID'                        # an enrolment the SMS no longer has
        $script:enrolments = @($enrolments | Where-Object 'Local ID' -ne $removed) + @(New-Enrolment 'ENR0099' 7 'MGMT101')
        Save-Export

        $r = Invoke-Round
        $r.ExitCode | Should -Be 0 -Because $r.Text
        Names $r.Outcome.Results | Should -Be @(@(
            'Delete CourseEnrolment ENR0012'
            'Upload Course ' + (Get-Held Course | Where-Object CourseCode -eq 'STAT101').LocalId
            'Upload CourseEnrolment ENR0005'
            'Upload CourseEnrolment ENR0099'
            'Upload Learner ' + (Get-Held Learner | Where-Object StudentIdentificationCode -eq 'TA0003').LocalId
        ) | Sort-Object)
        @($r.Outcome.Results | Where-Object Outcome -ne 'Synced').Count | Should -Be 0
        $different = @($r.Outcome.Diffs | Where-Object Status -eq 'Different')
        ($different | Where-Object Kind -eq 'Learner').Differences.Field | Should -Be 'totalFeeForDomesticStudent'
        ($different | Where-Object Kind -eq 'Course').Differences.Field | Should -Be 'courseTitle'
        ($different | Where-Object Kind -eq 'CourseEnrolment').Differences.Field | Should -Be 'studentsCourseWithdrawalDate'

        $held = Get-Held CourseEnrolment
        $held.LocalId | Should -Not -Contain 'ENR0012'
        $held.LocalId | Should -Contain 'ENR0099'
        $held.Count | Should -Be 12
        ($held | Where-Object LocalId -eq 'ENR0005').StudentsCourseWithdrawalDate.ToString('yyyy-MM-dd') | Should -Be '2026-03-20'
        (Get-Held Course | Where-Object CourseCode -eq 'STAT101').CourseTitle | Should -Be 'Business statistics'
    }

    It 'TEC''s validation then reports no cross-collection error' {
        $issues = @(Get-DxpValidationResult -ReturnId $returnId)
        @($issues | Where-Object ErrorCode -like 'XR*').Count | Should -Be 0
        (Get-DxpValidation -ReturnId $returnId).ErrorCount | Should -Be 0
    }

    It 'third run with nothing changed sends nothing and exits 0 (as a scheduler runs it)' {
        $path = Join-Path $work 'tec.xml'
        $cred | Export-Clixml -Path $path
        if (-not $IsWindows) { [IO.File]::SetUnixFileMode($path, [System.IO.UnixFileMode]'UserRead, UserWrite') }
        $before = @(Get-NzqaSyncLog -Path $journal -Api Dxp).Count
        $run = Invoke-ChildPwsh -File $round -Arguments @(
            '-BaseUri', $sandbox.DxpUri, '-Edumis', '7001', '-ExportFolder', $export, '-ReturnId', $returnId,
            '-CredentialPath', $path, '-JournalPath', $journal, '-SecretName', 'none', '-ValidationTimeoutSeconds', '120'
        ) -Environment @{ PSModulePath = $env:PSModulePath }
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)$($run.Error)"
        ([regex]::Matches($run.Output, 'Nothing to send\.')).Count | Should -Be 5
        $run.Output | Should -Not -Match 'Sent:'
        @(Get-NzqaSyncLog -Path $journal -Api Dxp).Count | Should -Be $before
    }
}

Describe 'Rules across the collections, checked before anything is sent' {
    BeforeAll {
        Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $cred -JournalPath $journal
        $script:learnerRecords = @(Import-NzqaRecord -Path (Join-Path $export 'learners.csv') -Kind DxpLearner)
        $script:courseRecords = @(Import-NzqaRecord -Path (Join-Path $export 'courses.csv') -Kind DxpCourse)
    }

    It 'refuses a course enrolment whose course is not in the register, naming the enrolment and the course' {
        $ErrorActionPreference = 'Continue'
        $row = New-Enrolment 'ENR0500' 1 'HIST999'
        $result = $row | Send-DxpCourseEnrolment -ReturnId $returnId -Learner $learnerRecords -Course $courseRecords -ErrorVariable refused -ErrorAction SilentlyContinue
        $result.Outcome | Should -Be 'Invalid'
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'DxpCourseNotInRegister*'
        $refused[0].Exception.Message | Should -Match 'course enrolment ENR0500'
        $refused[0].Exception.Message | Should -Match 'course HIST999, which is not in the course register'
        (Get-Held CourseEnrolment).LocalId | Should -Not -Contain 'ENR0500'

        $diff = $row | Compare-DxpRecord -ReturnId $returnId -Dataset CourseEnrolment -Learner $learnerRecords -Course $courseRecords -ErrorVariable compareRefused -ErrorAction SilentlyContinue |
            Where-Object LocalId -eq 'ENR0500'
        $diff.Status | Should -Be 'Invalid'
        $compareRefused[0].FullyQualifiedErrorId | Should -BeLike 'DxpCourseNotInRegister*'
    }

    It 'refuses a course completion whose learner is missing, naming the completion and the student' {
        $ErrorActionPreference = 'Continue'
        $row = [pscustomobject]@{ 'Local ID' = 'CC0500'; 'Student ID' = 'TA9999'; NSN = 2149999; 'Course Code' = 'ECON101'; 'Course Start Date' = '23/02/2026'; 'Completion Code' = '2' }
        $diffs = @($row | Compare-DxpRecord -ReturnId $returnId -Dataset CourseCompletion -Learner $learnerRecords -Course $courseRecords -ErrorVariable refused -ErrorAction SilentlyContinue)
        ($diffs | Where-Object LocalId -eq 'CC0500').Status | Should -Be 'Invalid'
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'DxpLearnerMissing*'
        $refused[0].Exception.Message | Should -Match 'course completion CC0500'
        $refused[0].Exception.Message | Should -Match 'student TA9999, who has no learner record'
        # The submission's other completions are DxpOnly here (this pipeline had just one row): nothing was sent.
        $result = $row | Send-DxpCourseCompletion -ReturnId $returnId -Learner $learnerRecords -Course $courseRecords -ErrorAction SilentlyContinue -ErrorVariable sendRefused
        $result.Outcome | Should -Be 'Invalid'
        $sendRefused[0].FullyQualifiedErrorId | Should -BeLike 'DxpLearnerMissing*'
        (Get-Held CourseCompletion).LocalId | Should -Not -Contain 'CC0500'
    }

    It 'a localId used twice in one upload is one error and neither record is sent' {
        $ErrorActionPreference = 'Continue'
        $a = New-Enrolment 'ENR0600' 1 'ECON101' '13/07/2026' '06/11/2026'
        $b = New-Enrolment 'ENR0600' 2 'ACCT101' '13/07/2026' '06/11/2026'
        $diffs = @($a, $b | Compare-DxpRecord -ReturnId $returnId -Dataset CourseEnrolment -Learner $learnerRecords -Course $courseRecords -ErrorVariable dup -ErrorAction SilentlyContinue)
        @($diffs | Where-Object LocalId -eq 'ENR0600').Status | Should -Be @('Invalid', 'Invalid')
        $dup.Count | Should -Be 1
        $dup[0].FullyQualifiedErrorId | Should -BeLike 'DxpLocalIdDuplicate*'
        $dup[0].Exception.Message | Should -Match 'student TA0001, course ECON101; student TA0002, course ACCT101'
    }

    It '-WhatIf sends nothing' {
        $row = New-Enrolment 'ENR0700' 3 'ECON101' '13/07/2026' '06/11/2026'
        $diff = $row | Compare-DxpRecord -ReturnId $returnId -Dataset CourseEnrolment | Where-Object LocalId -eq 'ENR0700'
        $diff.Status | Should -Be 'New'
        $out = @($diff | Sync-DxpRecord -WhatIf)
        $out.Count | Should -Be 0
        (Get-Held CourseEnrolment).LocalId | Should -Not -Contain 'ENR0700'
    }
}
