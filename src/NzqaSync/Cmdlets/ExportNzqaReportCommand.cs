using System.Management.Automation;
using NzqaSync.Report;

namespace NzqaSync.Cmdlets;

/// <summary>Writes diffs or sync results as one self-contained HTML review page.</summary>
[Cmdlet(VerbsData.Export, "NzqaReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportNzqaReportCommand : NzqaCmdlet
{
    private readonly List<ReportRow> _rows = new List<ReportRow>();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; }

    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public object InputObject { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Title { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Replace an existing file at -Path (a symbolic link is refused even then).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var item in PipelineInput.BaseObjects(InputObject, dictionaryIsOneItem: true)) Add(item);
    }

    private readonly LeftOutByType _leftOut = new LeftOutByType();

    private void Add(object item)
    {
        if (item == null) return;
        var row = ReportRow.From(item);
        if (row != null)
        {
            _rows.Add(row);
            return;
        }
        if (_leftOut.IsFirst(item)) WriteError(UnsupportedInput(item));
    }

    private static ErrorRecord UnsupportedInput(object item)
    {
        var dxp = item is Compare.DxpRecordDiff || item is Sync.DxpSyncResult || item is Sync.DxpUploadResult;
        var message = dxp
            ? $"Export-NzqaReport shows NZQA's diffs and sync results; a DXP {item.GetType().Name} cannot go on its page and was left out (with every other one piped in)."
            : $"Export-NzqaReport takes diffs (from Compare-Nzqa*) and sync results (from Sync-Nzqa*), not {item.GetType().FullName}; it was left out of the page.";
        return AdvisedError.Of(new ArgumentException(message), ErrorIds.NzqaReportUnsupportedInput, ErrorCategory.InvalidArgument, item,
            dxp
                    ? "Review DXP diffs with Export-Csv or Out-GridView, and write the approval file with New-NzqaApproval."
                    : "Pipe the output of Compare-Nzqa* or Sync-Nzqa* into Export-NzqaReport.");
    }

    protected override void EndProcessing()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (FolderNotFile.Check(full, Path, "-Path", "the report file to write (review.html)") is ErrorRecord isFolder) ThrowTerminatingError(isFolder);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            ThrowTerminatingError(new ErrorRecord(new DirectoryNotFoundException($"The folder '{folder}' does not exist."),
                ErrorIds.NzqaReportFolderNotFound, ErrorCategory.ObjectNotFound, Path)
            {
                ErrorDetails = new ErrorDetails($"Cannot write the report: the folder '{folder}' does not exist.") { RecommendedAction = "Create the folder or give another -Path." },
            });
            return;
        }
        if (File.Exists(full) && !Force)
        {
            var message = $"The file '{full}' already exists; Export-NzqaReport does not replace it without -Force.";
            ThrowTerminatingError(AdvisedError.Of(new IOException(message), ErrorIds.NzqaReportExists, ErrorCategory.ResourceExists, full,
                "Add -Force to replace it, or give another -Path."));
            return;
        }
        var leftOut = _leftOut.Total;
        if (leftOut > 1) WriteWarning($"{leftOut} objects were left out of the page: {_leftOut.Summary}.");
        if (_rows.Count == 0 && leftOut > 0)
        {
            var message = $"Nothing to show: all {leftOut} objects piped in were left out, so no page was written to '{full}'.";
            ThrowTerminatingError(AdvisedError.Of(new ArgumentException(message), ErrorIds.NzqaReportNothingToShow, ErrorCategory.InvalidArgument, Path,
                "Pipe the output of Compare-Nzqa* or Sync-Nzqa* into Export-NzqaReport."));
            return;
        }
        var summary = string.Join(", ", ReviewPage.Counts(_rows).Select(c => $"{c.Key} {c.Value}"));
        if (!ShouldProcess(full, $"Write the review page ({_rows.Count} records{(summary.Length > 0 ? ": " + summary : "")})")) return;

        var title = Title ?? $"NZQA sync review {DateTime.Now:yyyy-MM-dd HH:mm}";
        // Names, NSNs and dates of birth: the page is the user's own (0600 on Unix), never written through a link.
        var bytes = new UTF8Encoding(false).GetBytes(ReviewPage.Render(title, DateTimeOffset.Now, _rows));
        WriteOwnerOnlyFile(full, bytes, Force, "report", ErrorIds.NzqaReportUnsafePath, ErrorIds.NzqaReportUnwritable,
            "Give a -Path that is not a symbolic link and not another user's file.");
        WriteVerbose($"Wrote {full}: {_rows.Count} records ({summary}).");
        // What Get-Item returns (with the provider's PSPath, PSParentPath...), so it shows like any file: a bare
        // FileInfo displays with blank Mode and Length columns.
        if (PassThru) WriteObject(InvokeProvider.Item.Get(new[] { full }, false, true), true);
    }
}
