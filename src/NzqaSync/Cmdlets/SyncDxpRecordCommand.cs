using System.Management.Automation;
using NzqaSync.Api;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Journal;
using NzqaSync.Sync;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Takes Compare-DxpRecord's diffs: New and Different are uploaded (the same localId replaces), DxpOnly is deleted by
/// localId, Match and Invalid are left alone. ShouldProcess per record (ConfirmImpact High: it deletes, so scripts pass
/// -Confirm:$false); -WhatIf sends nothing. Uploads go in batches of the token's maxRecordPerBatch, one request at a
/// time per EID and dataset, journalled; one DxpSyncResult per record out, and an error for each that is not synced.
/// </summary>
[Cmdlet(VerbsData.Sync, "DxpRecord", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(DxpSyncResult))]
public sealed class SyncDxpRecordCommand : DxpWriteCmdlet
{
    private readonly List<DxpRecordDiff> _uploads = new List<DxpRecordDiff>();
    private readonly List<DxpRecordDiff> _deletes = new List<DxpRecordDiff>();
    private DxpConnection _connection;

    /// <summary>Compare-DxpRecord's diffs. Typed object so that anything else piped in gets DxpWrongInputKind, not the engine's binding error.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public object InputObject { get; set; }

    /// <summary>Sync to this return instead of the one each diff was compared with.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(DxpReturnIdCompleter))]
    public string ReturnId { get; set; }

    /// <summary>The Principal's Nominee's approval file: only changes it lists, unchanged since, are sent.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ApprovalPath { get; set; }

    /// <summary>Send changes to the date of birth, names or NSN of learners DXP already holds.</summary>
    [Parameter]
    public SwitchParameter AllowIdentityChange { get; set; }

    private ApprovalFile _approval;
    private JournalApproval _journalApproval;

    protected override void Begin()
    {
        _connection = ResolveConnection();
        if (ApprovalPath == null) return;
        _approval = SyncInput.LoadApproval(this, ApprovalPath);
        _journalApproval = SyncInput.JournalApprovalOf(_approval);
    }

    /// <summary>Null when the change may go (no approval file, or approved as it stands); else it ends Skipped with the reason.</summary>
    private bool Approved(DxpRecordDiff diff, string returnId)
    {
        var refusal = _approval?.Refusal(diff, returnId);
        if (refusal == null) return true;
        WriteVerbose($"{diff.Kind} {diff.LocalId}: {refusal}");
        WriteObject(DxpSyncResult.For(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { refusal }));
        return false;
    }

    protected override void ProcessRecord()
    {
        var input = InputObject is PSObject pso ? pso.BaseObject : InputObject;
        if (input is System.Collections.IEnumerable many && !(input is string))
            foreach (var item in many) Process(item is PSObject p ? p.BaseObject : item);
        else Process(input);
    }

    private void Process(object input)
    {
        if (!(input is DxpRecordDiff diff))
        {
            ThrowTerminatingError(DxpSyncErrors.WrongInput(input));
            return;
        }
        var returnId = ReturnId ?? diff.ReturnId;
        var target = DxpRecordText.Target(diff, returnId);
        if (diff.ComparedForOtherConnection(_connection.Edumis, _connection.BaseUri) is string other)
        {
            WriteError(DxpSyncErrors.FromOtherProvider(other, diff));
            WriteObject(DxpSyncResult.For(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { other }));
            return;
        }
        switch (diff.Status)
        {
            case DxpDiffStatus.New:
            case DxpDiffStatus.Different:
                if (diff.Local == null) goto default;
                var action = diff.Status == DxpDiffStatus.New ? "Upload" : "Upload (" + string.Join(", ", diff.Differences.Select(d => d.Field)) + ")";
                if (diff.IdentityChange && !AllowIdentityChange) HoldIdentityChange(diff, returnId);
                else if (Approved(diff, returnId) && Confirmed(diff, returnId, target, action)) _uploads.Add(Retarget(diff, returnId));
                break;
            case DxpDiffStatus.DxpOnly:
                if (Approved(diff, returnId) && Confirmed(diff, returnId, target, "Delete (no longer in the local data)")) _deletes.Add(Retarget(diff, returnId));
                break;
            default:
                WriteVerbose($"{diff.Kind} {diff.LocalId}: {diff.Status}, nothing to send.");
                WriteObject(DxpSyncResult.For(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, diff.Problems.Select(p => p.Message).ToArray()));
                break;
        }
    }

    /// <summary>
    /// ShouldProcess, except that a session that cannot ask (pwsh -NonInteractive, a scheduled task, a hosted engine)
    /// gets one clear error and every record a Skipped result, instead of the host's own "cannot prompt" failure.
    /// </summary>
    private bool Confirmed(DxpRecordDiff diff, string returnId, string target, string action)
    {
        const string notAsked = "Not sent: this session cannot ask for confirmation (Sync-DxpRecord is ConfirmImpact High because it deletes); give -Confirm:$false.";
        if (!_cannotAsk)
        {
            var answer = PromptPolicy.TryAsk(() => ShouldProcess(target, action), out var cannotAsk);
            if (cannotAsk == null) return answer;
            _cannotAsk = true;
            WriteError(DxpSyncErrors.NotConfirmed(cannotAsk, diff));
        }
        WriteObject(DxpSyncResult.For(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { notAsked }));
        return false;
    }

    private bool _cannotAsk;

    private void HoldIdentityChange(DxpRecordDiff diff, string returnId)
    {
        var fields = string.Join(", ", diff.Differences.Where(d => DxpRecordDiff.IdentityFields.Contains(d.Field)).Select(d => d.ToString()));
        var why = $"Identity change not sent: {fields}. Check it is a correction of the SMS, not another person's record, then sync it with -AllowIdentityChange.";
        WriteWarning($"{diff.Kind} {diff.LocalId} (student {diff.StudentIdentificationCode}): {why}");
        WriteObject(DxpSyncResult.For(diff, returnId, null, DxpSyncAction.None, DxpSyncOutcome.Skipped, new[] { why }));
    }

    private static DxpRecordDiff Retarget(DxpRecordDiff diff, string returnId) { diff.ReturnId = returnId; return diff; }

    protected override void EndProcessing()
    {
        if (_uploads.Count == 0 && _deletes.Count == 0) return;
        var journal = new SyncJournal(_connection.JournalPath);
        var runId = SyncRun.NewRunId();
        var order = DxpDatasets.All.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        // Uploads in SDR order (learners and the register before what refers to them), then deletes in reverse.
        foreach (var group in _uploads.GroupBy(d => (d.ReturnId, d.Dataset)).OrderBy(g => order.TryGetValue(g.Key.Dataset, out var i) ? i : 99))
            UploadDiffs(_connection, journal, runId, group.Key.ReturnId, group.Key.Dataset, group.ToList(), _journalApproval);
        foreach (var group in _deletes.GroupBy(d => (d.ReturnId, d.Dataset)).OrderByDescending(g => order.TryGetValue(g.Key.Dataset, out var i) ? i : 99))
            DeleteDiffs(_connection, journal, runId, group.Key.ReturnId, group.Key.Dataset, group.ToList(), _journalApproval);
        ApplyRetention(journal, _connection.JournalRetentionDays);
    }

}
