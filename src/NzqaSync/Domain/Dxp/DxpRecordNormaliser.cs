using System.Linq;

namespace NzqaSync.Domain.Dxp
{
    /// <summary>
    /// Puts a record into the form that is sent: trims text, writes two-spelling codes in their one documented form
    /// (<see cref="DxpCodes"/>), writes IRD numbers as "049-091-850", drops a time of day from dates, derives
    /// eftsByMonth and localId ONLY when missing (a given value is never overwritten). Values it cannot make sense of
    /// are left as given for <see cref="DxpRecordValidator"/> to report. Call it before validating and batching.
    /// </summary>
    public static class DxpRecordNormaliser
    {
        public static CourseEnrolmentRecord Normalise(CourseEnrolmentRecord r)
        {
            if (r == null) return null;
            r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
            r.QualificationCode = Trim(r.QualificationCode);
            r.CourseCode = Trim(r.CourseCode);
            r.CourseStartDate = r.CourseStartDate.HasValue ? NzDate.FromDateTime(r.CourseStartDate.Value) : (System.DateTime?)null;
            r.CourseEndDate = r.CourseEndDate.HasValue ? NzDate.FromDateTime(r.CourseEndDate.Value) : (System.DateTime?)null;
            r.StudentsCourseWithdrawalDate = r.StudentsCourseWithdrawalDate.HasValue ? NzDate.FromDateTime(r.StudentsCourseWithdrawalDate.Value) : (System.DateTime?)null;
            r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment =
                DxpCodes.NormaliseCategoryOfFees(r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment);
            r.CourseDeliverySite = DxpCodes.NormaliseDeliverySite(r.CourseDeliverySite);
            r.SourceOfFunding = DxpCodes.NormaliseSourceOfFunding(r.SourceOfFunding);
            r.ResidentialStatus = DxpCodes.NormaliseResidentialStatus(r.ResidentialStatus);
            r.FundingCategory = Trim(r.FundingCategory);
            r.NzscedFieldOfStudy = Trim(r.NzscedFieldOfStudy);
            if (r.IteSubject != null)
                r.IteSubject = r.IteSubject.SelectMany(s => (s ?? "").Split(';')).Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
            if ((r.EftsByMonth == null || r.EftsByMonth.Length == 0) && r.CourseEftsFactor.HasValue && r.CourseStartDate.HasValue &&
                r.CourseEndDate.HasValue && r.CourseEftsFactor.Value >= 0 && EftsByMonth.DecimalPlaces(r.CourseEftsFactor.Value) <= 4 &&
                r.CourseEndDate.Value >= r.CourseStartDate.Value)
                r.EftsByMonth = EftsByMonth.Compute(r.CourseEftsFactor.Value, r.CourseStartDate.Value, r.CourseEndDate.Value);
            r.LocalId = Trim(r.LocalId);
            if (string.IsNullOrEmpty(r.LocalId)) r.LocalId = DxpLocalId.For(r);
            return r;
        }

        public static QualificationCompletionRecord Normalise(QualificationCompletionRecord r)
        {
            if (r == null) return null;
            r.StudentIdentificationCode = Trim(r.StudentIdentificationCode);
            r.QualificationCode = Trim(r.QualificationCode);
            r.LinkedQualificationCodeForFeesFree = Trim(r.LinkedQualificationCodeForFeesFree);
            r.QualificationCompletionDate = r.QualificationCompletionDate.HasValue ? NzDate.FromDateTime(r.QualificationCompletionDate.Value) : (System.DateTime?)null;
            r.IrdNumber = Trim(r.IrdNumber);
            if (r.IrdNumber != null && IrdNumber.IsValid(r.IrdNumber)) r.IrdNumber = IrdNumber.Normalise(r.IrdNumber);
            r.LocalId = Trim(r.LocalId);
            if (string.IsNullOrEmpty(r.LocalId)) r.LocalId = DxpLocalId.For(r);
            return r;
        }

        /// <summary>Dispatches on the record's type.</summary>
        public static IDxpRecord Normalise(IDxpRecord record)
        {
            switch (record)
            {
                case CourseEnrolmentRecord ce: return Normalise(ce);
                case QualificationCompletionRecord qc: return Normalise(qc);
                default: return record;
            }
        }

        /// <summary>Trimmed, and null when blank (blank optional fields are not sent).</summary>
        private static string Trim(string s)
        {
            var t = s?.Trim();
            return string.IsNullOrEmpty(t) ? null : t;
        }
    }
}
