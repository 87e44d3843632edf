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

    /// <summary>
    /// Approve identity changes (legal names, date of birth of a learner NZQA holds) as Sync-NzqaLearner
    /// -AllowIdentityChange would send them; each such entry says it is an identity change.
    /// </summary>
    [Parameter]
    public SwitchParameter AllowIdentityChange { get; set; }

    private int _piped;
    private int _identityLeftOut;

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
                _piped++;
                var planned = SyncPlanner.Plan(diff, diff.ComparedProvider ?? 0, AllowIdentityChange.IsPresent);
                if (ApprovalFingerprint.Of(planned) == null)
                {
                    if (diff is LearnerDiff learner && learner.IdentityChange && !AllowIdentityChange) _identityLeftOut++;
                    WriteVerbose($"{diff.Kind} {diff.Key}: {diff.Status}, nothing would be sent{(planned.SkipReason != null ? " (" + planned.SkipReason + ")" : "")}; not in the approval.");
                    return;
                }
                _diffs.Add(diff);
                return;
            case DxpRecordDiff dxp:
                _piped++;
                if (ApprovalFingerprint.DxpActionOf(dxp) == null)
                {
                    WriteVerbose($"{dxp.Kind} {dxp.LocalId}: {dxp.Status}, nothing would be sent; not in the approval.");
                    return;
                }
                _dxpDiffs.Add(dxp);
                return;
            default:
                var message = $"New-NzqaApproval takes the diffs Compare-NzqaEnrolment, Compare-NzqaLearner, Compare-NzqaStandard or Compare-DxpRecord write, but a {input.GetType().Name} was piped in. No approval file was written.";
                ThrowTerminatingError(AdvisedError.Of(new ArgumentException(message), ErrorIds.NzqaWrongInputKind, ErrorCategory.InvalidArgument, input,
                    "Compare first, then pipe the diffs to approve into New-NzqaApproval."));
                return;
        }
    }

    protected override void EndProcessing()
    {
        var full = GetUnresolvedProviderPathFromPSPath(Path);
        if (FolderNotFile.Check(full, Path, "-Path", "the approval file to write (approval.json)") is ErrorRecord folder) ThrowTerminatingError(folder);
        if (File.Exists(full) && !Force)
        {
            var message = $"The approval file '{full}' already exists; it was left as it was.";
            ThrowTerminatingError(AdvisedError.Of(new IOException(message), ErrorIds.NzqaApprovalFileExists, ErrorCategory.ResourceExists, full,
                "Give another -Path, or add -Force to replace it."));
            return;
        }
        var approval = ApprovalFile.FromDiffs(_diffs, SignedBy, DateTimeOffset.Now, "New-NzqaApproval", AllowIdentityChange.IsPresent);
        foreach (var dxp in _dxpDiffs) approval.Add(dxp);
        WarnLeftOut(approval.Approved.Count);
        if (!ShouldProcess(full, $"Write an approval by {SignedBy} of {approval.Approved.Count} changes")) return;
        // NSNs, names and values: the user's own file (0600 on Unix), never written through a link.
        WriteOwnerOnlyFile(full, new UTF8Encoding(false).GetBytes(approval.ToJson()), Force, "approval file",
            ErrorIds.NzqaApprovalFileUnsafePath, ErrorIds.NzqaApprovalFileUnwritable);
        WriteVerbose($"Wrote {full}: {approval.Approved.Count} changes approved by {SignedBy}.");
        WriteObject(new FileInfo(full));
    }

    /// <summary>Diffs piped in that did not go into the approval, when the signer would expect them to (a sync would skip them unapproved).</summary>
    private void WarnLeftOut(int approved)
    {
        var identity = _identityLeftOut == 0 ? null
            : $"{_identityLeftOut} {(_identityLeftOut == 1 ? "is an identity change" : "are identity changes")} (legal names or date of birth of a learner NZQA holds), " +
              "approved only with -AllowIdentityChange (and sent only with Sync-NzqaLearner -AllowIdentityChange)";
        if (approved == 0 && _piped > 0)
            WriteWarning($"{_piped} {(_piped == 1 ? "diff was" : "diffs were")} piped in but none went into the approval, so it approves nothing: " +
                         (identity ?? "none of them would send anything (Match, NzqaOnly or Invalid)") + ".");
        else if (identity != null)
            WriteWarning($"Not in the approval: {identity}.");
    }
}
