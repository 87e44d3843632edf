using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using NzqaSync.Sandbox.Seeding;

namespace NzqaSync.Bench;

/// <summary>What one child process measured for one compare scenario.</summary>
public sealed record CompareMeasurement(
    string Kind, int N, string Scenario, double Ms, int OutputCount, double ColdFetchMs, int NzqaCount,
    double RssBeforeMb, double PeakDuringRunMb, double ProcessPeakMb, double HeapBeforeMb, double HeapAfterMb, bool PeakReset);

/// <summary>
/// One compare scenario in a fresh process, so its memory peak is its own: open an engine, import the module, read
/// NZQA's side (paged, from the sandbox the parent runs), build the local input, warm the scenario up on a small
/// slice, then time it once with the peak RSS reset just before.
/// </summary>
public static class CompareChild
{
    public const int WarmUp = 2000;

    public static int Run(Dictionary<string, string> a)
    {
        var kind = a["kind"];
        var n = int.Parse(a["n"]);
        var scenario = a["scenario"];
        var csv = a["csv"];
        using var engine = new Engine();
        engine.Set("nzqaUri", a["nzqa"]);
        engine.Set("cred", Engine.Credential(a["account"], a["password"]));
        engine.Set("journal", a["journal"]);
        engine.Set("year", int.Parse(a["year"]));
        engine.Run("$ProgressPreference = 'SilentlyContinue'; " + Scripts.Connect);

        var (fetched, coldFetch) = engine.Run(Scripts.Fetch(kind));
        var nzqaCount = (int)fetched[0].BaseObject;

        var typed = scenario.Contains("typed") || scenario == "module-fetch";
        object[] records = null, warm = null;
        if (scenario.EndsWith("-ps"))
        {
            records = CsvObjects(csv);
            warm = records.Take(WarmUp).ToArray();
        }
        else if (typed)
        {
            engine.Set("csv", csv);
            var imported = engine.Run($"@(Import-NzqaRecord -Path $csv -Kind {kind} -ErrorAction SilentlyContinue)").Output;
            records = imported.Select(o => (object)o).ToArray();
            warm = records.Take(WarmUp).ToArray();
        }

        string script = scenario switch
        {
            "floor-ps" or "floor-typed" => Scripts.Floor,
            "baseline-ps" => Scripts.Baseline(kind, typed: false),
            "baseline-typed" => Scripts.Baseline(kind, typed: true),
            "module-ps" or "module-typed" => Scripts.Module(kind),
            "module-csv" => Scripts.ModuleCsv(kind),
            "module-fetch" => Scripts.ModuleWithFetch(kind),
            "fetch" => Scripts.Fetch(kind),
            _ => throw new ArgumentException("unknown scenario " + scenario),
        };

        // Warm-up: the same script on a slice (JIT, the engine's script compilation, the module's plan caches).
        if (scenario == "module-csv") engine.Set("csv", a["warmcsv"]);
        else engine.Set("records", warm);
        for (var w = 0; w < 3; w++) engine.Run(script);
        engine.Run("$out = $null");

        if (scenario == "module-csv") engine.Set("csv", csv);
        else engine.Set("records", records);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var rssBefore = Memory.RssBytes;
        var reset = Memory.ResetPeak();
        // Median of three timed runs below 100,000 records (single runs there are too short to be steady); one run at 100,000.
        var reps = n >= 100_000 ? 1 : 3;
        var times = new List<double>();
        System.Collections.ObjectModel.Collection<PSObject> output = null;
        for (var i = 0; i < reps; i++)
        {
            if (i > 0) { engine.Run("$out = $null"); GC.Collect(); }
            var run = engine.Run(script);
            output = run.Output;
            times.Add(run.Elapsed.TotalMilliseconds);
        }
        var elapsedMs = times.OrderBy(t => t).ElementAt(times.Count / 2);
        var peak = Memory.PeakRssBytes;
        var heapAfter = GC.GetTotalMemory(false);
        var count = output.Count > 0 && output[^1]?.BaseObject is int c ? c : -1;

        var m = new CompareMeasurement(kind, n, scenario, elapsedMs, count, coldFetch.TotalMilliseconds, nzqaCount,
            Memory.Mb(rssBefore), Memory.Mb(peak), Memory.Mb(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64),
            Memory.Mb(heapBefore), Memory.Mb(heapAfter), reset);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(m));
        GC.KeepAlive(records);
        return 0;
    }

    /// <summary>The rows of a CSV file as Import-Csv gives them: PSCustomObjects with one string note property per column.</summary>
    public static object[] CsvObjects(string path)
    {
        var rows = Csv.Parse(File.ReadAllText(path));
        var headers = rows[0];
        var objects = new object[rows.Count - 1];
        for (var i = 1; i < rows.Count; i++)
        {
            var o = new PSObject();
            for (var h = 0; h < headers.Length; h++)
                o.Properties.Add(new PSNoteProperty(headers[h], h < rows[i].Length ? rows[i][h] : ""));
            objects[i - 1] = o;
        }
        return objects;
    }
}

/// <summary>Import-Module of the assembled module in a fresh process: engine open, import, memory the module holds.</summary>
public static class ImportChild
{
    public sealed record ImportMeasurement(double EngineOpenMs, double ImportMs, double HeapBeforeMb, double HeapAfterMb, double RssBeforeMb, double RssAfterMb, int AssembliesLoaded);

    public static int Run()
    {
        using var engine = new Engine(import: false);
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var rssBefore = Memory.RssBytes;
        var asmBefore = AppDomain.CurrentDomain.GetAssemblies().Length;
        var import = engine.Import();
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        var heapAfter = GC.GetTotalMemory(true);
        var rssAfter = Memory.RssBytes;
        var m = new ImportMeasurement(engine.OpenTime.TotalMilliseconds, import.TotalMilliseconds, Memory.Mb(heapBefore), Memory.Mb(heapAfter),
            Memory.Mb(rssBefore), Memory.Mb(rssAfter), AppDomain.CurrentDomain.GetAssemblies().Length - asmBefore);
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(m));
        return 0;
    }
}
