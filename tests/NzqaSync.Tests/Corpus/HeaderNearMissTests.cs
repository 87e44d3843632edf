using System.Linq;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Corpus;

/// <summary>
/// A header that feeds no field but is a typo of a field the file lacks is a mistake, not an extra column; and a
/// missing column's message only offers a header that is really close and feeds nothing.
/// </summary>
public class HeaderNearMissTests
{
    private static HeaderVerdict Check(params string[] header)
    {
        var fields = LearnerBindings.All.Cast<IRecordField>().ToList();
        return HeaderCheck.Check(fields, header, h => fields.FirstOrDefault(f => f.Aliases.Any(a => PropertyBinding<object>.Canonical(a) == PropertyBinding<object>.Canonical(h)))?.Name, "Learner");
    }

    private static readonly string[] Export = { "NSN", "Student ID", "First Name", "Last Name", "Date of Birth", "Gender", "Ethnicity 1", "Ethnicity 2", "Ethnicity 3", "Leaving Date" };

    [Theory]
    [InlineData("Ethnicity 1", "Ethnicty 1", "Ethnicity1")]
    [InlineData("Ethnicity 1", "ethnicity  one", null)]
    [InlineData("Leaving Date", "Leavign Date", "LeavingDate")]
    [InlineData("Leaving Date", "LEAVING-DATES", "LeavingDate")]
    public void A_typo_of_an_optional_field_the_file_lacks_is_mistyped(string column, string typo, string field)
    {
        var verdict = Check(Export.Select(h => h == column ? typo : h).ToArray());
        if (field == null)
        {
            Assert.Empty(verdict.Mistyped);
            return;
        }
        var miss = Assert.Single(verdict.Mistyped);
        Assert.Equal(typo, miss.Column);
        Assert.Equal(field, miss.Field.Name);
        Assert.Equal(column, miss.Alias);
    }

    [Theory]
    [InlineData("House")]
    [InlineData("IRD")]      // one edit from 'ID', but not a typo of a two-letter name
    [InlineData("Ethnicity 4")] // near 'Ethnicity 1' etc., but every ethnicity field is fed
    public void Other_extra_columns_are_not_mistyped(string extra)
    {
        var verdict = Check(Export.Concat(new[] { extra }).ToArray());
        Assert.Empty(verdict.Mistyped);
        Assert.Contains(extra, verdict.Unknown);
    }

    [Fact]
    public void A_missing_date_of_birth_names_no_unrelated_header_but_a_typo_or_a_header_holding_its_name_is_offered()
    {
        var noDob = Check(Export.Where(h => h != "Date of Birth").ToArray());
        Assert.Equal("DateOfBirth", Assert.Single(noDob.Missing).Name);
        Assert.Null(noDob.Nearest["DateOfBirth"]);

        Assert.Equal("Date of Brith", Check(Export.Select(h => h == "Date of Birth" ? "Date of Brith" : h).ToArray()).Nearest["DateOfBirth"]);
        Assert.Equal("Student DOB", Check(Export.Select(h => h == "Date of Birth" ? "Student DOB" : h).ToArray()).Nearest["DateOfBirth"]);
        Assert.Equal("NSM", Check(Export.Select(h => h == "NSN" ? "NSM" : h).ToArray()).Nearest["Nsn"]);
    }
}
