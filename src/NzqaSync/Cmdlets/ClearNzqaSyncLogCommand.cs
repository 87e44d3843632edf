using System.Management.Automation;
using NzqaSync.Journal;

namespace NzqaSync.Cmdlets;

/// <summary>
/// Removes journal entries older than a date: the journal holds NSNs, keys and the services' messages (which can
/// name students), so a school keeps them no longer than it needs. ConfirmImpact High: an interactive console asks
/// first; -Force skips the question; a host that cannot ask removes nothing without -Force or -Confirm:$false.
/// </summary>
[Cmdlet(VerbsCommon.Clear, "NzqaSyncLog", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SyncLogEntry))]
public sealed class ClearNzqaSyncLogCommand : NzqaCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public DateTime Before { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var folder = Path != null ? GetUnresolvedProviderPathFromPSPath(Path)
            : SessionConnections.GetNzqa()?.JournalPath ?? SessionConnections.GetDxp<Api.DxpConnection>()?.JournalPath ?? JournalFolder.Default();
        var before = new DateTimeOffset(Before.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(Before, DateTimeKind.Local) : Before);
        JournalPrune plan;
        try
        {
            plan = JournalRetention.Plan(folder, before);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.NzqaSyncLogUnreadable, ErrorCategory.ReadError, folder));
            return;
        }
        WriteVerbose($"Journal {folder}: {plan.Describe()}.");
        if (plan.Entries.Count == 0 && plan.Runs.Count == 0) return;

        var target = $"Journal {folder}";
        var action = "Remove " + plan.Describe();
        var bound = MyInvocation.BoundParameters;
        var confirmAsked = bound.ContainsKey("Confirm") && ((SwitchParameter)bound["Confirm"]).IsPresent;
        var whatIf = bound.ContainsKey("WhatIf") && ((SwitchParameter)bound["WhatIf"]).IsPresent;
        bool proceed;
        if (whatIf || confirmAsked) proceed = ShouldProcess(target, action);
        else if (Force) proceed = true;
        else if (!WouldPrompt() || InteractiveHost()) proceed = ShouldProcess(target, action);
        else
        {
            var message = $"Clear-NzqaSyncLog would remove {plan.Describe()}; this host cannot ask for confirmation, so nothing was removed.";
            WriteError(AdvisedError.Of(new InvalidOperationException(message), ErrorIds.NzqaSyncLogClearNotConfirmed, ErrorCategory.OperationStopped, folder,
                "Add -Force to clear without asking (or -Confirm in an interactive session)."));
            return;
        }
        if (!proceed) return;

        try
        {
            JournalRetention.Apply(plan);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.NzqaSyncLogUnwritable, ErrorCategory.WriteError, folder));
            return;
        }
        WriteVerbose($"Removed {plan.Entries.Count} entries ({plan.LinesRemoved} lines) from {plan.FilesChanged.Count} journal files in {folder}.");
        if (PassThru) WriteObject(plan.Entries, true);
    }
}
