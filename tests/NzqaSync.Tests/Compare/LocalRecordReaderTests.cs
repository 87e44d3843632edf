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

    public sealed class SmsRow
    {
        public string NSN { get; set; }
        public string Surname { get; set; }
    }

    [Fact]
    public void Plain_dotnet_objects_map_by_their_properties_too()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        var read = reader.Read(new SmsRow { NSN = "42", Surname = "Tūhoe" });
        Assert.Equal(("42", "Tūhoe"), (read.Record.Nsn, read.Record.LastName));
    }

    [Fact]
    public void Rows_of_different_shapes_in_one_stream_each_map_fully()
    {
        var reader = new LocalRecordReader<EnrolmentRecord>(EnrolmentBindings.All);
        var first = reader.Read(Row(("NSN", "1"), ("Year Level", "9")));
        var second = reader.Read(Row(("NSN", "2"), ("Year Level", "10"), ("Student ID", "S2")));
        var third = reader.Read(Row(("Year Level", "11"), ("NSN", "3")));
        Assert.Equal(("1", 9, (string)null), (first.Record.Nsn, first.Record.YearLevel, first.Record.LocalStudentId));
        Assert.Equal(("2", 10, "S2"), (second.Record.Nsn, second.Record.YearLevel, second.Record.LocalStudentId));
        Assert.Equal(("3", 11), (third.Record.Nsn, third.Record.YearLevel));
    }

    [Fact]
    public void A_piped_typed_record_keeps_no_wrapper_alive()
    {
        var reader = new LocalRecordReader<StandardRecord>(StandardBindings.All);
        var (read, wrapper) = ReadWrapped(reader);
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();
        System.GC.Collect();
        // The engine's PSObject around each piped record is garbage once read (15 MB over a 100,000-record pipe).
        Assert.False(wrapper.IsAlive);
        // An invalid record's diff and error still name it as the PSObject it came in.
        var source = Assert.IsType<PSObject>(read.Source);
        Assert.Same(read.Record, source.BaseObject);
        // A record given as itself (not wrapped) is its own source, as before.
        var plain = new StandardRecord { Nsn = "2" };
        Assert.Same(plain, reader.Read(plain).Source);
    }

    [Fact]
    public void A_piped_typed_record_s_source_comes_back_with_the_members_added_to_it()
    {
        var reader = new LocalRecordReader<StandardRecord>(StandardBindings.All);
        var record = new StandardRecord { Nsn = "100000025", StandardNumber = "91927", AcademicYear = 2026 };
        var wrapped = PSObject.AsPSObject(record);
        wrapped.Properties.Add(new PSNoteProperty("Origin", "from the SMS"));
        wrapped.TypeNames.Insert(0, "School.Standard");
        var source = Assert.IsType<PSObject>(reader.Read(wrapped).Source);
        Assert.Equal("from the SMS", source.Properties["Origin"]?.Value);
        Assert.Equal("School.Standard", source.TypeNames[0]);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (NzqaSync.Compare.LocalRecord<StandardRecord>, System.WeakReference) ReadWrapped(LocalRecordReader<StandardRecord> reader)
    {
        var record = new StandardRecord { Nsn = "100000025", StandardNumber = "91927", AcademicYear = 2026 };
        var wrapped = PSObject.AsPSObject(record);
        var read = reader.Read(wrapped);
        Assert.Same(record, read.Record);
        return (read, new System.WeakReference(wrapped));
    }
}
