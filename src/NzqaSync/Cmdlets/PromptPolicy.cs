using System.Management.Automation;
using System.Management.Automation.Host;

namespace NzqaSync.Cmdlets;

/// <summary>The session's preferences a cmdlet acts on: whether a confirmation prompt would be shown, whether a person is there to answer it, whether debug output is wanted.</summary>
internal static class PromptPolicy
{
    /// <summary>Whether -Debug was given, or $DebugPreference asks for debug output.</summary>
    public static bool DebugWanted(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var bound)) return bound is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(bound);
        var pref = cmdlet.GetVariableValue("DebugPreference");
        return pref is ActionPreference p ? p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore
            : pref is string text && !string.Equals(text, "SilentlyContinue", StringComparison.OrdinalIgnoreCase) && !string.Equals(text, "Ignore", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when ShouldProcess would ask: $ConfirmPreference is High or lower (not None).</summary>
    public static bool WouldPrompt(PSCmdlet cmdlet)
    {
        var value = cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
        if (value is ConfirmImpact impact) return impact != ConfirmImpact.None;
        return !(value is string s && string.Equals(s, "None", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether a person can answer a prompt: the console host (unless started -NonInteractive or with its input
    /// redirected), VS Code and the ISE. Hosted engines, remoting servers and job hosts are not asked.
    /// </summary>
    public static bool InteractiveHost(PSHost host)
    {
        switch (host?.Name)
        {
            case "ConsoleHost":
                var args = Environment.GetCommandLineArgs();
                var nonInteractive = args.Any(a => a.Length > 4 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal) && a.ToLowerInvariant().StartsWith("-noni", StringComparison.Ordinal));
                bool redirected;
                try { redirected = Console.IsInputRedirected; } catch (Exception) { redirected = true; }
                return !nonInteractive && !redirected;
            case "Visual Studio Code Host":
            case "Windows PowerShell ISE Host":
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Asks (ShouldProcess, ShouldContinue); a host that cannot ask (pwsh -NonInteractive, a job, a hosted engine)
    /// gives false and the reason, for one clear error instead of the host's own failure.
    /// </summary>
    public static bool TryAsk(Func<bool> ask, out Exception cannotAsk)
    {
        cannotAsk = null;
        try { return ask(); }
        catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException || ex is NotImplementedException)
        {
            cannotAsk = ex;
            return false;
        }
    }
}
