using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NzqaSync.Domain.Dxp
{
    public static partial class DxpRecordValidator
    {
        public static IReadOnlyList<DxpFieldProblem> Validate(QualificationCompletionRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            p.Text("studentIdentificationCode", r.StudentIdentificationCode, 10, "Student Identification Code");
            p.Nsn(r.NationalStudentNumber);
            if (p.Text("qualificationCode", r.QualificationCode, 6, "Qualification Code")) p.QualificationFormat("qualificationCode", r.QualificationCode, allowNonFormal: false);
            if (!string.IsNullOrWhiteSpace(r.StudentIdentificationCode) && r.StudentIdentificationCode.Length <= 10 && !DxpCodes.IsAlphanumeric(r.StudentIdentificationCode))
                p.Add("studentIdentificationCode", "DxpFormatInvalid", $"studentIdentificationCode '{r.StudentIdentificationCode}': \"Type: Alpha-Numeric\".");
            var yearOk = false;
            if (!r.YearRequirementsMet.HasValue)
                p.Required("yearRequirementsMet", null, "Year Requirements Met");
            else if (r.YearRequirementsMet < 1000 || r.YearRequirementsMet > 9999)
                p.Add("yearRequirementsMet", "DxpYearFormat", $"yearRequirementsMet: {r.YearRequirementsMet} — \"Enter the year in the format YYYY - e.g., 2023.\"");
            else yearOk = true;
            // The schema marks it optional but the text says "This field is mandatory."
            p.Required("qualificationCompletionDate", r.QualificationCompletionDate, "Qualification Completion Date");
            // "should align": a warning, not a refusal.
            if (yearOk && r.QualificationCompletionDate.HasValue && NzDate.FromDateTime(r.QualificationCompletionDate.Value).Year != r.YearRequirementsMet)
                p.Add("yearRequirementsMet", "DxpYearMismatch",
                    $"yearRequirementsMet {r.YearRequirementsMet} differs from the year of qualificationCompletionDate {Day(r.QualificationCompletionDate)}: \"This should align with what is reported for the 'Year Requirements Met' field.\"",
                    DxpProblemSeverity.Warning);
            if (r.IrdNumber != null)
            {
                if (r.IrdNumber.Length > 11)
                    p.Add("irdNumber", "DxpFieldTooLong", $"irdNumber: Length: 11 — \"Possible values: length ≤ 11\" (got {r.IrdNumber.Length}).");
                else if (IrdNumber.Check(r.IrdNumber) is string why)
                    p.Add("irdNumber", "DxpIrdInvalid",
                        $"irdNumber '{r.IrdNumber}': {why}. \"IRD numbers are either eight or nine digits with dashes e.g., 123-456-789. Please enter leading zero in the first box if your IRD number is only 8 digits.\"");
            }
            if (r.LinkedQualificationCodeForFeesFree != null && r.LinkedQualificationCodeForFeesFree.Length > 6)
                p.Add("linkedQualificationCodeForFeesFree", "DxpFieldTooLong",
                    $"linkedQualificationCodeForFeesFree: Length: 6 — \"Possible values: length ≤ 6\" (got {r.LinkedQualificationCodeForFeesFree.Length}).");
            else if (!string.IsNullOrWhiteSpace(r.LinkedQualificationCodeForFeesFree))
                p.QualificationFormat("linkedQualificationCodeForFeesFree", r.LinkedQualificationCodeForFeesFree, allowNonFormal: false);
            return p.List;
        }
    }
}
