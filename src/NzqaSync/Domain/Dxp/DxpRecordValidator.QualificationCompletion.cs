namespace NzqaSync.Domain.Dxp;

public static partial class DxpRecordValidator
{
    public static IReadOnlyList<DxpFieldProblem> Validate(QualificationCompletionRecord r)
    {
        var p = Problems.For(r);
        p.StudentId(r.StudentIdentificationCode);
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
        p.Ird(r.IrdNumber);
        if (r.LinkedQualificationCodeForFeesFree != null && r.LinkedQualificationCodeForFeesFree.Length > 6)
            p.Add("linkedQualificationCodeForFeesFree", "DxpFieldTooLong",
                $"linkedQualificationCodeForFeesFree: Length: 6 — \"Possible values: length ≤ 6\" (got {r.LinkedQualificationCodeForFeesFree.Length}).");
        else if (!string.IsNullOrWhiteSpace(r.LinkedQualificationCodeForFeesFree))
            p.QualificationFormat("linkedQualificationCodeForFeesFree", r.LinkedQualificationCodeForFeesFree, allowNonFormal: false);
        return p.List;
    }
}
