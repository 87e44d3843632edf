namespace NzqaSync.Domain;

/// <summary>
/// Text in Unicode normalisation form C (composed). A macron typed on a Mac, or exported by some SMSs, may arrive
/// decomposed (NFD: "i" + U+0304 COMBINING MACRON instead of "ī"); it looks the same but is another string, so
/// "Kīngi" would compare Different from NZQA's "Kīngi" and be sent in a form NZQA does not hold. Every text value
/// the module reads (SMS exports, pipeline objects, typed records' names) is put in NFC, which is also what is sent.
/// </summary>
public static class UnicodeText
{
    /// <summary><paramref name="text"/> in NFC; the same instance when it already is (all text below U+0300 is).</summary>
    public static string Nfc(string text)
    {
        if (text == null) return null;
        foreach (var c in text)
        {
            // Below U+0300 there are no combining marks and nothing that NFC changes: the common case costs one scan.
            if (c < '\u0300') continue;
            try
            {
                return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
            }
            catch (ArgumentException)
            {
                return text; // an unpaired surrogate: left as given for the checks to report
            }
        }
        return text;
    }
}
