using System;
using System.Linq;
using System.Threading.Tasks;
using NzqaSync.Sandbox;

namespace NzqaSync.EngineTests;

/// <summary>
/// The emulator never holds what NZQA would refuse (issue 12, item 7): everything the sandbox holds for a school, read
/// back through the module in every area and compared with itself, is all Match — across seeds and sizes.
/// </summary>
public class SelfCompareTests
{
    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 300)]
    [InlineData(3, 300)]
    [InlineData(4, 300)]
    [InlineData(5, 300)]
    [InlineData(1, 5000)]
    [InlineData(2, 5000)]
    public async Task What_NZQA_holds_compares_match_with_itself_in_every_area(int seed, int students)
    {
        var fixture = await SandboxFixture.StartAsync(new SandboxOptions { Seed = seed, Students = students, Today = new DateOnly(2026, 5, 11) });
        try
        {
            using var test = new EngineTest(fixture);
            using var run = test.Run(EngineTest.Connect + @"
                Get-NzqaEnrolment | Compare-NzqaEnrolment
                Get-NzqaLearner | Compare-NzqaLearner
                Get-NzqaStandard | Compare-NzqaStandard");
            Assert.Null(run.Thrown);
            Assert.Empty(run.Errors);
            var kinds = run.Output.GroupBy(o => o.Properties["Kind"].Value.ToString()).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(new[] { "Enrolment", "Learner", "Standard" }, kinds.Keys.OrderBy(k => k));
            var notMatch = run.Output.Where(o => o.Properties["Status"].Value.ToString() != "Match").ToList();
            Assert.True(notMatch.Count == 0, $"seed {seed}, {students} students: {notMatch.Count} records do not match, e.g. " +
                string.Join("; ", notMatch.Take(5).Select(o => $"{o.Properties["Kind"].Value} {o.Properties["Key"].Value} {o.Properties["Status"].Value}: {o.Properties["DifferenceSummary"].Value}")));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
