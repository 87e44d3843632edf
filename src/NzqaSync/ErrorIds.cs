namespace NzqaSync;

/// <summary>
/// Every error id the module raises, in one place (docs/errors.md says what each means and what to do). Ids are
/// stable: scripts match on them (<c>$_.FullyQualifiedErrorId -like 'NzqaInvalidNsn,*'</c>). ErrorIdTests fails
/// when a literal id appears anywhere else in the module or an id here is not documented.
/// </summary>
public static class ErrorIds
{
    // NZQA side: connection, local data, record rules, sync, journal, report, credentials
    public const string NzqaApprovalFileExists = nameof(NzqaApprovalFileExists);
    public const string NzqaApprovalFileUnsafePath = nameof(NzqaApprovalFileUnsafePath);
    public const string NzqaApprovalFileUnwritable = nameof(NzqaApprovalFileUnwritable);
    public const string NzqaApprovalFileNotFound = nameof(NzqaApprovalFileNotFound);
    public const string NzqaApprovalFileInvalid = nameof(NzqaApprovalFileInvalid);
    public const string NzqaCsvFieldTooLong = nameof(NzqaCsvFieldTooLong);
    public const string NzqaCsvControlCharacter = nameof(NzqaCsvControlCharacter);
    public const string NzqaReportExists = nameof(NzqaReportExists);
    public const string NzqaReportUnsafePath = nameof(NzqaReportUnsafePath);
    public const string NzqaUnsafePath = nameof(NzqaUnsafePath);
    public const string NzqaCredentialFileExposed = nameof(NzqaCredentialFileExposed);
    public const string NzqaCredentialFileNotFound = nameof(NzqaCredentialFileNotFound);
    public const string NzqaCredentialFileUnreadable = nameof(NzqaCredentialFileUnreadable);
    public const string NzqaCsvEmpty = nameof(NzqaCsvEmpty);
    public const string NzqaCsvExtraFields = nameof(NzqaCsvExtraFields);
    public const string NzqaCsvNoKnownColumns = nameof(NzqaCsvNoKnownColumns);
    public const string NzqaCsvMissingColumn = nameof(NzqaCsvMissingColumn);
    public const string NzqaCsvMistypedColumn = nameof(NzqaCsvMistypedColumn);
    public const string NzqaCsvWrongKind = nameof(NzqaCsvWrongKind);
    public const string NzqaNotTheApi = nameof(NzqaNotTheApi);
    public const string NzqaWrongInputKind = nameof(NzqaWrongInputKind);
    public const string NzqaWrongRecordKind = nameof(NzqaWrongRecordKind);
    public const string NzqaCsvNotUtf8 = nameof(NzqaCsvNotUtf8);
    public const string NzqaCsvUnclosedQuote = nameof(NzqaCsvUnclosedQuote);
    public const string NzqaCsvUnreadable = nameof(NzqaCsvUnreadable);
    public const string NzqaDuplicateKey = nameof(NzqaDuplicateKey);
    public const string NzqaFieldTooLong = nameof(NzqaFieldTooLong);
    public const string NzqaFileNotFound = nameof(NzqaFileNotFound);
    public const string NzqaPathIsFolder = nameof(NzqaPathIsFolder);
    public const string NzqaCompareNoLocalRecords = nameof(NzqaCompareNoLocalRecords);
    public const string NzqaFileUnreadable = nameof(NzqaFileUnreadable);
    public const string NzqaInsecureUri = nameof(NzqaInsecureUri);
    public const string NzqaInvalidDate = nameof(NzqaInvalidDate);
    public const string NzqaInvalidEntryMethod = nameof(NzqaInvalidEntryMethod);
    public const string NzqaInvalidEthnicity = nameof(NzqaInvalidEthnicity);
    public const string NzqaInvalidGender = nameof(NzqaInvalidGender);
    public const string NzqaInvalidLeavingReason = nameof(NzqaInvalidLeavingReason);
    public const string NzqaInvalidNsn = nameof(NzqaInvalidNsn);
    public const string NzqaInvalidNumber = nameof(NzqaInvalidNumber);
    public const string NzqaInvalidProvider = nameof(NzqaInvalidProvider);
    public const string NzqaInvalidResult = nameof(NzqaInvalidResult);
    public const string NzqaInvalidStandard = nameof(NzqaInvalidStandard);
    public const string NzqaInvalidStatus = nameof(NzqaInvalidStatus);
    public const string NzqaInvalidYear = nameof(NzqaInvalidYear);
    public const string NzqaInvalidYearLevel = nameof(NzqaInvalidYearLevel);
    public const string NzqaMissingField = nameof(NzqaMissingField);
    public const string NzqaMissingNsn = nameof(NzqaMissingNsn);
    public const string NzqaNoActiveEnrolment = nameof(NzqaNoActiveEnrolment);
    public const string NzqaNoKnownProperties = nameof(NzqaNoKnownProperties);
    public const string NzqaNotConnected = nameof(NzqaNotConnected);
    public const string NzqaReportFolderNotFound = nameof(NzqaReportFolderNotFound);
    public const string NzqaReportUnsupportedInput = nameof(NzqaReportUnsupportedInput);
    public const string NzqaReportNothingToShow = nameof(NzqaReportNothingToShow);
    public const string NzqaReportUnwritable = nameof(NzqaReportUnwritable);
    public const string NzqaSyncFailed = nameof(NzqaSyncFailed);
    public const string NzqaSyncLogClearNotConfirmed = nameof(NzqaSyncLogClearNotConfirmed);
    public const string NzqaSyncLogNotFound = nameof(NzqaSyncLogNotFound);
    public const string NzqaSyncLogUnreadable = nameof(NzqaSyncLogUnreadable);
    public const string NzqaSyncLogUnwritable = nameof(NzqaSyncLogUnwritable);
    public const string NzqaTooManyEthnicities = nameof(NzqaTooManyEthnicities);
    public const string NzqaUnknownColumnMapField = nameof(NzqaUnknownColumnMapField);
    public const string NzqaUnknownStandard = nameof(NzqaUnknownStandard);
    public const string NzqaDiffFromOtherProvider = nameof(NzqaDiffFromOtherProvider);
    public const string DxpDiffFromOtherProvider = nameof(DxpDiffFromOtherProvider);
    public const string NzqaApprovalFromOtherProvider = nameof(NzqaApprovalFromOtherProvider);
    public const string NzqaOtherProviderResult = nameof(NzqaOtherProviderResult);

