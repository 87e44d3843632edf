using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Sandbox.Nzqa;
using NzqaSync.Sources;
using NzqaSync.Sync;
using NzqaSync.Tests.Sandbox;

namespace NzqaSync.Tests.Corpus;

/// <summary>
/// The NZQA rules are written twice on purpose: the module's compare (reader + area checks) and the sandbox's NZQA store
/// (the oracle, which does not reference the module). One corpus of good and bad learner, enrolment and standard records
/// — RuleCorpusTests' spoiled SMS rows plus the cases below — goes through both: the module's verdict is Invalid or
/// not; the sandbox's is what NZQA answers to exactly what the module would send for the record (its planner's items,
/// after the learner and enrolment it needs exist). Same verdict for every record, or a listed difference with its reason.
/// </summary>
public class NzqaRuleAgreementTests
{
    private const int Provider = 257;

    /// <summary>
    /// Known, explained differences: the module refuses a value that cannot be put on the wire at all, so NZQA never
    /// sees it (what reaches NZQA is the field left out or the provider's own code). Keyed by the module's error id and field.
    /// </summary>
    private static readonly Dictionary<(string Id, string Field), string> KnownDifferences = new()
    {
        [("NzqaInvalidNumber", "ResultProviderCode")] = "text in the result provider column (\"Te Kura\") cannot be an int on the wire; the module refuses it, the planner would send the school's own code.",
        [("NzqaInvalidNumber", "StandardVersion")] = "text in the version column (\"v2\") cannot be an int on the wire; the module refuses it, the planner would send the catalogue's version.",
        [("NzqaInvalidStatus", "Withdrawn")] = "\"maybe\" in a withdrawn column is not a yes/no; the module refuses it rather than guess whether to withdraw.",
        [("NzqaInvalidStatus", "Status")] = "an entry status the module does not know (\"Deleted\") is refused before anything is planned.",
    };

    /// <summary>Known differences about records the module accepts: case name → why.</summary>
    private static readonly Dictionary<string, string> KnownAccepted = new()
    {
        ["result by an unknown provider"] = "the module knows no list of NZQA's providers (only that a provider number has 1 to 5 digits); NZQA refuses an unknown one (PROVIDER_CODE_INVALID) and Sync-NzqaStandard reports that refusal for the record.",
    };

    public static IEnumerable<(string Name, string Kind, Hashtable Row)> Corpus()
    {
        yield return ("good learner", "Learner", RuleCorpusTests.Learner());
        yield return ("good enrolment", "Enrolment", RuleCorpusTests.Enrolment());
        yield return ("good internal entry with a result", "Standard", RuleCorpusTests.Standard());
        var i = 0;
        foreach (var c in RuleCorpusTests.Cases())
            yield return ($"#{i++} {c[0]} {c[2]} {c[3]}", (string)c[0], (Hashtable)c[1]);

        Hashtable L(params object[] changes) => RuleCorpusTests.With(RuleCorpusTests.Learner(), changes);
        Hashtable E(params object[] changes) => RuleCorpusTests.With(RuleCorpusTests.Enrolment(), changes);
        Hashtable S(params object[] changes) => RuleCorpusTests.With(RuleCorpusTests.Standard(), changes);
        yield return ("born 1 January 1900", "Learner", L("DOB", "1900-01-01"));
        yield return ("gender U", "Learner", L("Gender", "U"));
        yield return ("three ethnicities", "Learner", L("Ethnicity", new[] { "111", "211", "311" }));
        yield return ("a middle name of 51", "Learner", L("Middle Name", new string('m', 51)));
        yield return ("a first name of 50", "Learner", L("First Name", new string('f', 50)));
        yield return ("year level 1", "Enrolment", E("Year Level", "1"));
        yield return ("year level 15", "Enrolment", E("Year Level", "15"));
        yield return ("leaving with a reason", "Enrolment", E("Leaving Date", "2026-04-01", "Leaving Reason", "TRANSFER"));
        yield return ("leaving on the enrolment day", "Enrolment", E("Leaving Date", "2026-02-02", "Leaving Reason", "OTHER"));
        yield return ("external entry, digital", "Standard", S("Standard", "91946", "Grade", null, "Entry Method", "Digital"));
        yield return ("external entry, paper, no result", "Standard", S("Standard", "91027", "Grade", null, "Entry Method", "paper"));
        yield return ("external entry, blank method", "Standard", S("Standard", "91946", "Grade", null, "Entry Method", ""));
        yield return ("internal entry with an entry method", "Standard", S("Entry Method", "Paper"));
        yield return ("unit standard, Achieved", "Standard", S("Standard", "26622", "Grade", "A"));
        yield return ("unit standard Achieved-only, Merit", "Standard", S("Standard", "6401", "Grade", "M"));
        yield return ("unit standard with Merit allowed, Excellence", "Standard", S("Standard", "32403", "Grade", "E"));
        yield return ("standard not assessed", "Standard", S("Grade", "SNA"));
        yield return ("a version NZQA does not have", "Standard", S("Version", "9"));
        yield return ("result by Te Kura (498)", "Standard", S("Result Provider", "498"));
        yield return ("result by an unknown provider", "Standard", S("Result Provider", "99999"));
        yield return ("scholarship entry", "Standard", S("Standard", "93201", "Grade", null, "Entry Method", "Paper"));
    }

