# A compare that received no local records must not read as "the school / provider has none": a mistyped export path
# (Import-NzqaRecord finds no file) or records of another kind than -Dataset would otherwise make every record DXP
# holds DxpOnly — and Sync-DxpRecord deletes DxpOnly records. Found in a new user's trial:
#   Import-NzqaRecord -Path ./sdr/learnrs.csv -Kind DxpLearner | Compare-DxpRecord ... | Sync-DxpRecord
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Harness.psm1') -Force
    Add-ModuleOutToPath
    Import-Module NzqaSync -Force
    $script:sandbox = Start-TestSandbox -Students 20
    $script:work = New-TestFolder
    Save-SmsExport -Sandbox $sandbox -Folder $work
    $script:returnId = '202608'
    $learners = @(
        for ($i = 1; $i -le 5; $i++) {
            [pscustomobject]@{
                'Student ID' = 'TA{0:d4}' -f $i; NSN = 2140000 + $i; Surname = @('Lee', 'Ngata', 'Smith', 'Ng', 'Parata')[$i - 1]
                'First Name' = @('Anna', 'Hemi', 'Jo', 'Tama', 'Mere')[$i - 1]; Gender = 'F'; 'Date of Birth' = '{0:d2}/04/2003' -f $i; 'Total Fee' = '7250.00'
            }
        })
    $learners | Export-Csv (Join-Path $work 'sdr-learners.csv') -NoTypeInformation -Encoding utf8BOM
    @('ECON101', 'ACCT101', 'MGMT101' | ForEach-Object { [pscustomobject]@{ 'Course Code' = $_; 'Course Title' = "Course $_"; Qualification = 'BBS701' } }) |
        Export-Csv (Join-Path $work 'sdr-courses.csv') -NoTypeInformation -Encoding utf8BOM

    $dxp = $sandbox.Info.providers | Where-Object providerNumber -eq 7001
    $dxpCred = [pscredential]::new($dxp.machineAccount, (ConvertTo-SecureString $dxp.password -AsPlainText -Force))
    Connect-Dxp -BaseUri $sandbox.DxpUri -Edumis 7001 -Credential $dxpCred -JournalPath (Join-Path $work 'dxp-journal')
    Connect-Nzqa -BaseUri $sandbox.NzqaUri -ProviderNumber 257 -Credential (Get-TestCredential -Sandbox $sandbox) -JournalPath (Join-Path $work 'nzqa-journal')

    # The return holds the five learners (uploaded the ordinary way).
    Import-NzqaRecord -Path (Join-Path $work 'sdr-learners.csv') -Kind DxpLearner | Compare-DxpRecord -ReturnId $returnId -Dataset Learner |
        Sync-DxpRecord -Confirm:$false | Out-Null
    function script:Held { @(Get-DxpSubmissionContent -ReturnId $returnId -Dataset Learner) }
    function script:Ids($errors) { @($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) }
}
AfterAll {
    Disconnect-Dxp -ErrorAction SilentlyContinue
    Disconnect-Nzqa -ErrorAction SilentlyContinue
    Remove-Module NzqaSync -ErrorAction SilentlyContinue
    Stop-TestSandbox $sandbox
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Compare-DxpRecord with no local records of the dataset' {
    It 'a mistyped export path: no DxpOnly diff, one DxpCompareNoLocalRecords error, and the sync deletes nothing' {
        $ErrorActionPreference = 'Continue'
        (Held).Count | Should -Be 5
        $missing = Join-Path $work 'sdr-learnrs.csv'
        $diffs = @(Import-NzqaRecord -Path $missing -Kind DxpLearner -ErrorVariable importErrors 2>$null |
            Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable compareErrors 2>$null)
        $diffs.Count | Should -Be 0
        Ids $importErrors | Should -Be @('NzqaFileNotFound')
        $importErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $importErrors[0].Exception.Message | Should -Match ([regex]::Escape($missing))
        Ids $compareErrors | Should -Be @('DxpCompareNoLocalRecords')
        $compareErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $compareErrors[0].Exception.Message | Should -Match 'nothing will be deleted'
        $compareErrors[0].ErrorDetails.RecommendedAction | Should -Match '-AllowEmpty'

        # The whole pipeline the user ran, with the README's -Confirm:$false: every learner is still there.
        $results = @(Import-NzqaRecord -Path $missing -Kind DxpLearner 2>$null | Compare-DxpRecord -ReturnId $returnId -Dataset Learner 2>$null | Sync-DxpRecord -Confirm:$false)
        $results.Count | Should -Be 0
        (Held).Count | Should -Be 5
    }

    It 'records of another kind: one DxpWrongRecordKind error per record (the record as target), none counted, nothing DxpOnly' {
        $ErrorActionPreference = 'Continue'
        $courses = @(Import-NzqaRecord -Path (Join-Path $work 'sdr-courses.csv') -Kind DxpCourse)
        $courses.Count | Should -Be 3
        $diffs = @($courses | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable compareErrors 2>$null)
        $diffs.Count | Should -Be 0
        Ids $compareErrors | Should -Be @('DxpWrongRecordKind', 'DxpWrongRecordKind', 'DxpWrongRecordKind', 'DxpCompareNoLocalRecords')
        $compareErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $compareErrors[0].TargetObject.CourseCode | Should -Be 'ECON101'
        $compareErrors[0].Exception.Message | Should -Match 'Course' -Because 'it names the kind given'
        $compareErrors[0].Exception.Message | Should -Match 'Dataset Learner'
        (Held).Count | Should -Be 5
    }

    It 'a course among the learners is refused alone; the learners are compared as usual' {
        $ErrorActionPreference = 'Continue'
        $mixed = @(Import-NzqaRecord -Path (Join-Path $work 'sdr-learners.csv') -Kind DxpLearner) + @(Import-NzqaRecord -Path (Join-Path $work 'sdr-courses.csv') -Kind DxpCourse)[0]
        $diffs = @($mixed | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -ErrorVariable compareErrors 2>$null)
        Ids $compareErrors | Should -Be @('DxpWrongRecordKind')
        @($diffs | ForEach-Object { [string]$_.Status } | Sort-Object -Unique) | Should -Be @('Match')
        $diffs.Count | Should -Be 5
    }

    It '-AllowEmpty compares an intentionally empty dataset: every held learner is DxpOnly' {
        $diffs = @(@() | Compare-DxpRecord -ReturnId $returnId -Dataset Learner -AllowEmpty)
        $diffs.Count | Should -Be 5
        @($diffs | ForEach-Object { [string]$_.Status } | Sort-Object -Unique) | Should -Be @('DxpOnly')
    }
}