    // TEC DXP: record rules, cross-collection checks, service answers
    public const string DxpUnsafePath = nameof(DxpUnsafePath);
    public const string DxpBadPaging = nameof(DxpBadPaging);
    public const string DxpBatchTooLarge = nameof(DxpBatchTooLarge);
    public const string DxpCodeHistoric = nameof(DxpCodeHistoric);
    public const string DxpCodeNotInList = nameof(DxpCodeNotInList);
    public const string DxpConcurrentRequest = nameof(DxpConcurrentRequest);
    public const string DxpConsortiumRequired = nameof(DxpConsortiumRequired);
    public const string DxpCourseInRegisterTwice = nameof(DxpCourseInRegisterTwice);
    public const string DxpCourseNotInRegister = nameof(DxpCourseNotInRegister);
    public const string DxpDateOrder = nameof(DxpDateOrder);
    public const string DxpDeleteFailed = nameof(DxpDeleteFailed);
    public const string DxpEftsMonthCount = nameof(DxpEftsMonthCount);
    public const string DxpEftsPrecision = nameof(DxpEftsPrecision);
    public const string DxpEftsSum = nameof(DxpEftsSum);
    public const string DxpEftsWithdrawal = nameof(DxpEftsWithdrawal);
    public const string DxpEidRefused = nameof(DxpEidRefused);
    public const string DxpFieldRequired = nameof(DxpFieldRequired);
    public const string DxpFieldTooLong = nameof(DxpFieldTooLong);
    public const string DxpFieldTooMany = nameof(DxpFieldTooMany);
    public const string DxpInsecureUri = nameof(DxpInsecureUri);
    public const string DxpInvalidBoolean = nameof(DxpInvalidBoolean);
    public const string DxpInvalidDate = nameof(DxpInvalidDate);
    public const string DxpInvalidNumber = nameof(DxpInvalidNumber);
    public const string DxpIrdInvalid = nameof(DxpIrdInvalid);
    public const string DxpIteSectorMissing = nameof(DxpIteSectorMissing);
    public const string DxpIteSubjectCount = nameof(DxpIteSubjectCount);
    public const string DxpIteSubjectTooLong = nameof(DxpIteSubjectTooLong);
    public const string DxpLearnerMissing = nameof(DxpLearnerMissing);
    public const string DxpLearnerTwice = nameof(DxpLearnerTwice);
    public const string DxpLocalIdDuplicate = nameof(DxpLocalIdDuplicate);
    public const string DxpNoValidation = nameof(DxpNoValidation);
    public const string DxpNotConnected = nameof(DxpNotConnected);
    public const string DxpNothingToValidate = nameof(DxpNothingToValidate);
    public const string DxpNsnDisagrees = nameof(DxpNsnDisagrees);
    public const string DxpNsnInvalid = nameof(DxpNsnInvalid);
    public const string DxpNumberInvalid = nameof(DxpNumberInvalid);
    public const string DxpRecordNotDeleted = nameof(DxpRecordNotDeleted);
    public const string DxpRecordRejected = nameof(DxpRecordRejected);
    public const string DxpResetNotConfirmed = nameof(DxpResetNotConfirmed);
    public const string DxpReturnNotFound = nameof(DxpReturnNotFound);
    public const string DxpSchemaMismatch = nameof(DxpSchemaMismatch);
    public const string DxpSubmissionTokenNotFound = nameof(DxpSubmissionTokenNotFound);
    public const string DxpSyncFailed = nameof(DxpSyncFailed);
    public const string DxpSyncNotConfirmed = nameof(DxpSyncNotConfirmed);
    public const string DxpNotTheApi = nameof(DxpNotTheApi);
    public const string DxpUnknownDataset = nameof(DxpUnknownDataset);
    public const string DxpCompareNoLocalRecords = nameof(DxpCompareNoLocalRecords);
    public const string DxpWrongRecordKind = nameof(DxpWrongRecordKind);
    public const string DxpWrongInputKind = nameof(DxpWrongInputKind);
    public const string DxpUnreadableGzip = nameof(DxpUnreadableGzip);
    public const string DxpValidationNotProcessed = nameof(DxpValidationNotProcessed);
    public const string DxpValidationTimeout = nameof(DxpValidationTimeout);
    public const string DxpWithdrawalAfterEnd = nameof(DxpWithdrawalAfterEnd);
    public const string DxpYearFormat = nameof(DxpYearFormat);
    public const string DxpYearMismatch = nameof(DxpYearMismatch);
    public const string DxpStartYear = nameof(DxpStartYear);
    public const string DxpFormatInvalid = nameof(DxpFormatInvalid);
    public const string DxpFeesNotDomestic = nameof(DxpFeesNotDomestic);

