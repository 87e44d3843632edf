using System.Collections;
using System.Management.Automation;
using NzqaSync.Domain;
using NzqaSync.Sources;

namespace NzqaSync.Tests.Compare;

public class LocalRecordReaderTests
{
    private static PSObject Row(params (string Name, object Value)[] cells)
    {
        var pso = new PSObject();
        foreach (var (name, value) in cells) pso.Properties.Add(new PSNoteProperty(name, value));
        return pso;
    }

    [Fact]
    public void Sms_headers_map_by_alias_ignoring_case_and_spaces()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        var read = reader.Read(Row(("NSN", "123"), ("student id", "S9"), ("First Name", "Wiremu"), ("Surname", "Pōmare"),
            ("Enrolment Date", "2/02/2026"), ("Year Level", "11"), ("Unrelated", "x")));

        Assert.Empty(read.Problems);
        Assert.Equal(("123", "S9", "Wiremu", "Pōmare", 11), (read.Record.Nsn, read.Record.LocalStudentId, read.Record.FirstName, read.Record.LastName, read.Record.YearLevel));
        Assert.Equal(new System.DateTime(2026, 2, 2), read.Record.EnrolmentDate);
    }

    [Fact]
    public void Unreadable_values_become_problems_naming_the_field()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        var read = reader.Read(Row(("NSN", "123"), ("Enrolment Date", "2026-02-30"), ("Year Level", "eleven")));

        Assert.Collection(read.Problems,
            p => Assert.Equal(("NzqaInvalidDate", "EnrolmentDate"), (p.ErrorId, p.Field)),
            p => Assert.Equal(("NzqaInvalidYearLevel", "YearLevel"), (p.ErrorId, p.Field)));
    }

    [Fact]
    public void A_column_map_names_columns_the_aliases_do_not_know()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All, new Hashtable { ["Nsn"] = "Ākonga Number" });
        Assert.Equal("77", reader.Read(Row(("Ākonga Number", "77"))).Record.Nsn);
    }

    [Fact]
    public void An_object_with_no_known_property_says_so()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        Assert.Equal("NzqaNoKnownProperties", Assert.Single(reader.Read(Row(("Colour", "red"))).Problems).ErrorId);
    }

    [Fact]
    public void Typed_records_pass_through_untouched()
    {
        var record = new EnrolmentRecord { Nsn = "5" };
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        Assert.Same(record, reader.Read(PSObject.AsPSObject(record)).Record);
    }
}