Describe 'Compare-Nzqa* with no local records' {
    It 'Compare-<Cmdlet> -Path nope.csv: an ObjectNotFound error naming the path, NzqaCompareNoLocalRecords, no NzqaOnly diff' -ForEach @(
        @{ Cmdlet = 'NzqaStandard' }, @{ Cmdlet = 'NzqaEnrolment' }, @{ Cmdlet = 'NzqaLearner' }
    ) {
        $ErrorActionPreference = 'Continue'
        $missing = Join-Path $work 'nope.csv'
        $diffs = @(& "Compare-$Cmdlet" -Path $missing -ErrorVariable compareErrors 2>$null)
        $diffs.Count | Should -Be 0
        Ids $compareErrors | Should -Be @('NzqaFileNotFound', 'NzqaCompareNoLocalRecords')
        $compareErrors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $compareErrors[0].Exception.Message | Should -Match ([regex]::Escape($missing))
        $compareErrors[1].Exception.Message | Should -Match 'nothing was compared'
    }

    It 'nothing down the pipeline (Import-NzqaRecord found no file): no NzqaOnly diff; -AllowEmpty still compares' {
        $ErrorActionPreference = 'Continue'
        $diffs = @(Import-NzqaRecord -Path (Join-Path $work 'nope.csv') -Kind Learner 2>$null | Compare-NzqaLearner -ErrorVariable compareErrors 2>$null)
        $diffs.Count | Should -Be 0
        Ids $compareErrors | Should -Be @('NzqaCompareNoLocalRecords')
        $all = @(@() | Compare-NzqaLearner -AllowEmpty)
        $all.Count | Should -BeGreaterThan 0
        @($all | ForEach-Object { [string]$_.Status } | Sort-Object -Unique) | Should -Be @('NzqaOnly')
    }
}
