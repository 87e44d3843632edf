@{
    RootModule             = 'NzqaSync.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f1f3c2e-5b7a-4f0e-9a51-2d8c7e4b9a10'
    Author                 = 'NzqaSync developers'
    CompanyName            = 'NzqaSync'
    Copyright              = '(c) NzqaSync developers. MIT licence.'
    Description            = 'Compare and sync a school''s SMS data with NZQA (enrolments, learner details, standard entries and results) and upload tertiary returns to TEC DXP, record by record, with a journal of every push.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions   = @('Desktop', 'Core')
    FormatsToProcess       = @('NzqaSync.format.ps1xml')
    TypesToProcess         = @('NzqaSync.types.ps1xml')
    CmdletsToExport        = @(
        'Connect-Nzqa', 'Disconnect-Nzqa', 'Test-NzqaConnection',
        'Get-NzqaEnrolment', 'Compare-NzqaEnrolment', 'Sync-NzqaEnrolment',
        'Get-NzqaLearner', 'Compare-NzqaLearner', 'Sync-NzqaLearner',
        'Get-NzqaStandard', 'Compare-NzqaStandard', 'Sync-NzqaStandard', 'Get-NzqaStandardDefinition',
        'Get-NzqaSyncLog', 'Clear-NzqaSyncLog', 'Import-NzqaRecord', 'Export-NzqaReport', 'New-NzqaApproval', 'Import-NzqaCredential',
        'Connect-Dxp', 'Disconnect-Dxp', 'Test-DxpConnection',
        'Get-DxpReturn', 'Get-DxpSubmission',
        'Compare-DxpRecord', 'Sync-DxpRecord', 'Send-DxpLearner', 'Send-DxpCourse', 'Send-DxpCourseEnrolment', 'Send-DxpCourseCompletion', 'Send-DxpQualificationCompletion', 'Remove-DxpRecord',
        'Get-DxpSubmissionContent', 'Start-DxpValidation', 'Get-DxpValidation', 'Get-DxpValidationResult', 'Reset-DxpSubmission'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('NZQA', 'TEC', 'DXP', 'SMS', 'School', 'NewZealand', 'Sync', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/nzqasync/NzqaSync'
            LicenseUri   = 'https://github.com/nzqasync/NzqaSync/blob/main/LICENSE'
            ReleaseNotes = '0.1.0: Enrolments, Learner Details and Standards compare/sync with NZQA; TEC DXP course enrolment and qualification completion uploads; sync journal; HTML review report. See CHANGELOG.md.'
        }
    }
}
