using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NzqaSync.Demo;
using NzqaSync.Sandbox;

namespace NzqaSync.BrowserTests;

/// <summary>
/// The Principal's Nominee's sign-off end to end: the module compares the sandbox school's enrolments and writes the
/// review page; in Chromium (file://, no server) two records are ticked, a name typed and the approval file
/// downloaded; the same module session syncs every change with -ApprovalPath and only the ticked two are sent.
/// </summary>
public class ApprovalBrowserTests
{
    [Fact]
    public async Task Ticking_records_on_the_page_downloads_an_approval_file_the_sync_accepts_for_exactly_those()
    {
        if (!File.Exists(ReportFixture.ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {ReportFixture.ChromiumPath} (bash .ci/run installs it).");
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 11, Students = 60, Today = new DateOnly(2026, 5, 11) });
        var folder = Directory.CreateTempSubdirectory("nzqasync-approval-").FullName;
        try
        {
            var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
            var csv = Path.Combine(folder, "enrolments.csv");
            using (var http = new System.Net.Http.HttpClient { BaseAddress = sandbox.Origin })
                await File.WriteAllBytesAsync(csv, await http.GetByteArrayAsync("sandbox/sms-export/257/enrolments.csv"));
            var report = Path.Combine(folder, "review.html");

            using var session = new ModuleSession();
            using var compare = session.Run(@"
                Connect-Nzqa -BaseUri $nzqa -ProviderNumber 257 -Credential $cred -JournalPath $journal
                $diff = Import-NzqaRecord -Path $csv -Kind Enrolment -ErrorAction SilentlyContinue | Compare-NzqaEnrolment -ErrorAction SilentlyContinue
                $diff | Export-NzqaReport -Path $report | Out-Null
                $diff | Where-Object { $_.Status -eq 'Different' -and -not ($_.Differences.Field -match 'Leaving') } | ForEach-Object Key",
                new Hashtable
                {
                    ["nzqa"] = sandbox.Info.NzqaBaseUri, ["cred"] = ModuleSession.Credential(school.MachineAccount, school.Password),
                    ["journal"] = Path.Combine(folder, "journal"), ["csv"] = csv, ["report"] = report,
                });
            Assert.Null(compare.Thrown);
            var ticked = compare.Objects<string>().Take(2).ToArray();
            Assert.True(ticked.Length == 2, string.Join("\n", compare.Errors.Select(e => e.ToString()).Take(5)) + string.Join(",", compare.Output));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ReportFixture.ChromiumPath, Headless = true,
                Args = new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking" },
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
            var page = await context.NewPageAsync();
            var requests = new System.Collections.Generic.List<string>();
            page.Request += (_, r) => requests.Add(r.Url);
            await page.GotoAsync(new Uri(report).AbsoluteUri);

            var download = page.Locator("#download-approval");
            Assert.True(await download.IsDisabledAsync()); // nothing ticked, no name
            foreach (var key in ticked)
                await page.GetByLabel($"Approve enrolment {key}", new PageGetByLabelOptions { Exact = true }).CheckAsync();
            Assert.Equal("2 of", (await page.Locator("#ticked").InnerTextAsync()).Substring(0, 4));
            Assert.True(await download.IsDisabledAsync()); // still no name
            await page.Locator("#signer").FillAsync("Jane Smith");
            Assert.True(await download.IsEnabledAsync());

            var saved = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
            Assert.Equal("approval.json", saved.SuggestedFilename);
            var approvalPath = Path.Combine(folder, "approval.json");
            await saved.SaveAsAsync(approvalPath);
            Assert.Contains("Jane Smith", await page.Locator("#approval-status").InnerTextAsync());
            Assert.DoesNotContain(requests, u => u.StartsWith("http", StringComparison.OrdinalIgnoreCase)); // nothing left the machine

            using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(approvalPath)))
            {
                Assert.Equal("nzqasync-approval/1", json.RootElement.GetProperty("format").GetString());
                Assert.Equal("Jane Smith", json.RootElement.GetProperty("signedBy").GetString());
                Assert.Equal(ticked.OrderBy(k => k), json.RootElement.GetProperty("approved").EnumerateArray().Select(a => a.GetProperty("key").GetString()).OrderBy(k => k));
            }

            // The same sync, every change piped in: only the ticked two are sent.
            using var sync = session.Run(@"
                $diff | Where-Object Status -in 'New','Different','Leaver' | Sync-NzqaEnrolment -ApprovalPath $approval -ErrorAction SilentlyContinue",
                new Hashtable { ["approval"] = approvalPath });
            Assert.Null(sync.Thrown);
            var results = sync.Output.Select(o => (Key: (string)o.Properties["Key"].Value, Outcome: o.Properties["Outcome"].Value.ToString(),
                Errors: string.Join(" ", (System.Collections.Generic.IEnumerable<string>)o.Properties["Errors"].Value))).ToList();
            Assert.True(results.Count > 2);
            Assert.Equal(ticked.OrderBy(k => k), results.Where(r => r.Outcome == "Synced").Select(r => r.Key).OrderBy(k => k));
            Assert.All(results.Where(r => !ticked.Contains(r.Key)), r => Assert.Equal("Skipped", r.Outcome));
            Assert.All(results.Where(r => !ticked.Contains(r.Key)), r => Assert.StartsWith("Not approved", r.Errors));

            using var log = session.Run("Get-NzqaSyncLog -Outcome Synced | ForEach-Object { '{0}|{1}' -f $_.Key, $_.ApprovedBy }");
            Assert.Equal(ticked.Select(k => k + "|Jane Smith").OrderBy(k => k), log.Objects<string>().OrderBy(k => k));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
