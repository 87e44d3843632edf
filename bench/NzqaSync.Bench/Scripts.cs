namespace NzqaSync.Bench;

/// <summary>
/// The PowerShell each compare scenario runs. Every scenario ends with the output collected into a variable and its
/// count returned, so all of them pay for collecting their output the same way.
/// </summary>
public static class Scripts
{
    /// <summary>The engine floor: the cost of just moving the records through a pipeline.</summary>
    public const string Floor = "$out = $records | ForEach-Object { $_ }; $out.Count";

    public static string Module(string kind) =>
        $"$out = $records | Compare-Nzqa{kind} -NzqaRecord $nzqa -ErrorAction SilentlyContinue; $out.Count";

    public static string ModuleCsv(string kind) =>
        $"$out = Import-NzqaRecord -Path $csv -Kind {kind} -ErrorAction SilentlyContinue | Compare-Nzqa{kind} -NzqaRecord $nzqa -ErrorAction SilentlyContinue; $out.Count";

    /// <summary>Compare reading NZQA itself (paged reads; for standards also the catalogue and enrolments).</summary>
    public static string ModuleWithFetch(string kind) => kind == "Standard"
        ? "$out = $records | Compare-NzqaStandard -AcademicYear $year -ErrorAction SilentlyContinue; $out.Count"
        : "$out = $records | Compare-NzqaEnrolment -ErrorAction SilentlyContinue; $out.Count";

    public static string Fetch(string kind) => kind == "Standard"
        ? "$nzqa = @(Get-NzqaStandard -AcademicYear $year); $nzqa.Count"
        : "$nzqa = @(Get-NzqaEnrolment); $nzqa.Count";

    public const string Connect = "Connect-Nzqa -BaseUri $nzqaUri -ProviderNumber 257 -Credential $cred -JournalPath $journal | Out-Null";

    /// <summary>
    /// A competent hand-written standards compare: NZQA's side in a hashtable keyed on NSN + standard + year, each local
    /// record looked up once, four fields compared one by one, [pscustomobject] out; then what only NZQA holds.
    /// $nsn/$std/$yr/... name the local columns: SMS export headers for Import-Csv rows, property names for typed records.
    /// </summary>
    private static string StandardBaseline(string nsn, string std, string yr, string ver, string method, string result, string withdrawn) => $@"
$index = @{{}}
foreach ($n in $nzqa) {{ $index[""$($n.Nsn)|$($n.StandardNumber)|$($n.AcademicYear)""] = $n }}
$seen = @{{}}
$out = @(
    foreach ($r in $records) {{
        $key = ""$($r.{nsn})|$($r.{std})|$($r.{yr})""
        $n = $index[$key]
        if ($null -eq $n) {{ [pscustomobject]@{{ Key = $key; Nsn = $r.{nsn}; Status = 'New'; Differences = $null }}; continue }}
        $seen[$key] = $true
        $d = $null
        $status = {withdrawn}
        if (""$($r.{ver})"" -ne ""$($n.StandardVersion)"") {{ $d += @([pscustomobject]@{{ Field = 'StandardVersion'; Local = $r.{ver}; Nzqa = $n.StandardVersion }}) }}
        if (""$($r.{method})"" -ne ""$($n.EntryMethod)"") {{ $d += @([pscustomobject]@{{ Field = 'EntryMethod'; Local = $r.{method}; Nzqa = $n.EntryMethod }}) }}
        if (""$($r.{result})"" -ne ""$($n.Result)"") {{ $d += @([pscustomobject]@{{ Field = 'Result'; Local = $r.{result}; Nzqa = $n.Result }}) }}
        if ($status -ne $n.Status) {{ $d += @([pscustomobject]@{{ Field = 'Status'; Local = $status; Nzqa = $n.Status }}) }}
        [pscustomobject]@{{ Key = $key; Nsn = $r.{nsn}; Status = $(if ($d) {{ 'Different' }} else {{ 'Match' }}); Differences = $d }}
    }}
    foreach ($key in $index.Keys) {{
        if (-not $seen.ContainsKey($key)) {{ [pscustomobject]@{{ Key = $key; Nsn = $index[$key].Nsn; Status = 'NzqaOnly'; Differences = $null }} }}
    }}
)
$out.Count";