    /// <summary>The module's catalogue is what NZQA publishes: here, the sandbox's.</summary>
    private static readonly Dictionary<string, StandardDefinition> Catalogue = StandardsCatalogue.All.ToDictionary(s => s.Number,
        s => new StandardDefinition { Number = s.Number, Version = s.Version, Type = s.Type, Assessment = s.Assessment, AllowsMerit = s.AllowsMerit });

    private static readonly HashSet<string> ActiveNsns = new() { "123456789", "123456780" };

    /// <summary>The module's verdict and, when planned as new, the operations it would send.</summary>
    private static (RecordDiff Diff, IReadOnlyList<SyncOperation> Ops) Module(string kind, Hashtable row)
    {
        switch (kind)
        {
            case "Learner":
            {
                var d = RecordComparer.Compare(LearnerArea.Instance, new[] { new LocalRecordReader<LearnerRecord>(LearnerBindings.All).Read(row) }, Array.Empty<LearnerRecord>()).Single();
                var status = d.Status;
                d.Status = DiffStatus.New;
                var ops = LearnerSyncPlanner.Plan(d, Provider).Operations;
                d.Status = status;
                return (d, ops);
            }
            case "Enrolment":
            {
                var d = RecordComparer.Compare(EnrolmentArea.Instance, new[] { new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All).Read(row) }, Array.Empty<EnrolmentRecord>()).Single();
                var status = d.Status;
                d.Status = DiffStatus.New;
                var ops = EnrolmentSyncPlanner.Plan(d, Provider).Operations;
                d.Status = status;
                return (d, ops);
            }
            default:
            {
                var area = new StandardArea(Provider, Catalogue, ActiveNsns);
                var d = RecordComparer.Compare(area, new[] { new LocalRecordReader<StandardRecord>(StandardBindings.All).Read(row) }, Array.Empty<StandardRecord>()).Single();
                var status = d.Status;
                d.Status = DiffStatus.New;
                // The planner needs a standard number; without one the item goes as NZQA would get it: the number missing.
                var ops = d.Local?.StandardNumber == null
                    ? new[] { new SyncOperation(SyncAction.Create, NzqaSync.Api.NzqaWrite.CreateEntry, Provider, new JObject
                        { ["nsn"] = NationalStudentNumber.Normalise(d.Local?.Nsn), ["standardVersion"] = d.Local?.StandardVersion, ["academicYear"] = d.Local?.AcademicYear }) }
                    : StandardSyncPlanner.Plan(d, Provider).Operations;
                d.Status = status;
                return (d, ops);
            }
        }
    }

    private static bool ValidNsn(string nsn) => nsn != null && nsn.Length is > 0 and <= 10 && nsn.All(char.IsAsciiDigit);

    private sealed class Oracle
    {
        private readonly SandboxTestClient _c;
        private readonly string _token;
        private long _next = 9_900_000_000;

        public Oracle(SandboxTestClient c, string token) { _c = c; _token = token; }

        public async Task<(bool Ok, string Codes)> SendAsync(string route, HttpMethod method, JObject item)
        {
            using var res = await _c.SendAsync(method, "nzqa/v1/" + route, _token, Provider.ToString(), new JObject { ["items"] = new JArray(item) }.ToString());
            var body = await SandboxTestClient.ReadJsonAsync(res);
            if (!res.IsSuccessStatusCode) return (false, $"HTTP {(int)res.StatusCode} {body}");
            var result = body.GetProperty("results")[0];
            return (SandboxTestClient.Outcome(result) != "Failed", string.Join(",", SandboxTestClient.Codes(result)));
        }

        /// <summary>What NZQA answers to the module's operations for one record, on a fresh NSN (so cases do not meet).</summary>
        public async Task<(bool Refused, string Why)> VerdictAsync(string kind, Hashtable row, IReadOnlyList<SyncOperation> ops)
        {
            var original = ops.Select(o => (string)o.Item["nsn"]).FirstOrDefault();
            var nsn = ValidNsn(original) ? (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture) : original;
            if (kind != "Learner" && ValidNsn(original))
            {
                var learner = new JObject { ["nsn"] = nsn, ["firstName"] = "Aroha", ["lastName"] = "Ngata", ["dateOfBirth"] = "2010-03-05", ["gender"] = "F", ["ethnicities"] = new JArray("211") };
                var made = await SendAsync(NzqaSync.Api.NzqaRoutes.Learners(Provider), HttpMethod.Post, learner);
                Assert.True(made.Ok, made.Codes);
                if (kind == "Standard" && ActiveNsns.Contains(NationalStudentNumber.Normalise(original)))
                {
                    var enrolled = await SendAsync(NzqaSync.Api.NzqaRoutes.Enrolments(Provider), HttpMethod.Post,
                        new JObject { ["nsn"] = nsn, ["enrolmentDate"] = "2026-02-02", ["yearLevel"] = 11 });
                    Assert.True(enrolled.Ok, enrolled.Codes);
                }
            }
            if (ops.Count == 0) return (false, "nothing planned");
            foreach (var op in ops)
            {
                var item = (JObject)op.Item.DeepClone();
                item["nsn"] = nsn;
                var (ok, codes) = await SendAsync(op.Route, NzqaSync.Api.NzqaWrites.Method(op.Write), item);
                if (!ok) return (true, codes);
            }
            return (false, "");
        }
    }

    [Fact]
    public async Task The_module_and_the_sandbox_give_every_nzqa_record_of_the_corpus_the_same_verdict()
    {
        await using var c = await SandboxTestClient.StartAsync();
        var oracle = new Oracle(c, await c.TokenAsync(Provider));
        var disagreements = new List<string>();
        var explained = new List<string>();
        var corpus = Corpus().ToList();
        var refusedByBoth = 0;
        foreach (var (name, kind, row) in corpus)
        {
            var (diff, ops) = Module(kind, row);
            var moduleRefuses = diff.Status == DiffStatus.Invalid;
            var (sandboxRefuses, why) = await oracle.VerdictAsync(kind, row, ops);
            if (moduleRefuses == sandboxRefuses)
            {
                if (moduleRefuses) refusedByBoth++;
                continue;
            }
            var first = diff.Problems.FirstOrDefault();
            if (first != null && KnownDifferences.ContainsKey((first.ErrorId, first.Field)) || KnownAccepted.ContainsKey(name)) { explained.Add(name); continue; }
            disagreements.Add($"{name}: module {(moduleRefuses ? "refuses (" + string.Join("; ", diff.Problems.Select(p => p.ErrorId + " " + p.Field)) + ")" : "accepts")}, " +
                $"sandbox {(sandboxRefuses ? "refuses (" + why + ")" : "accepts")}");
        }
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        Assert.True(corpus.Count > 120, $"a corpus of {corpus.Count} records");
        Assert.True(refusedByBoth > 80, $"{refusedByBoth} records refused by both");
        // Every listed difference is still needed: a fixed one must come off the list.
        Assert.True(explained.Count >= KnownDifferences.Count + KnownAccepted.Count, "explained: " + string.Join(", ", explained));
    }
}
