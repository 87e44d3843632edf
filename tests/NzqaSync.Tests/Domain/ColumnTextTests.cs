using NzqaSync.Domain;

namespace NzqaSync.Tests.Domain;

public class ColumnTextTests
{
    [Fact]
    public void Lines_break_between_words_and_fit_the_width()
    {
        var text = "LEARNER_UNKNOWN: No learner with NSN 100001542 is registered with NZQA. Create the learner first (POST /learners).";
        var lines = ColumnText.Wrap(text, 24).Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 24, l));
        Assert.Equal(text, string.Join(" ", lines));
        Assert.Equal("LEARNER_UNKNOWN: No", lines[0]);
    }

    [Fact]
    public void Each_item_of_a_list_joined_with_semicolons_starts_a_line()
    {
        Assert.Equal("YearLevel: 12 (NZQA 11);\nLocalStudentId: S1", ColumnText.Wrap("YearLevel: 12 (NZQA 11); LocalStudentId: S1", 40));
    }

    [Fact]
    public void Only_a_word_wider_than_the_column_is_cut()
    {
        Assert.Equal("totalFeeFor\nDomesticStu\ndent: 9999", ColumnText.Wrap("totalFeeForDomesticStudent: 9999", 11));
    }

    [Fact]
    public void Nothing_gives_an_empty_cell()
    {
        Assert.Equal("", ColumnText.Wrap(null, 20));
        Assert.Equal("", ColumnText.Wrap("", 20));
    }
}