    public static readonly string StandardBaselineCsvObjects = StandardBaseline("NSN", "Standard", "Year", "Version", "'Entry Method'", "Result",
        "$(if ($r.Withdrawn -eq 'Y') { 'Withdrawn' } else { 'Entered' })");

    public static readonly string StandardBaselineTyped = StandardBaseline("Nsn", "StandardNumber", "AcademicYear", "StandardVersion", "EntryMethod", "Result",
        "$(if ($r.Status -eq 'Withdrawn') { 'Withdrawn' } else { 'Entered' })");

    /// <summary>The same for enrolments: keyed on NSN, five fields, Leaver when only the SMS has a leaving date.</summary>
    private static string EnrolmentBaseline(string nsn, string id, string start, string level, string leaving, string reason, string date) => $@"
$index = @{{}}
foreach ($n in $nzqa) {{ $index[""$($n.Nsn)""] = $n }}
$seen = @{{}}
$out = @(
    foreach ($r in $records) {{
        $key = ""$($r.{nsn})""
        $n = $index[$key]
        if ($null -eq $n) {{ [pscustomobject]@{{ Key = $key; Nsn = $key; Status = 'New'; Differences = $null }}; continue }}
        $seen[$key] = $true
        $d = $null
        $nStart = {string.Format(date, "$n.EnrolmentDate")}
        $nLeaving = {string.Format(date, "$n.LeavingDate")}
        if (""$($r.{id})"" -ne ""$($n.LocalStudentId)"") {{ $d += @([pscustomobject]@{{ Field = 'LocalStudentId'; Local = $r.{id}; Nzqa = $n.LocalStudentId }}) }}
        if (""$($r.{start})"" -ne ""$nStart"") {{ $d += @([pscustomobject]@{{ Field = 'EnrolmentDate'; Local = $r.{start}; Nzqa = $nStart }}) }}
        if (""$($r.{level})"" -ne ""$($n.YearLevel)"") {{ $d += @([pscustomobject]@{{ Field = 'YearLevel'; Local = $r.{level}; Nzqa = $n.YearLevel }}) }}
        if (""$($r.{leaving})"" -ne ""$nLeaving"") {{ $d += @([pscustomobject]@{{ Field = 'LeavingDate'; Local = $r.{leaving}; Nzqa = $nLeaving }}) }}
        if (""$($r.{reason})"" -ne ""$($n.LeavingReason)"") {{ $d += @([pscustomobject]@{{ Field = 'LeavingReason'; Local = $r.{reason}; Nzqa = $n.LeavingReason }}) }}
        $status = if (""$($r.{leaving})"" -and -not $n.LeavingDate) {{ 'Leaver' }} elseif ($d) {{ 'Different' }} else {{ 'Match' }}
        [pscustomobject]@{{ Key = $key; Nsn = $key; Status = $status; Differences = $d }}
    }}
    foreach ($key in $index.Keys) {{
        if (-not $seen.ContainsKey($key)) {{ [pscustomobject]@{{ Key = $key; Nsn = $key; Status = 'NzqaOnly'; Differences = $null }} }}
    }}
)
$out.Count";

    // CSV rows hold dates as yyyy-MM-dd text, so NZQA's dates are formatted to match; typed records compare dates as dates.
    public static readonly string EnrolmentBaselineCsvObjects = EnrolmentBaseline("NSN", "'Student ID'", "'Enrolment Date'", "'Year Level'", "'Leaving Date'", "'Leaving Reason'",
        "$(if ({0}) {{ {0}.ToString('yyyy-MM-dd') }} else {{ '' }})");

    public static readonly string EnrolmentBaselineTyped = EnrolmentBaseline("Nsn", "LocalStudentId", "EnrolmentDate", "YearLevel", "LeavingDate", "LeavingReason",
        "{0}");

    public static string Baseline(string kind, bool typed) => kind == "Standard"
        ? (typed ? StandardBaselineTyped : StandardBaselineCsvObjects)
        : (typed ? EnrolmentBaselineTyped : EnrolmentBaselineCsvObjects);
}
