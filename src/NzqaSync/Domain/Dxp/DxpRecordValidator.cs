namespace NzqaSync.Domain.Dxp;

/// <summary>
/// Checks every rule of the seeds before a record is sent (run <see cref="DxpRecordNormaliser"/> first).
/// Messages quote the seed's wording. Code ids: DxpFieldRequired, DxpFieldTooLong, DxpCodeNotInList,
/// DxpCodeHistoric (warning), DxpIrdInvalid, DxpEftsPrecision, DxpEftsMonthCount, DxpEftsSum,
/// DxpEftsWithdrawal (warning),    /// DxpNumberInvalid, DxpNsnInvalid, DxpDateOrder, DxpWithdrawalAfterEnd (warning), DxpConsortiumRequired,
/// DxpIteSectorMissing (warning before 2026, error from 2026), DxpIteSubjectCount, DxpIteSubjectTooLong, DxpYearFormat,
/// DxpYearMismatch (warning), DxpFormatInvalid, DxpFeesNotDomestic, DxpStartYear, DxpFieldTooMany. DxpEftsSum is an error.
/// </summary>
public static partial class DxpRecordValidator
{
    /// <summary>Dispatches on the record's type.</summary>
    public static IReadOnlyList<DxpFieldProblem> Validate(IDxpRecord record, int? returnYear = null)
    {
        switch (record)
        {
            case CourseEnrolmentRecord ce: return Validate(ce, returnYear);
            case QualificationCompletionRecord qc: return Validate(qc);
            case DxpLearnerRecord l: return Validate(l);
            case DxpCourseRecord c: return Validate(c);
            case DxpCourseCompletionRecord cc: return Validate(cc);
            case null: throw new ArgumentNullException(nameof(record));
            default: throw new NotSupportedException($"No rules are defined for {record.GetType().Name}.");
        }
    }

    /// <summary>True when none of the problems is an error (warnings do not stop a record).</summary>
    public static bool CanSend(IEnumerable<DxpFieldProblem> problems) => problems.All(x => x.Severity != DxpProblemSeverity.Error);

    private static string Day(DateTime? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    private sealed class Problems
    {
        private readonly string _localId;
        public Problems(string localId) => _localId = localId;

        /// <summary>The problems of one record, starting with its localId ("An integrator generated unique identifier for this item.").</summary>
        public static Problems For(IDxpRecord r)
        {
            if (r == null) throw new ArgumentNullException(nameof(r));
            var p = new Problems(r.LocalId);
            p.Text("localId", r.LocalId, 0, "An integrator generated unique identifier for this item.");
            return p;
        }

        public void StudentId(string value) => Text("studentIdentificationCode", value, 10, "Student Identification Code");

        /// <summary>Optional; at most 11 characters with Inland Revenue's check digit (api-facts.md).</summary>
        public void Ird(string value)
        {
            if (value == null) return;
            if (value.Length > 11)
                Add("irdNumber", "DxpFieldTooLong", $"irdNumber: Length: 11 — \"Possible values: length ≤ 11\" (got {value.Length}).");
            else if (IrdNumber.Check(value) is string why)
                Add("irdNumber", "DxpIrdInvalid",
                    $"irdNumber '{value}': {why}. \"IRD numbers are either eight or nine digits with dashes e.g., 123-456-789. Please enter leading zero in the first box if your IRD number is only 8 digits.\"");
        }
        public readonly List<DxpFieldProblem> List = new List<DxpFieldProblem>();

        public void Add(string field, string code, string message, DxpProblemSeverity severity = DxpProblemSeverity.Error) =>
            List.Add(new DxpFieldProblem(field, code, message, severity, _localId));

        public void Required(string field, object value, string title)
        {
            if (value == null) Add(field, "DxpFieldRequired", $"{field} ({title}) is required: \"This field is mandatory.\"");
        }

        /// <summary>A mandatory string of 1..max characters (max 0 = no upper bound); true when present and within length.</summary>
        public bool Text(string field, string value, int max, string title)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "DxpFieldRequired", $"{field} ({title}) is required: \"This field is mandatory.\" (\"Possible values: 1 ≤ length{(max > 0 ? " ≤ " + max : "")}\")");
                return false;
            }
            if (max > 0 && value.Length > max)
            {
                Add(field, "DxpFieldTooLong", $"{field}: Length: {max} — \"Possible values: 1 ≤ length ≤ {max}\": must be 1–{max} characters (got {value.Length}).");
                return false;
            }
            return true;
        }

        /// <summary>
        /// "The value should be a six alpha-numeric code from the SDR Qualifications Register"; non-formal education
        /// (course enrolments only): G9999 (≤ 40 hours) or the GFFSSX model ("G is community; FF is field of study;
        /// SS is sub-field; X is digit 0-9", e.g. G48017).
        /// </summary>
        public void QualificationFormat(string field, string code, bool allowNonFormal)
        {
            if (code.Length > 6) return; // reported as too long already
            if (allowNonFormal && DxpCodes.IsNonFormalQualification(code)) return;
            if (code.Length == 6 && DxpCodes.IsAlphanumeric(code)) return;
            Add(field, "DxpFormatInvalid", allowNonFormal
                ? $"{field} '{code}': \"The value should be a six alpha-numeric code from the SDR Qualifications Register\" (or G9999, or the model GFFSSX such as G48017 for community education)."
                : $"{field} '{code}': \"The value should be a six alpha-numeric code as on the SDR Qualifications Register\".");
        }

        public void Nsn(int? nsn)
        {
            if (!nsn.HasValue) Required("nationalStudentNumber", null, "National Student Number");
            else if (nsn <= 0)
                Add("nationalStudentNumber", "DxpNsnInvalid",
                    $"nationalStudentNumber: {nsn} — \"This number must be the value generated by the National Student Index (NSI) for the learner.\" (a positive int32).");
        }
    }
}
