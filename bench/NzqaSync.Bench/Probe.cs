using System;
using System.Collections;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace NzqaSync.Bench;

/// <summary>--child probe --csv x.csv: times the module's LocalRecordReader.Read on [pscustomobject] rows straight from C# (a profiling aid).</summary>
public static class Probe
{
    public static int Run(System.Collections.Generic.Dictionary<string, string> a)
    {
        if (!System.IO.File.Exists(a["csv"]))
        {
            var host = NzqaSync.Sandbox.SandboxHost.StartAsync(new NzqaSync.Sandbox.SandboxOptions { Students = 7000, Today = Program.Today }).GetAwaiter().GetResult();
            System.IO.File.WriteAllText(a["csv"], host.State.SmsExport(257).ToCsv("standards"));
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        using var engine = new Engine();
        var records = CompareChild.CsvObjects(a["csv"]);
        var asm = AppDomain.CurrentDomain.GetAssemblies().First(x => x.GetName().Name == "NzqaSync");
        var recordType = asm.GetType("NzqaSync.Domain.StandardRecord");
        var bindings = asm.GetType("NzqaSync.Sources.StandardBindings").GetProperty("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                       ?? asm.GetType("NzqaSync.Sources.StandardBindings").GetField("All").GetValue(null);
        var readerType = asm.GetType("NzqaSync.Sources.LocalRecordReader`1").MakeGenericType(recordType);
        var reader = Activator.CreateInstance(readerType, bindings, null);
        var read = readerType.GetMethod("Read");
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var r in records) read.Invoke(reader, new[] { r });
            Console.WriteLine($"Read x{records.Length}: {sw.Elapsed.TotalMilliseconds:0} ms = {sw.Elapsed.TotalMilliseconds * 1000 / records.Length:0.0} µs/record");
        }
        engine.Set("records", records);
        engine.Set("csv", a["csv"]);
        engine.Run("$typed = @(Import-NzqaRecord -Path $csv -Kind Standard -ErrorAction SilentlyContinue)");
        foreach (var script in new[] {
            "$out = $records | Compare-NzqaStandard -NzqaRecord @() -ErrorAction SilentlyContinue; $out.Count",
            "$out = $typed | Compare-NzqaStandard -NzqaRecord @() -ErrorAction SilentlyContinue; $out.Count",
            "$out = Compare-NzqaStandard -InputObject $records -NzqaRecord @() -ErrorAction SilentlyContinue; $out.Count",
            "$out = $records | ForEach-Object { $_ }; $out.Count",
            "$out = $typed | ForEach-Object { $_ }; $out.Count",
            "$out = @($records | Compare-NzqaStandard -NzqaRecord @() -ErrorAction SilentlyContinue | Where-Object Status -eq 'Invalid'); $out.Count" })
        {
            for (var i = 0; i < 4; i++)
            {
                var (o, t) = engine.Run(script);
                Console.WriteLine($"{t.TotalMilliseconds,7:0} ms  {o[^1]}  {script}");
            }
        }
        Console.WriteLine("RESULT {}");
        return 0;
    }
}