    // A service's answer by HTTP class (ServiceError): the same suffixes for NZQA and DXP
    public const string NzqaAuthenticationFailed = nameof(NzqaAuthenticationFailed);
    public const string NzqaUnreachable = nameof(NzqaUnreachable);
    public const string NzqaUnauthorized = nameof(NzqaUnauthorized);
    public const string NzqaProviderRefused = nameof(NzqaProviderRefused);
    public const string NzqaRateLimited = nameof(NzqaRateLimited);
    public const string NzqaServiceError = nameof(NzqaServiceError);
    public const string NzqaRequestRejected = nameof(NzqaRequestRejected);
    public const string NzqaStopped = nameof(NzqaStopped);
    public const string NzqaInvalidArgument = nameof(NzqaInvalidArgument);
    public const string NzqaFailed = nameof(NzqaFailed);
    public const string DxpAuthenticationFailed = nameof(DxpAuthenticationFailed);
    public const string DxpUnreachable = nameof(DxpUnreachable);
    public const string DxpUnauthorized = nameof(DxpUnauthorized);
    public const string DxpProviderRefused = nameof(DxpProviderRefused);
    public const string DxpRateLimited = nameof(DxpRateLimited);
    public const string DxpServiceError = nameof(DxpServiceError);
    public const string DxpRequestRejected = nameof(DxpRequestRejected);
    public const string DxpStopped = nameof(DxpStopped);
    public const string DxpInvalidArgument = nameof(DxpInvalidArgument);
    public const string DxpFailed = nameof(DxpFailed);

