using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Sandbox;

namespace NzqaSync.Tests.Api;

/// <summary>Pages read side by side come back complete and in NZQA's order, whatever order they arrive in.</summary>
public class PagedReaderTests
{
    private sealed class FakeResource
    {
        public List<int> Items;
        public int PageSize;
        public int InFlight, MaxInFlight, Calls;
        public Func<int, int> Delay = _ => 0;
        public Action<int> OnRead = _ => { };

        public FakeResource(int count, int pageSize) { Items = Enumerable.Range(0, count).ToList(); PageSize = pageSize; }

        public async Task<PagedResult<int>> Read(int page)
        {
            var now = Interlocked.Increment(ref InFlight);
            lock (this) { MaxInFlight = Math.Max(MaxInFlight, now); Calls++; }
            try
            {
                var d = Delay(page);
                if (d > 0) await Task.Delay(d); else await Task.Yield();
                OnRead(page);
                List<int> snapshot;
                lock (this) snapshot = Items.ToList();
                return new PagedResult<int> { Page = page, PageSize = PageSize, TotalCount = snapshot.Count, Results = snapshot.Skip((page - 1) * PageSize).Take(PageSize).ToList() };
            }
            finally { Interlocked.Decrement(ref InFlight); }
        }
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(7, 10)]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(95, 10)]
    [InlineData(100, 10)]
    public async Task Every_item_once_in_order(int count, int pageSize)
    {
        var r = new FakeResource(count, pageSize);
        var all = await PagedReader.ReadAllAsync(r.Read, 4, null, CancellationToken.None);
        Assert.Equal(r.Items, all);
        Assert.Equal(Math.Max(1, (count + pageSize - 1) / pageSize), r.Calls);
    }

    [Fact]
    public async Task Later_pages_arriving_first_are_still_put_in_page_order_and_at_most_four_are_in_flight()
    {
        var r = new FakeResource(2_000, 100) { Delay = page => page == 1 ? 0 : (25 - page) * 3 }; // later pages answer sooner
        var seen = new List<(int Read, int Total)>();
        var all = await PagedReader.ReadAllAsync(r.Read, 4, (read, total) => { lock (seen) seen.Add((read, total)); }, CancellationToken.None);
        Assert.Equal(r.Items, all);
        Assert.Equal(20, r.Calls);
        Assert.InRange(r.MaxInFlight, 2, 4);
        Assert.Equal((2_000, 2_000), seen.OrderBy(s => s.Read).Last());
    }

    [Fact]
    public async Task A_resource_that_grows_while_read_is_read_to_its_new_end()
    {
        var r = new FakeResource(250, 50);
        r.OnRead = page => { if (page == 3) lock (r) r.Items.AddRange(Enumerable.Range(1000, 120)); };
        var all = await PagedReader.ReadAllAsync(r.Read, 4, null, CancellationToken.None);
        Assert.Equal(r.Items, all);
    }

    [Fact]
    public async Task A_page_that_fails_fails_the_read()
    {
        var r = new FakeResource(1_000, 100);
        r.OnRead = page => { if (page == 4) throw new ServiceException("NZQA", System.Net.HttpStatusCode.BadGateway, null, "page 4 failed"); };
        var ex = await Assert.ThrowsAsync<ServiceException>(() => PagedReader.ReadAllAsync(r.Read, 4, null, CancellationToken.None));
        Assert.Contains("page 4", ex.Message);
    }

    [Fact]
    public async Task Standards_read_from_the_sandbox_are_NZQAs_own_list_in_its_order()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { Seed = 5, Students = 4_500, Today = new DateOnly(2026, 5, 11) });
        var school = sandbox.Info.Providers.Single(p => p.ProviderNumber == 257);
        using var connection = new NzqaConnection(new Uri(sandbox.Info.NzqaBaseUri), 257, new System.Net.NetworkCredential(school.MachineAccount, school.Password),
            new Uri(sandbox.Info.TokenUri), SandboxState.NzqaScope, null);
        var read = await connection.Client.GetStandardsAsync(2026, null, CancellationToken.None);
        var held = sandbox.State.Nzqa.Entries(257, 2026).ToList();
        Assert.True(held.Count > 2 * NzqaRoutes.PageSize, $"only {held.Count} entries: fewer than three pages");
        Assert.Equal(held.Select(e => e.Nsn + "/" + e.StandardNumber), read.Select(e => e.Nsn + "/" + e.StandardNumber));
    }
}
