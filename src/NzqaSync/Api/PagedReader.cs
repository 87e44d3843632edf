namespace NzqaSync.Api;

/// <summary>
/// Reads a paged resource: page 1 first (it gives the total and the page size), then the other pages with up to
/// <c>concurrency</c> in flight, put back in page order. If the resource grew while it was read (the last page
/// came back full and the count is short), the pages after it are read one by one until an empty or short page,
/// as a plain loop would. Every paged read goes through here: NZQA's reads (4 pages at a time), DXP's returns and
/// validation results (one at a time, in order).
/// </summary>
public static class PagedReader
{
    /// <summary>The paging part of a query string: <c>page=N&amp;pageSize=M</c> (NZQA and DXP name them alike).</summary>
    public static string Query(int page, int pageSize) =>
        "page=" + page.ToString(CultureInfo.InvariantCulture) + "&pageSize=" + pageSize.ToString(CultureInfo.InvariantCulture);

    public static async Task<List<T>> ReadAllAsync<T>(Func<int, Task<PagedResult<T>>> readPage, int concurrency, Action<int, int> progress, CancellationToken ct)
    {
        var first = await readPage(1).ConfigureAwait(false);
        if (first?.Results == null) return new List<T>();
        var total = first.TotalCount;
        var size = first.Results.Count;
        progress?.Invoke(size, total);
        if (size == 0 || size >= total) return first.Results;

        var pageCount = (int)((total + (long)size - 1) / size);
        var pages = new List<T>[pageCount + 1];
        var totals = new int[pageCount + 1];
        pages[1] = first.Results;
        var read = size;
        using (var gate = new SemaphoreSlim(Math.Max(1, concurrency)))
        {
            var tasks = new List<Task>(pageCount);
            for (var p = 2; p <= pageCount; p++)
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                var page = p;
                tasks.Add(ReadOne(page));
                // Stop starting pages once one has failed; its exception surfaces from WhenAll.
                if (tasks.Exists(t => t.IsFaulted || t.IsCanceled)) break;
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);

            async Task ReadOne(int page)
            {
                try
                {
                    var result = await readPage(page).ConfigureAwait(false);
                    var rows = result?.Results ?? new List<T>();
                    pages[page] = rows;
                    totals[page] = result?.TotalCount ?? 0;
                    progress?.Invoke(Interlocked.Add(ref read, rows.Count), Math.Max(total, result?.TotalCount ?? 0));
                }
                finally { gate.Release(); }
            }
        }

        foreach (var t in totals) total = Math.Max(total, t);
        var all = new List<T>(Math.Max(total, 0));
        for (var p = 1; p <= pageCount; p++)
            if (pages[p] != null) all.AddRange(pages[p]);

        // Grown while reading: carry on after the last page, one at a time.
        var last = pages[pageCount];
        for (var page = pageCount + 1; last != null && last.Count >= size && all.Count < total; page++)
        {
            var result = await readPage(page).ConfigureAwait(false);
            last = result?.Results;
            if (last == null || last.Count == 0) break;
            all.AddRange(last);
            total = Math.Max(total, result.TotalCount);
            progress?.Invoke(all.Count, total);
        }
        return all;
    }
}
