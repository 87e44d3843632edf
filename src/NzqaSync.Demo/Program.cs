using System.Collections;
using System.Net.Http;
using NzqaSync.Sandbox;

namespace NzqaSync.Demo;

/// <summary>
/// The README's main job: starts the sandbox in this process, writes the demo school's SMS export, and runs
/// samples/daily-sync.ps1 through the real module in a hosted PowerShell engine, printing what a person would see.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--script") return RunScript(args);
        var options = new SandboxOptions { Students = 300 };
        var tertiary = false;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--students" when i + 1 < args.Length: options.Students = int.Parse(args[++i]); break;
                case "--seed" when i + 1 < args.Length: options.Seed = int.Parse(args[++i]); break;
                case "--tertiary": tertiary = true; break;
                case "--keep": keep = true; break;
            }
        }

        await using var sandbox = await SandboxHost.StartAsync(options);
        var info = sandbox.Info;
        var school = info.Providers[0];
        Console.WriteLine($"Sandbox (emulated ESL + NZQA + DXP) on {sandbox.Origin}; {options.Students} students, seed {options.Seed}.");
        Console.WriteLine($"School: {school.Name} (provider {school.ProviderNumber}), machine account '{school.MachineAccount}'.");

        var work = Directory.CreateTempSubdirectory("nzqasync-demo-").FullName;
        try
        {
            return await RunDemo(sandbox, info, school, work, tertiary, keep);
        }
        finally
        {
            // The export and the journal are the demo's own: nothing is left behind unless --keep asked for it.
            if (!keep)
            {
                try { Directory.Delete(work, recursive: true); }
                catch (IOException ex) { Console.WriteLine($"Could not remove {work}: {ex.Message}"); }
                catch (UnauthorizedAccessException ex) { Console.WriteLine($"Could not remove {work}: {ex.Message}"); }
            }
        }
    }

    private static async Task<int> RunDemo(SandboxHost sandbox, SandboxInfo info, SandboxProvider school, string work, bool tertiary, bool keep)
    {
        using (var http = new HttpClient { BaseAddress = sandbox.Origin })
        {
            foreach (var file in new[] { "learners.csv", "enrolments.csv", "standards.csv" })
                await File.WriteAllBytesAsync(Path.Combine(work, file), await http.GetByteArrayAsync($"sandbox/sms-export/{school.ProviderNumber}/{file}"));
        }
        Console.WriteLine($"SMS export written to {work}; journal in {Path.Combine(work, "journal")}" +
                          (keep ? " (kept after the demo)." : " (removed after the demo; --keep keeps it)."));
        Console.WriteLine();

        using var session = new ModuleSession(Console.Out);
        using var run = RunSample(session, "daily-sync.ps1", "-BaseUri $nzqa -ProviderNumber $provider -Credential $cred -SmsExportFolder $export -JournalPath $journal", new Hashtable
        {
            ["nzqa"] = info.NzqaBaseUri,
            ["provider"] = school.ProviderNumber,
            ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password),
            ["export"] = work,
            ["journal"] = Path.Combine(work, "journal"),
        }, "workflow");
        if (run == null) return 2;
        Console.WriteLine();
        Console.WriteLine($"Done. {run.Errors.Count} record(s) reported errors above (the demo data includes records that cannot be sent).");
        return tertiary ? RunTertiary(session, info, work) : 0;
    }

    /// <summary>
    /// --tertiary: the tertiary provider's whole SDR round after the school's sync. Writes its SMS export (the five files:
    /// learners, the course register, a few hundred course enrolments, course and qualification completions, with a
    /// handful of records that cannot be sent, two of them across the files) and runs samples/tertiary-sync.ps1 against
    /// the sandbox's TEC DXP with the provider's machine account; returns the script's exit code (1: some records were
    /// refused, as the demo export intends).
    /// </summary>
    private static int RunTertiary(ModuleSession session, SandboxInfo info, string work)
    {
        var teo = info.Providers.Single(p => p.ProviderNumber == TertiaryExport.Edumis);
        var folder = Path.Combine(work, "sdr");
        var export = TertiaryExport.Write(folder);
        Console.WriteLine();
        Console.WriteLine(new string('=', 100));
        Console.WriteLine($"Tertiary provider: {teo.Name} (EDUMIS {teo.ProviderNumber}), machine account '{teo.MachineAccount}'.");
        Console.WriteLine($"SDR export written to {folder}: {export.Learners} learners, {export.Courses} courses, {export.CourseEnrolments} course enrolments, " +
                          $"{export.CourseCompletions} course completions, {export.QualificationCompletions} qualification completions.");
        Console.WriteLine();

        using var run = RunSample(session, "tertiary-sync.ps1", "-BaseUri $dxp -Edumis $edumis -Credential $cred -ExportFolder $export -JournalPath $journal", new Hashtable
        {
            ["dxp"] = info.DxpBaseUri,
            ["edumis"] = teo.ProviderNumber,
            ["cred"] = ModuleSession.Credential(teo.MachineAccount, teo.Password),
            ["export"] = folder,
            ["journal"] = Path.Combine(work, "journal"),
        }, "tertiary workflow");
        if (run == null) return 2;
        var exitCode = session.Runspace.SessionStateProxy.GetVariable("LASTEXITCODE") is int code ? code : 0;
        Console.WriteLine();
        var meaning = exitCode switch
        {
            0 => "every record that needed sending was stored and TEC's validation found no error",
            1 => "some records were not sent or not stored, or TEC's validation found errors (listed above; the demo export includes such records on purpose)",
            _ => "the round could not start (the reason is above)",
        };
        Console.WriteLine($"Done: tertiary-sync.ps1 exited {exitCode}: {meaning}.");
        return exitCode;
    }

    /// <summary>
    /// Runs a samples/ script in the session, its output on the console, and lists the errors it reported; null (after
    /// saying why) when the script stopped.
    /// </summary>
    private static ScriptRun RunSample(ModuleSession session, string sample, string parameters, Hashtable variables, string workflow)
    {
        variables["script"] = Path.Combine(ModuleSession.RepoRoot, "samples", sample);
        var run = session.Run("& $script " + parameters, variables, toHost: true);
        foreach (var error in run.Errors) Console.WriteLine($"error [{error.FullyQualifiedErrorId}]: {error}");
        if (run.Thrown == null) return run;
        Console.WriteLine($"The {workflow} stopped: {run.Thrown.Message}");
        run.Dispose();
        return null;
    }

    /// <summary>
    /// Runs a script file through the module in this process's engine (used by tests that need a second process,
    /// e.g. one killed mid-sync): <c>--script file.ps1 [--var name=value]... [--credential account password]</c>.
    /// </summary>
    private static int RunScript(string[] args)
    {
        // NZQASYNC_DEMO_PRELOAD: assemblies to load first, as another module loaded before NzqaSync would (tests of
        // dependency conflicts). Separated by the path separator.
        foreach (var path in (Environment.GetEnvironmentVariable("NZQASYNC_DEMO_PRELOAD") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            System.Reflection.Assembly.LoadFrom(path);
        var variables = new Hashtable();
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--var" && i + 1 < args.Length)
            {
                var pair = args[++i];
                var eq = pair.IndexOf('=');
                variables[pair.Substring(0, eq)] = pair.Substring(eq + 1);
            }
            else if (args[i] == "--credential" && i + 2 < args.Length)
            {
                variables["cred"] = ModuleSession.Credential(args[i + 1], args[i + 2]);
                i += 2;
            }
        }
        using var session = new ModuleSession(Console.Out);
        using var run = session.Run(File.ReadAllText(args[1]), variables, toHost: true);
        foreach (var error in run.Errors) Console.Error.WriteLine($"error [{error.FullyQualifiedErrorId}]: {error}");
        if (run.Thrown != null) Console.Error.WriteLine(run.Thrown.Message);
        return run.Thrown != null ? 2 : run.Errors.Count > 0 ? 1 : 0;
    }
}
