using System.Management.Automation;
using NzqaSync.Compare;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Writes the Principal's Nominee's approval file from diffs in the pipeline: every change that a sync would send
/// for them, each with the fingerprint of exactly what would be sent. The same file the review page downloads.
/// </summary>
[Cmdlet(VerbsCommon.New, "NzqaApproval", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class NewNzqaApprovalCommand : NzqaCmdlet
{
    private readonly List<RecordDiff> _diffs = new List<RecordDiff>();
    private readonly List<DxpRecordDiff> _dxpDiffs = new List<DxpRecordDiff>();

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; }

    /// <summary>Diffs from Compare-Nzqa* or Compare-DxpRecord.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; }

    /// <summary>Who approves: the Principal's Nominee's name.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string SignedBy { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var item in PipelineInput.BaseObjects(InputObject)) Add(item);
    }

    private void Add(object input)
    {
        switch (input)
        {
            case null:
                return;
            case RecordDiff diff:
                Approve(_diffs, diff, ApprovalFingerprint.Of(diff) != null, $"{diff.Kind} {diff.Key}: {diff.Status}");
                return;
            case DxpRecordDiff dxp:
                Approve(_dxpDiffs, dxp, ApprovalFingerprint.DxpActionOf(dxp) != null, $"{dxp.Kind} {dxp.LocalId}: {dxp.Status}");
                return;
            default:
                var message = $"New-NzqaApproval takes the diffs Compare-NzqaEnrolment, Compare-NzqaLearner, Compare-NzqaStandard or Compare-DxpRecord write, but a {input.GetType().Name} was piped in. No approval file was written.";
                ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), ErrorIds.NzqaWrongInputKind, ErrorCategory.InvalidArgument, input)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Compare first, then pipe the diffs to approve into New-NzqaApproval." },
                });
                return;
        }
    }

    /// <summary>A diff is approved only when a sync would send something for it.</summary>
    private void Approve<TDiff>(List<TDiff> approved, TDiff diff, bool wouldSend, string what)
    {
        if (wouldSend) approved.Add(diff);
        else WriteVerbose($"{what}, nothing would be sent; not in the approval.");
    }

    protected override void EndProcessing()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (File.Exists(full) && !Force)
        {
            var message = $"The approval file '{full}' already exists; it was left as it was.";
            ThrowTerminatingError(new ErrorRecord(new IOException(message), ErrorIds.NzqaApprovalFileExists, ErrorCategory.ResourceExists, full)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Give another -Path, or add -Force to replace it." },
            });
            return;
        }
        var approval = ApprovalFile.FromDiffs(_diffs, SignedBy, DateTimeOffset.Now, "New-NzqaApproval");
        foreach (var dxp in _dxpDiffs) approval.Add(dxp);
        if (!ShouldProcess(full, $"Write an approval by {SignedBy} of {approval.Approved.Count} changes")) return;
        // NSNs, names and values: the user's own file (0600 on Unix), never written through a link.
        WriteOwnerOnlyFile(full, new UTF8Encoding(false).GetBytes(approval.ToJson()), Force, "approval file",
            ErrorIds.NzqaApprovalFileUnsafePath, ErrorIds.NzqaApprovalFileUnwritable);
        WriteVerbose($"Wrote {full}: {approval.Approved.Count} changes approved by {SignedBy}.");
        WriteObject(new FileInfo(full));
    }
}
