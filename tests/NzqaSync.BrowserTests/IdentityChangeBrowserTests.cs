using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Playwright;
using NzqaSync.Demo;

namespace NzqaSync.BrowserTests;

/// <summary>
/// A learner identity change (legal name or date of birth of a learner NZQA holds) on the review page: the module
/// compares (Compare-NzqaLearner -NzqaRecord, so NZQA is not called) and writes the page; in Chromium the row is
/// marked, Tick all shown leaves it out, and ticked on its own it downloads the entry New-NzqaApproval
/// -AllowIdentityChange writes for the same diff.
/// </summary>
public class IdentityChangeBrowserTests
{
    [Fact]
    public async Task An_identity_change_is_marked_left_out_of_tick_all_and_approved_as_New_NzqaApproval_AllowIdentityChange_approves_it()
    {
        if (!File.Exists(ReportFixture.ChromiumPath))
            throw new InvalidOperationException($"Chromium was not found at {ReportFixture.ChromiumPath} (bash .ci/run installs it).");
        var folder = Directory.CreateTempSubdirectory("nzqasync-identity-").FullName;
        try
        {
            var report = Path.Combine(folder, "review.html");
            var module = Path.Combine(folder, "module-approval.json");
            using var session = new ModuleSession();
            // 100000001: the SMS has a new legal last name (identity). 100000002: only the gender differs (not identity).
            // 100000003: the same at both (Match).
            using var run = session.Run(@"
                $nzqa = @(
                    [NzqaSync.Domain.LearnerRecord]@{ Nsn = '100000001'; FirstName = 'Aroha'; LastName = 'Ngata'; DateOfBirth = [datetime]'2009-04-01'; Gender = 'F'; Ethnicities = @('111') }
                    [NzqaSync.Domain.LearnerRecord]@{ Nsn = '100000002'; FirstName = 'Tama'; LastName = 'Kereama'; DateOfBirth = [datetime]'2009-06-11'; Gender = 'F'; Ethnicities = @('111') }
                    [NzqaSync.Domain.LearnerRecord]@{ Nsn = '100000003'; FirstName = 'Mere'; LastName = 'Tūhoe'; DateOfBirth = [datetime]'2008-02-01'; Gender = 'F'; Ethnicities = @('111') }
                )
                $local = @(
                    [pscustomobject]@{ NSN = '100000001'; 'First Name' = 'Aroha'; Surname = 'Ngata-Smith'; 'Date of Birth' = '2009-04-01'; Gender = 'F'; Ethnicity = '111' }
                    [pscustomobject]@{ NSN = '100000002'; 'First Name' = 'Tama'; Surname = 'Kereama'; 'Date of Birth' = '2009-06-11'; Gender = 'M'; Ethnicity = '111' }
                    [pscustomobject]@{ NSN = '100000003'; 'First Name' = 'Mere'; Surname = 'Tūhoe'; 'Date of Birth' = '2008-02-01'; Gender = 'F'; Ethnicity = '111' }
                )
                $diff = @($local | Compare-NzqaLearner -NzqaRecord $nzqa)
                $diff | Export-NzqaReport -Path $report -Title 'Learners to review' | Out-Null
                $diff | New-NzqaApproval -Path $module -SignedBy 'Jane Smith' -AllowIdentityChange | Out-Null
                foreach ($d in $diff) { '{0}={1}:{2}' -f $d.Nsn, $d.Status, $d.IdentityChange }",
                new Hashtable { ["report"] = report, ["module"] = module });
            Assert.Null(run.Thrown);
            Assert.Equal(new[] { "100000001=Different:True", "100000002=Different:False", "100000003=Match:False" }, run.Objects<string>().OrderBy(s => s));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ReportFixture.ChromiumPath, Headless = true,
                Args = new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking" },
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
            var page = await context.NewPageAsync();
            await page.GotoAsync(new Uri(report).AbsoluteUri);

            // The reviewer sees which row is an identity change, and that the sync sends it only with -AllowIdentityChange.
            var identityRow = page.Locator("#records > tbody > tr", new PageLocatorOptions { HasText = "100000001" });
            Assert.True(await identityRow.Locator(".identity-badge").IsVisibleAsync());
            Assert.Equal("Identity change", (await identityRow.Locator(".identity-badge").InnerTextAsync()).Trim());
            Assert.Contains("-AllowIdentityChange", await identityRow.InnerTextAsync());
            var plainRow = page.Locator("#records > tbody > tr", new PageLocatorOptions { HasText = "100000002" });
            Assert.Equal(0, await plainRow.Locator(".identity-badge").CountAsync());
            Assert.Contains("1 identity change", await page.Locator("#identity-warning").InnerTextAsync());

            // Tick all shown ticks the ordinary change only; the identity change is ticked on its own.
            var identityBox = page.GetByLabel("Approve identity change of learner 100000001", new PageGetByLabelOptions { Exact = true });
            await page.Locator("#tick-shown").ClickAsync();
            Assert.True(await page.GetByLabel("Approve learner 100000002", new PageGetByLabelOptions { Exact = true }).IsCheckedAsync());
            Assert.False(await identityBox.IsCheckedAsync());
            Assert.StartsWith("1 of 2", await page.Locator("#ticked").InnerTextAsync());
            await identityBox.CheckAsync();
            Assert.StartsWith("2 of 2", await page.Locator("#ticked").InnerTextAsync());

            await page.Locator("#signer").FillAsync("Jane Smith");
            var saved = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-approval").ClickAsync());
            var pagePath = Path.Combine(folder, "approval.json");
            await saved.SaveAsAsync(pagePath);
            Assert.Contains("1 is an identity change", await page.Locator("#approval-status").InnerTextAsync());

            // The page's entries are New-NzqaApproval -AllowIdentityChange's, field for field (identityChange included).
            using var fromPage = JsonDocument.Parse(await File.ReadAllTextAsync(pagePath));
            using var fromModule = JsonDocument.Parse(await File.ReadAllTextAsync(module));
            string Entries(JsonDocument d) => string.Join("\n", d.RootElement.GetProperty("approved").EnumerateArray()
                .OrderBy(a => a.GetProperty("key").GetString(), StringComparer.Ordinal).Select(a => a.GetRawText().Replace(" ", "").Replace("\n", "").Replace("\r", "")));
            Assert.Equal(Entries(fromModule), Entries(fromPage));
            var identityEntry = fromPage.RootElement.GetProperty("approved").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "100000001");
            Assert.True(identityEntry.GetProperty("identityChange").GetBoolean());
            Assert.StartsWith("Identity change", identityEntry.GetProperty("summary").GetString());
            var plainEntry = fromPage.RootElement.GetProperty("approved").EnumerateArray().Single(a => a.GetProperty("key").GetString() == "100000002");
            Assert.False(plainEntry.TryGetProperty("identityChange", out _));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
