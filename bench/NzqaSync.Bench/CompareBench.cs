using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NzqaSync.Sandbox;

namespace NzqaSync.Bench;

/// <summary>Part (1): compare at each scale, each scenario in a fresh child process against one sandbox per scale.</summary>
public static class CompareBench
{
    public static readonly string[] Scenarios =
        { "floor-ps", "baseline-ps", "module-ps", "floor-typed", "baseline-typed", "module-typed", "module-csv", "fetch", "module-fetch" };

    public static async Task RunAsync(int[] scales, string[] kinds = null, string[] scenarios = null)
    {
        kinds ??= new[] { "Standard", "Enrolment" };
        scenarios ??= Scenarios;
        var all = new List<CompareMeasurement>();
        var work = Path.Combine(Path.GetTempPath(), "nzqasync-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            // Standards rows per seeded student, to seed just enough students for N standard rows.
            double perStudent;
            await using (var probe = await SandboxHost.StartAsync(new SandboxOptions { Students = 2000, Seed = 42, Today = Program.Today }))
                perStudent = probe.State.SmsExport(257).Standards.Count / 2000.0;

            foreach (var kind in kinds)
                foreach (var n in scales)
                {
                    var students = kind == "Standard" ? (int)Math.Ceiling(n / perStudent * 1.02) + 50 : n;
                    await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Students = students, Seed = 42, Today = Program.Today });
                    var area = kind == "Standard" ? "standards" : "enrolments";
                    var lines = sandbox.State.SmsExport(257).ToCsv(area).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
                    var csv = Path.Combine(work, $"{area}-{n}.csv");
                    var warm = Path.Combine(work, $"{area}-{n}-warm.csv");
                    File.WriteAllLines(csv, lines.Take(n + 1));
                    File.WriteAllLines(warm, lines.Take(Math.Min(n, CompareChild.WarmUp) + 1));
                    var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
                    foreach (var scenario in scenarios)
                    {
                        var m = Program.Child<CompareMeasurement>("--child", "compare", "--kind", kind, "--n", n.ToString(), "--scenario", scenario,
                            "--csv", csv, "--warmcsv", warm, "--nzqa", sandbox.Info.NzqaBaseUri, "--account", school.MachineAccount, "--password", school.Password,
                            "--journal", Path.Combine(work, "journal"), "--year", Program.Today.Year.ToString());
                        Console.Error.WriteLine($"  {kind} {n} {scenario}: {Program.S(m.Ms)} s, {m.OutputCount} out, peak {m.PeakDuringRunMb:0} MB");
                        all.Add(m);
                    }
                }
        }
        finally
        {
            try { Directory.Delete(work, true); } catch (IOException) { }
        }
        if (kinds.Length == 2 && scenarios.Length == Scenarios.Length) Print(all, scales);
    }

    private static void Print(List<CompareMeasurement> all, int[] scales)
    {
        CompareMeasurement M(string kind, int n, string s) => all.Single(m => m.Kind == kind && m.N == n && m.Scenario == s);
        Program.Line("## (1) Compare through the cmdlet in the hosted engine");
        Program.Line();
        Program.Line("Each cell is one timed `PowerShell.Invoke()` in a fresh child process, after a warm-up of the same script on " +
                     $"{CompareChild.WarmUp} records. Compare times use `-NzqaRecord` (NZQA's side already read); fetching is measured on its own below. " +
                     "Peak MB = the child's peak resident set (VmHWM, reset just before the timed run) — the whole process: engine, module, NZQA's side, " +
                     "the local input and the output. Output counts include NZQA-only rows.");
        Program.Line();
        foreach (var kind in new[] { "Standard", "Enrolment" })
        {
            foreach (var (input, suffix) in new[] { ("[pscustomobject] rows (as Import-Csv gives)", "ps"), ("typed records (as Import-NzqaRecord emits)", "typed") })
            {
                Program.Line($"### Compare-Nzqa{kind}, local {input}");
                Program.Line();
                Program.Table(new[] { "N", "floor s", "hand-written s", "Compare-Nzqa" + kind + " s", "µs/record", "vs hand-written", "vs floor", "peak MB module", "peak MB hand-written", "peak MB floor", "out" },
                    scales.Select(n =>
                    {
                        var f = M(kind, n, "floor-" + suffix); var b = M(kind, n, "baseline-" + suffix); var c = M(kind, n, "module-" + suffix);
                        return new[] { n.ToString("N0"), Program.S(f.Ms), Program.S(b.Ms), Program.S(c.Ms), Program.F(c.Ms * 1000 / n, "0.0"),
                            Program.X(b.Ms / c.Ms), Program.X(c.Ms / f.Ms), Program.F(c.PeakDuringRunMb), Program.F(b.PeakDuringRunMb), Program.F(f.PeakDuringRunMb), c.OutputCount.ToString("N0") };
                    }));
            }
            Program.Line($"### Compare-Nzqa{kind}: CSV file end to end, and reading NZQA's side");
            Program.Line();
            Program.Line($"`Import-NzqaRecord -Path x.csv -Kind {kind} | Compare-Nzqa{kind} -NzqaRecord $nzqa`. The hosted engine has no Import-Csv, so the " +
                         "hand-written script cannot run end to end here; its column is the hand-written compare with the rows already in memory (a lower bound " +
                         "on Import-Csv + script, so the ratio is a lower bound too). Fetch = `Get-Nzqa" + kind + "` paged from the sandbox (5,000 per page, no " +
                         "injected latency), cold = first call in the process, warm = second. Compare with fetch = `$typed | Compare-Nzqa" + kind + "` reading NZQA itself" +
                         (kind == "Standard" ? " (entries, catalogue and enrolments)." : "."));
            Program.Line();
            Program.Table(new[] { "N", "CSV end to end s", "µs/record", "hand-written (in memory) s", "vs hand-written", "peak MB", "NZQA records", "fetch cold s", "fetch warm s", "fetch records/s", "compare with fetch s", "peak MB with fetch" },
                scales.Select(n =>
                {
                    var e = M(kind, n, "module-csv"); var b = M(kind, n, "baseline-ps"); var f = M(kind, n, "fetch"); var cf = M(kind, n, "module-fetch");
                    return new[] { n.ToString("N0"), Program.S(e.Ms), Program.F(e.Ms * 1000 / n, "0.0"), Program.S(b.Ms), Program.X(b.Ms / e.Ms), Program.F(e.PeakDuringRunMb),
                        f.NzqaCount.ToString("N0"), Program.S(f.ColdFetchMs), Program.S(f.Ms), Program.F(f.NzqaCount / (f.Ms / 1000)), Program.S(cf.Ms), Program.F(cf.PeakDuringRunMb) };
                }));
        }
        var big = scales.Max();
        Program.Line($"### Compare targets at N = {big:N0}");
        Program.Line();
        var rows = new List<string[]>();
        foreach (var kind in new[] { "Standard", "Enrolment" })
        {
            var bp = M(kind, big, "baseline-ps"); var cp = M(kind, big, "module-ps"); var fp = M(kind, big, "floor-ps");
            var bt = M(kind, big, "baseline-typed"); var ct = M(kind, big, "module-typed"); var ft = M(kind, big, "floor-typed");
            var e = M(kind, big, "module-csv");
            rows.Add(new[] { kind, "≥ 5× hand-written ([pscustomobject])", Program.X(bp.Ms / cp.Ms), bp.Ms / cp.Ms >= 5 ? "met" : "MISSED" });
            rows.Add(new[] { kind, "≥ 8× hand-written (typed)", Program.X(bt.Ms / ct.Ms), bt.Ms / ct.Ms >= 8 ? "met" : "MISSED" });
            rows.Add(new[] { kind, "within 2× of the floor ([pscustomobject])", Program.X(cp.Ms / fp.Ms), cp.Ms / fp.Ms <= 2 ? "met" : "MISSED" });
            rows.Add(new[] { kind, "within 2× of the floor (typed)", Program.X(ct.Ms / ft.Ms), ct.Ms / ft.Ms <= 2 ? "met" : "MISSED" });
            var peak = new[] { cp.PeakDuringRunMb, ct.PeakDuringRunMb, e.PeakDuringRunMb }.Max();
            rows.Add(new[] { kind, "< 300 MB peak (worst of [pscustomobject], typed, CSV)", Program.F(peak) + " MB", peak < 300 ? "met" : "MISSED" });
        }
        Program.Table(new[] { "area", "target", "measured", "" }, rows);
    }
}
