using System.Management.Automation;
using System.Management.Automation.Host;

namespace NzqaSync.Cmdlets;

/// <summary>The session's preferences a cmdlet acts on: whether a confirmation prompt would be shown, whether a person is there to answer it, whether debug output is wanted.</summary>
internal static class PromptPolicy
{
    /// <summary>Whether -Debug was given, or $DebugPreference asks for debug output.</summary>
    public static bool DebugWanted(PSCmdlet cmdlet)
    {
        if (cmdlet.MyInvocation.BoundParameters.ContainsKey("Debug")) return DebugGiven(cmdlet);
        var pref = cmdlet.GetVariableValue("DebugPreference");
        return pref is ActionPreference p ? p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore
            : pref is string text && !string.Equals(text, "SilentlyContinue", StringComparison.OrdinalIgnoreCase) && !string.Equals(text, "Ignore", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// -Debug on a compiled cmdlet makes its verbose and warning preferences Inquire (in PowerShell 7.6 as in 5.1), and
    /// in 5.1 its debug preference too, so every verbose line, warning and debug line would ask "Continue with this
    /// operation?" and, where nobody can answer (pwsh -NonInteractive, stdin redirected), the cmdlet fails with the
    /// host's "Object reference not set to an instance of an object". We make -Debug mean what it means for a script
    /// function in PowerShell 7: debug lines shown, verbose lines shown (unless -Verbose:$false), warnings as
    /// -WarningAction or $WarningPreference says, nothing asked. Where nobody can answer, an Inquire from the session's
    /// preferences is Continue. The command runtime keeps these preferences in internal members (no public setter): a
    /// PowerShell where they are not found keeps its own behaviour. Called once, before the cmdlet writes anything.
    /// </summary>
    public static void AnswerInquire(PSCmdlet cmdlet)
    {
        var bound = cmdlet.MyInvocation.BoundParameters;
        var debugGiven = DebugGiven(cmdlet);
        var interactive = InteractiveHost(cmdlet.Host);
        if (!debugGiven && interactive) return; // an Inquire the user set in the session is theirs to keep
        var runtime = new RuntimePreferences(cmdlet.CommandRuntime);
        // Set even when it reads Continue: with -Debug a 5.1 runtime asks at each WriteDebug whatever it reports here.
        if (debugGiven || runtime.Get("DebugPreference") == ActionPreference.Inquire) runtime.Set("DebugPreference", ActionPreference.Continue);
        if (runtime.Get("VerbosePreference") == ActionPreference.Inquire) runtime.Set("Verbose", true);
        if (runtime.Get("WarningPreference") == ActionPreference.Inquire)
        {
            var wanted = bound.ContainsKey("WarningAction") ? ActionPreference.Inquire : Preference(cmdlet.GetVariableValue("WarningPreference"));
            if (wanted == ActionPreference.Inquire && !interactive) wanted = ActionPreference.Continue;
            if (wanted != ActionPreference.Inquire) runtime.Set("WarningPreference", wanted);
        }
    }

    /// <summary>-Debug given (and not -Debug:$false).</summary>
    private static bool DebugGiven(PSCmdlet cmdlet) =>
        cmdlet.MyInvocation.BoundParameters.TryGetValue("Debug", out var d) && (d is SwitchParameter sw ? sw.IsPresent : LanguagePrimitives.IsTrue(d));

    private static ActionPreference Preference(object value) =>
        value is ActionPreference p ? p : value != null && Enum.TryParse(value.ToString(), true, out ActionPreference parsed) ? parsed : ActionPreference.Continue;

    /// <summary>The command runtime's internal preference properties; a member this PowerShell lacks is left alone.</summary>
    private sealed class RuntimePreferences
    {
        private const System.Reflection.BindingFlags Members = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public;
        private readonly ICommandRuntime _runtime;

        public RuntimePreferences(ICommandRuntime runtime) => _runtime = runtime;

        public ActionPreference? Get(string name)
        {
            try { return _runtime?.GetType().GetProperty(name, Members)?.GetValue(_runtime) as ActionPreference?; }
            catch (Exception ex) when (ex is System.Reflection.TargetInvocationException || ex is System.Reflection.AmbiguousMatchException || ex is MethodAccessException) { return null; }
        }

        public void Set(string name, object value)
        {
            var property = _runtime?.GetType().GetProperty(name, Members);
            if (property == null || !property.CanWrite || !property.PropertyType.IsInstanceOfType(value)) return;
            try { property.SetValue(_runtime, value); }
            catch (Exception ex) when (ex is System.Reflection.TargetInvocationException || ex is ArgumentException || ex is MethodAccessException) { }
        }
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
