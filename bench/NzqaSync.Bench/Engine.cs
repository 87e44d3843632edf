using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Security;

namespace NzqaSync.Bench;

/// <summary>A hosted PowerShell engine (the 48 Core cmdlets) with the assembled module imported from out/NzqaSync.</summary>
public sealed class Engine : IDisposable
{
    private readonly Runspace _runspace;

    public Engine(bool import = true)
    {
        var sw = Stopwatch.StartNew();
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        OpenTime = sw.Elapsed;
        if (import) ImportTime = Import();
    }

    public TimeSpan OpenTime { get; }
    public TimeSpan ImportTime { get; private set; }

    public static string RepoRoot =>
        typeof(Engine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value;

    public static string ModulePath => Path.Combine(RepoRoot, "out", "NzqaSync", "NzqaSync.psd1");

    public TimeSpan Import()
    {
        var sw = Stopwatch.StartNew();
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddCommand("Import-Module").AddParameter("Name", ModulePath).AddParameter("ErrorAction", "Stop").Invoke();
        return sw.Elapsed;
    }

    public void Set(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script and returns its output and the wall time of Invoke() alone.</summary>
    public (Collection<PSObject> Output, TimeSpan Elapsed) Run(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var sw = Stopwatch.StartNew();
        var output = ps.Invoke();
        sw.Stop();
        if (ps.InvocationStateInfo.Reason != null) throw ps.InvocationStateInfo.Reason;
        return (output, sw.Elapsed);
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

/// <summary>Process memory as Linux reports it: resident set now and its peak (VmHWM), which can be reset.</summary>
public static class Memory
{
    public static long RssBytes => Read("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64;
    public static long PeakRssBytes => Read("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>Resets VmHWM to the current RSS (Linux: write 5 to /proc/self/clear_refs). False where unsupported.</summary>
    public static bool ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return true; }
        catch (Exception) { return false; }
    }

    private static long? Read(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith(key, StringComparison.Ordinal))
                    return long.Parse(line.Substring(key.Length).Trim().Split(' ')[0]) * 1024;
        }
        catch (Exception) { }
        return null;
    }

    public static double Mb(long bytes) => bytes / 1024.0 / 1024.0;
}
