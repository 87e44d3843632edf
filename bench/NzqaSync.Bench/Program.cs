using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using NzqaSync.Sandbox;

namespace NzqaSync.Bench;

/// <summary>
/// dotnet run -c Release --project bench/NzqaSync.Bench [-- --scales 1000,10000,100000] [--only compare,nzqa,dxp,import]
/// Prints every figure as Markdown tables and writes them to bench/results/latest.md.
/// </summary>
public static class Program
{
    public static readonly DateOnly Today = new(2026, 5, 11);
    private static readonly StringBuilder Report = new();

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var a = ParseArgs(args);
        if (a.TryGetValue("child", out var child))
            return child switch
            {
                "compare" => CompareChild.Run(a),
                "import" => ImportChild.Run(),
                "probe" => Probe.Run(a),
                _ => 2,
            };

        var scales = (a.GetValueOrDefault("scales") ?? "1000,10000,100000").Split(',').Select(int.Parse).ToArray();
        var only = (a.GetValueOrDefault("only") ?? "import,compare,nzqa,dxp").Split(',').ToHashSet();
        var total = Stopwatch.StartNew();
        Line($"# NzqaSync benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        Line();
        Line($"Machine: {Environment.ProcessorCount} cores, {Machine.Cpu()}, {Machine.MemoryGb():0} GiB RAM; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; " +
             $".NET {Environment.Version}; System.Management.Automation {typeof(System.Management.Automation.PowerShell).Assembly.GetName().Version}; module {Engine.ModulePath}");
        Line();
        if (!File.Exists(Engine.ModulePath))
        {
            Console.Error.WriteLine($"The assembled module is missing at {Engine.ModulePath}: build first (dotnet build).");
            return 1;
        }

        if (only.Contains("import")) ImportBench.Run(5);
        if (only.Contains("compare")) await CompareBench.RunAsync(scales, a.GetValueOrDefault("kinds")?.Split(','), a.GetValueOrDefault("scenarios")?.Split(','));
        if (only.Contains("nzqa")) await PushBench.NzqaAsync(int.Parse(a.GetValueOrDefault("nzqa-n") ?? "10000"));
        if (only.Contains("dxp")) await PushBench.DxpAsync(int.Parse(a.GetValueOrDefault("dxp-n") ?? "100000"));

        Line($"Total bench wall time: {total.Elapsed.TotalMinutes:0.0} min.");
        var dir = Path.Combine(Engine.RepoRoot, "bench", "results");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "latest.md"), Report.ToString());
        Console.WriteLine($"(written to {Path.Combine(dir, "latest.md")})");
        return 0;
    }

    public static void Line(string text = "")
    {
        Console.WriteLine(text);
        Report.AppendLine(text);
    }

    public static void Table(string[] header, IEnumerable<string[]> rows)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(header.Select(_ => " --- |")));
        foreach (var r in rows) Line("| " + string.Join(" | ", r) + " |");
        Line();
    }

    public static string S(double ms) => (ms / 1000).ToString(ms < 10_000 ? "0.000" : "0.00", CultureInfo.InvariantCulture);
    public static string X(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "—" : ratio.ToString("0.0", CultureInfo.InvariantCulture) + "×";
    public static string F(double v, string format = "0") => v.ToString(format, CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ParseArgs(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--"))
                d[args[i].Substring(2)] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        return d;
    }

    /// <summary>Runs this program again as a child with the given arguments and returns its RESULT line.</summary>
    public static T Child<T>(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT "));
        if (p.ExitCode != 0 || line == null)
            throw new InvalidOperationException($"child {string.Join(' ', args)} failed ({p.ExitCode}): {stdout}\n{stderr.Result}");
        return JsonSerializer.Deserialize<T>(line.Substring(7))!;
    }
}

public static class Machine
{
    public static string Cpu()
    {
        try { return File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name")).Split(':')[1].Trim(); }
        catch (Exception) { return "unknown CPU"; }
    }

    public static double MemoryGb()
    {
        try { return long.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0 / 1024.0; }
        catch (Exception) { return 0; }
    }
}

public static class ImportBench
{
    public static void Run(int runs)
    {
        var ms = Enumerable.Range(0, runs).Select(_ => Program.Child<ImportChild.ImportMeasurement>("--child", "import")).ToList();
        Program.Line("## (4) Import-Module of the assembled module in a fresh engine");
        Program.Line();
        Program.Line($"{runs} fresh processes; each opens an engine (InitialSessionState.CreateDefault2), then times Import-Module of out/NzqaSync/NzqaSync.psd1. " +
                     "Memory held = managed heap after a full GC, after minus before the import; RSS the same for the whole process.");
        Program.Line();
        Program.Table(new[] { "run", "engine open s", "Import-Module s", "managed heap held MB", "RSS added MB", "assemblies loaded" },
            ms.Select((m, i) => new[] { (i + 1).ToString(), Program.S(m.EngineOpenMs), Program.S(m.ImportMs), Program.F(m.HeapAfterMb - m.HeapBeforeMb, "0.0"), Program.F(m.RssAfterMb - m.RssBeforeMb, "0.0"), m.AssembliesLoaded.ToString() }));
        var median = ms.Select(m => m.ImportMs).OrderBy(x => x).ElementAt(runs / 2);
        Program.Line($"**Import-Module median {Program.S(median)} s** (target < 0.5 s: {(median < 500 ? "met" : "MISSED")}); " +
                     $"module holds {Program.F(ms.Select(m => m.HeapAfterMb - m.HeapBeforeMb).OrderBy(x => x).ElementAt(runs / 2), "0.0")} MB managed heap, " +
                     $"{Program.F(ms.Select(m => m.RssAfterMb - m.RssBeforeMb).OrderBy(x => x).ElementAt(runs / 2), "0.0")} MB RSS (medians).");
        Program.Line();
    }
}
