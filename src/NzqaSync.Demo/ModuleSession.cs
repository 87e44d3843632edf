using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Security;

namespace NzqaSync.Demo;

/// <summary>
/// A PowerShell engine in this process with the assembled NzqaSync module imported from out/NzqaSync, exactly as a
/// user's Import-Module would load it. Used by the demo and by the engine tests.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(TextWriter hostWriter = null, string modulePath = null)
    {
        ModulePath = modulePath ?? DefaultModulePath();
        // The samples say #Requires -Modules NzqaSync: the module's folder on PSModulePath (the README's development
        // route) lets the engine find it by name, as a user's shell does.
        AddToModulePath(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(ModulePath))));
        Host = new CapturingHost(hostWriter ?? TextWriter.Null);
        _runspace = RunspaceFactory.CreateRunspace(Host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", ModulePath).AddParameter("ErrorAction", "Stop").Invoke();
    }

    public CapturingHost Host { get; }
    public string ModulePath { get; }
    public Runspace Runspace => _runspace;

    public static string RepoRoot =>
        typeof(ModuleSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

    private static void AddToModulePath(string folder)
    {
        if (string.IsNullOrEmpty(folder)) return;
        var current = Environment.GetEnvironmentVariable("PSModulePath") ?? "";
        if (current.Split(Path.PathSeparator).Contains(folder, StringComparer.Ordinal)) return;
        Environment.SetEnvironmentVariable("PSModulePath", folder + Path.PathSeparator + current);
    }

    public static string DefaultModulePath() => Path.Combine(RepoRoot, "out", "NzqaSync", "NzqaSync.psd1");

    /// <summary>Runs <paramref name="script"/> with the given variables set; returns the output and the streams.</summary>
    public ScriptRun Run(string script, IDictionary variables = null, bool toHost = false)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables != null)
            foreach (DictionaryEntry v in variables)
                _runspace.SessionStateProxy.SetVariable((string)v.Key, v.Value);
        ps.AddScript(script);
        if (toHost) ps.AddCommand("Out-Default");
        Collection<PSObject> output;
        Exception thrown = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            output = new Collection<PSObject>();
            thrown = ex;
        }
        return new ScriptRun(ps, output, thrown);
    }

    public static PSCredential Credential(string account, string password)
    {
        var secure = new SecureString();
        foreach (var c in password) secure.AppendChar(c);
        secure.MakeReadOnly();
        return new PSCredential(account, secure);
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What a script run produced: output objects, the engine's streams and any terminating error.</summary>
public sealed class ScriptRun : IDisposable
{
    public ScriptRun(PowerShell ps, Collection<PSObject> output, Exception thrown)
    {
        PowerShell = ps;
        Output = output;
        Thrown = thrown;
    }

    public PowerShell PowerShell { get; }
    public Collection<PSObject> Output { get; }
    public Exception Thrown { get; }
    public PSDataCollection<ErrorRecord> Errors => PowerShell.Streams.Error;
    public PSDataCollection<VerboseRecord> Verbose => PowerShell.Streams.Verbose;
    public PSDataCollection<WarningRecord> Warnings => PowerShell.Streams.Warning;
    public PSDataCollection<ProgressRecord> Progress => PowerShell.Streams.Progress;
    public PSDataCollection<DebugRecord> Debug => PowerShell.Streams.Debug;
    public PSDataCollection<InformationRecord> Information => PowerShell.Streams.Information;

    public T[] Objects<T>() => Output.Select(o => o?.BaseObject).OfType<T>().ToArray();

    public void Dispose() => PowerShell.Dispose();
}
