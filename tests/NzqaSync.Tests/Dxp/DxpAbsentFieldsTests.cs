using System;
using System.Collections.Generic;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Dxp;

/// <summary>A field the local input has no column for keeps DXP's value (never sent blank); derived fields stay the school's.</summary>
public class DxpAbsentFieldsTests
{
    public static IEnumerable<object[]> Datasets() => DxpDatasets.All.Select(d => new object[] { d });

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Every_field_a_column_can_feed_is_a_property_the_merge_can_set(string dataset)
    {
        var reader = DxpRecordReader.For(dataset);
        var type = reader.Read(new Dictionary<string, object>()).Record.GetType();
        var unmapped = reader.FieldNames.Where(f => DxpAbsentFields.PropertyOf(type, f) == null).ToList();
        Assert.True(unmapped.Count == 0, $"{dataset}: no property for {string.Join(", ", unmapped)}");
    }

    [Fact]
    public void An_absent_field_takes_the_held_value_a_given_one_and_a_derived_one_do_not()
    {
        var local = new DxpLearnerRecord { LocalId = "L1", StudentIdentificationCode = "S1", FamilyName = "Lee", CountryOfCitizenship = null, TotalFeeForDomesticStudent = 8000m, NameIdCode = "LEE A" };
        var held = new DxpLearnerRecord { LocalId = "L1", StudentIdentificationCode = "S1", FamilyName = "Lee", CountryOfCitizenship = "NZL", TotalFeeForDomesticStudent = 7250m, NameIdCode = "OLD X" };
        var newOne = new DxpLearnerRecord { LocalId = "L2", StudentIdentificationCode = "S2" };
        var items = new[]
        {
            new DxpLocalItem(local, null, null) { Absent = new[] { "countryOfCitizenship" } },
            new DxpLocalItem(newOne, null, null) { Absent = new[] { "countryOfCitizenship" } },
        };
        var filled = DxpAbsentFields.KeepHeld(items, new IDxpRecord[] { held });
        Assert.Equal(new[] { "countryOfCitizenship" }, filled);
        Assert.Equal("NZL", local.CountryOfCitizenship);
        Assert.Equal(8000m, local.TotalFeeForDomesticStudent);
        Assert.Equal("LEE A", local.NameIdCode);
        Assert.Null(newOne.CountryOfCitizenship);
        Assert.Contains("eftsByMonth", DxpAbsentFields.Derived);
    }
}