    // NZQA refused an item with one of its codes (NzqaSyncFailed when it gave none, or one not listed)
    public const string NzqaRefusedBatchTooLarge = nameof(NzqaRefusedBatchTooLarge);
    public const string NzqaRefusedDobInvalid = nameof(NzqaRefusedDobInvalid);
    public const string NzqaRefusedEntryAtOtherProvider = nameof(NzqaRefusedEntryAtOtherProvider);
    public const string NzqaRefusedEntryNotFound = nameof(NzqaRefusedEntryNotFound);
    public const string NzqaRefusedEthnicityInvalid = nameof(NzqaRefusedEthnicityInvalid);
    public const string NzqaRefusedExternalEntryClosed = nameof(NzqaRefusedExternalEntryClosed);
    public const string NzqaRefusedFieldInvalid = nameof(NzqaRefusedFieldInvalid);
    public const string NzqaRefusedGenderInvalid = nameof(NzqaRefusedGenderInvalid);
    public const string NzqaRefusedLearnerUnknown = nameof(NzqaRefusedLearnerUnknown);
    public const string NzqaRefusedLeavingDateInvalid = nameof(NzqaRefusedLeavingDateInvalid);
    public const string NzqaRefusedNameRequired = nameof(NzqaRefusedNameRequired);
    public const string NzqaRefusedNotEnrolled = nameof(NzqaRefusedNotEnrolled);
    public const string NzqaRefusedNotFound = nameof(NzqaRefusedNotFound);
    public const string NzqaRefusedNsnConflict = nameof(NzqaRefusedNsnConflict);
    public const string NzqaRefusedNsnInvalid = nameof(NzqaRefusedNsnInvalid);
    public const string NzqaRefusedProviderCodeInvalid = nameof(NzqaRefusedProviderCodeInvalid);
    public const string NzqaRefusedProviderMismatch = nameof(NzqaRefusedProviderMismatch);
    public const string NzqaRefusedResultInvalid = nameof(NzqaRefusedResultInvalid);
    public const string NzqaRefusedStandardUnknown = nameof(NzqaRefusedStandardUnknown);

    private static readonly Dictionary<string, string> NzqaRefusals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BATCH_TOO_LARGE"] = NzqaRefusedBatchTooLarge,
        ["DOB_INVALID"] = NzqaRefusedDobInvalid,
        ["ENTRY_AT_OTHER_PROVIDER"] = NzqaRefusedEntryAtOtherProvider,
        ["ENTRY_NOT_FOUND"] = NzqaRefusedEntryNotFound,
        ["ETHNICITY_INVALID"] = NzqaRefusedEthnicityInvalid,
        ["EXTERNAL_ENTRY_CLOSED"] = NzqaRefusedExternalEntryClosed,
        ["FIELD_INVALID"] = NzqaRefusedFieldInvalid,
        ["GENDER_INVALID"] = NzqaRefusedGenderInvalid,
        ["LEARNER_UNKNOWN"] = NzqaRefusedLearnerUnknown,
        ["LEAVING_DATE_INVALID"] = NzqaRefusedLeavingDateInvalid,
        ["NAME_REQUIRED"] = NzqaRefusedNameRequired,
        ["NOT_ENROLLED"] = NzqaRefusedNotEnrolled,
        ["NOT_FOUND"] = NzqaRefusedNotFound,
        ["NSN_CONFLICT"] = NzqaRefusedNsnConflict,
        ["NSN_INVALID"] = NzqaRefusedNsnInvalid,
        ["PROVIDER_CODE_INVALID"] = NzqaRefusedProviderCodeInvalid,
        ["PROVIDER_MISMATCH"] = NzqaRefusedProviderMismatch,
        ["RESULT_INVALID"] = NzqaRefusedResultInvalid,
        ["STANDARD_UNKNOWN"] = NzqaRefusedStandardUnknown,
    };

    /// <summary>
    /// The id for a record NZQA refused, from the code its item result starts with ("NSN_CONFLICT: ..."):
    /// a specific id for every code NZQA is known to give, else <see cref="NzqaSyncFailed"/>.
    /// </summary>
    public static string ForNzqaRefusal(IEnumerable<string> errors)
    {
        if (errors == null) return NzqaSyncFailed;
        foreach (var error in errors)
        {
            if (string.IsNullOrEmpty(error)) continue;
            var colon = error.IndexOf(':');
            var code = colon > 0 ? error.Substring(0, colon).Trim() : error.Trim();
            return NzqaRefusals.TryGetValue(code, out var id) ? id : NzqaSyncFailed;
        }
        return NzqaSyncFailed;
    }
}
