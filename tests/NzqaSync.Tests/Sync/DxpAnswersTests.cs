using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NzqaSync.Api;
using NzqaSync.Cmdlets;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>What DXP's answers mean for a run (Sync/DxpAnswers), and the per-connection cache tab completion asks through.</summary>
public sealed class DxpAnswersTests
{
    private static ServiceException Cv1(params (string Key, string Message)[] errors) =>
        new ServiceException("DXP", HttpStatusCode.BadRequest, "CV1", "schema mismatch")
        {
            ProblemErrors = errors.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(e => e.Message).ToList()),
        };

    [Fact]
    public void CV1_names_the_records_by_their_index_in_the_batch_and_keeps_the_rest_general()
    {
        var (byIndex, general) = DxpAnswers.SchemaMismatches(Cv1(("content[2].courseCode", "too long"), ("content[0]", "not an object"), ("content[9].x", "beyond the batch"), ("submissionToken", "missing")), batchCount: 3);

        Assert.Equal(new[] { 0, 2 }, byIndex.Keys.OrderBy(k => k));
        Assert.Equal("CV1 courseCode: too long", byIndex[2].Single());
        Assert.Equal("CV1 content: not an object", byIndex[0].Single());
        Assert.Equal(new[] { "CV1 content[9].x: beyond the batch", "CV1 submissionToken: missing" }, general.OrderBy(g => g));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "SC2", true, true)]
    [InlineData(HttpStatusCode.BadRequest, "CV1", false, true)]
    [InlineData(HttpStatusCode.BadRequest, "GM1", false, true)]
    [InlineData(HttpStatusCode.BadRequest, "MP1", false, false)]
    [InlineData(HttpStatusCode.InternalServerError, "SC2", false, false)]
    public void A_token_DXP_no_longer_knows_is_renewed_and_only_a_400_about_the_batch_lets_later_batches_go(HttpStatusCode status, string code, bool tokenGone, bool batchSpecific)
    {
        var ex = new ServiceException("DXP", status, code, "x");
        Assert.Equal((tokenGone, batchSpecific), (DxpAnswers.IsSubmissionTokenGone(ex), DxpAnswers.IsBatchSpecific(ex)));
    }

    [Fact]
    public void The_cache_asks_once_while_fresh_and_again_after_a_failure()
    {
        var cache = new ConnectionCache<object, string[]>(TimeSpan.MaxValue);
        var connection = new object();
        var asked = 0;
        Assert.Null(cache.Get(connection, _ => { asked++; throw new InvalidOperationException("down"); }));
        Assert.Equal(new[] { "a" }, cache.Get(connection, _ => { asked++; return Task.FromResult(new[] { "a" }); }));
        Assert.Equal(new[] { "a" }, cache.Get(connection, _ => { asked++; return Task.FromResult(new[] { "b" }); }));
        Assert.Equal(2, asked);

        var stale = new ConnectionCache<object, string[]>(TimeSpan.FromTicks(-1)); // never fresh: asks every time
        stale.Get(connection, _ => Task.FromResult(new[] { "old" }));
        Assert.Equal(new[] { "new" }, stale.Get(connection, _ => Task.FromResult(new[] { "new" })));
    }
}
