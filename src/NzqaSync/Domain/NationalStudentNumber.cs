namespace NzqaSync.Domain;

/// <summary>
/// The National Student Number. NZQA: "numeric, up to 10 digits"; "a learner with an invalid NSN is not
/// processed until it is corrected". The check-digit algorithm is not public, so none is invented here.
/// </summary>
public static class NationalStudentNumber
{
    /// <summary>Trims the value; returns null when it is not 1–10 digits.</summary>
    public static string Normalise(string value)
    {
        if (value == null) return null;
        var trimmed = value.Trim();
        // ^[0-9]{1,10}$ without the regex engine (this runs several times per record of a 100,000-row compare).
        if (trimmed.Length == 0 || trimmed.Length > 10) return null;
        foreach (var c in trimmed)
            if (c < '0' || c > '9') return null;
        // Leading zeros carry no meaning in a number; keep one canonical spelling for keys.
        var canonical = trimmed.TrimStart('0');
        return canonical.Length == 0 ? null : canonical;
    }

    public static RecordProblem Check(string value, string field = "Nsn")
    {
        if (string.IsNullOrWhiteSpace(value))
            return new RecordProblem("NzqaMissingNsn", field, "The NSN is missing: NZQA cannot process a learner without a National Student Number.");
        return Normalise(value) == null
            ? new RecordProblem("NzqaInvalidNsn", field, $"'{value}' is not a valid NSN: an NSN is numeric, up to 10 digits.")
            : null;
    }
}
