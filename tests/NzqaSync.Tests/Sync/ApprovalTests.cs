using System;
using System.IO;
using System.Linq;
using NzqaSync.Compare;
using NzqaSync.Domain;
using NzqaSync.Domain.Dxp;
using NzqaSync.Sync;

namespace NzqaSync.Tests.Sync;

/// <summary>The approval fingerprint covers exactly what would be sent and NZQA's values it replaces.</summary>
public sealed class ApprovalTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "nzqasync-approval-" + Guid.NewGuid().ToString("N") + ".json");

    public void Dispose() => File.Delete(_file);

    private static EnrolmentRecord E(string nsn = "100", int year = 11, string id = "S1") =>
        new() { Nsn = nsn, YearLevel = year, LocalStudentId = id, EnrolmentDate = new DateTime(2026, 2, 2), FirstName = "Aroha", LastName = "Ngātai" };

    private static EnrolmentDiff Diff(EnrolmentRecord local, EnrolmentRecord nzqa) =>
        RecordComparer.Compare(EnrolmentArea.Instance, new[] { new LocalRecord<EnrolmentRecord>(local, null, local) }, nzqa == null ? Array.Empty<EnrolmentRecord>() : new[] { nzqa }).First();

    [Fact]
    public void The_same_change_has_the_same_fingerprint_and_any_change_to_what_is_sent_or_replaced_changes_it()
    {
        var approved = ApprovalFingerprint.Of(Diff(E(year: 12), E(year: 11)));
        Assert.Matches("^sha256:[0-9a-f]{64}$", approved);
        Assert.Equal(approved, ApprovalFingerprint.Of(Diff(E(year: 12), E(year: 11))));
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Diff(E(year: 13), E(year: 11))));             // the school's value moved
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Diff(E(year: 12), E(year: 10))));             // NZQA's value moved
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Diff(E(year: 12, id: "S2"), E(year: 11)))); // one more field would be sent
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Diff(E(nsn: "101", year: 12), E(nsn: "101", year: 11))));
        Assert.NotEqual(ApprovalFingerprint.Of(Diff(E(), null)), ApprovalFingerprint.Of(Diff(E(year: 12), null))); // a new record: all of it
        Assert.Null(ApprovalFingerprint.Of(Diff(E(), E())));                                            // Match: nothing to approve
    }

    [Fact]
    public void A_sync_sends_only_listed_unchanged_changes_and_says_why_not_otherwise()
    {
        var approvedDiff = Diff(E(nsn: "100", year: 12), E(nsn: "100"));
        var file = ApprovalFile.FromDiffs(new[] { approvedDiff, Diff(E(nsn: "200", year: 12), E(nsn: "200")) }, "Jane Smith", DateTimeOffset.Now, "test");
        File.WriteAllText(_file, file.ToJson());
        var loaded = ApprovalFile.Load(_file);
        Assert.Equal("Jane Smith", loaded.SignedBy);
        Assert.StartsWith("sha256:", loaded.Sha256);

        Assert.Null(loaded.Refusal(SyncPlanner.Plan(Diff(E(nsn: "100", year: 12), E(nsn: "100")), 257)));
        Assert.StartsWith("Changed since approval", loaded.Refusal(SyncPlanner.Plan(Diff(E(nsn: "200", year: 13), E(nsn: "200")), 257)));
        Assert.StartsWith("Not approved", loaded.Refusal(SyncPlanner.Plan(Diff(E(nsn: "300", year: 12), E(nsn: "300")), 257)));
    }

    [Fact]
    public void A_file_of_another_format_or_with_no_signer_is_refused()
    {
        File.WriteAllText(_file, "{\"format\":\"something-else\",\"signedBy\":\"x\",\"approved\":[]}");
        Assert.Throws<InvalidDataException>(() => ApprovalFile.Load(_file));
        File.WriteAllText(_file, "{\"format\":\"nzqasync-approval/1\",\"signedBy\":\" \",\"approved\":[]}");
        Assert.Throws<InvalidDataException>(() => ApprovalFile.Load(_file));
        File.WriteAllText(_file, "not json");
        Assert.Throws<InvalidDataException>(() => ApprovalFile.Load(_file));
    }

    private static CourseEnrolmentRecord Ce(string fee = "00", string localId = "ce-1")
    {
        var r = NzqaSync.Tests.Dxp.DxpValidatorTests.GoodEnrolment();
        r.LocalId = localId;
        r.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment = fee;
        return DxpRecordNormaliser.Normalise(r);
    }

    private static DxpRecordDiff Dxp(DxpDiffStatus status, CourseEnrolmentRecord local, CourseEnrolmentRecord held, string returnId = "202608") => new()
    {
        Dataset = "course-enrolments", Kind = "CourseEnrolment", LocalId = (local ?? held)!.LocalId, Status = status, Local = local, Dxp = held, ReturnId = returnId,
        Differences = local != null && held != null
            ? new[] { new DxpFieldDifference("categoryOfFeesAssessmentForInternationalStudentsForEachEnrolment", local.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment, held.CategoryOfFeesAssessmentForInternationalStudentsForEachEnrolment) }
            : Array.Empty<DxpFieldDifference>(),
    };

    [Fact]
    public void A_DXP_change_is_fingerprinted_by_the_record_as_uploaded_DXPs_values_and_the_return()
    {
        var approved = ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, Ce("01"), Ce("00")), "202608");
        Assert.Matches("^sha256:[0-9a-f]{64}$", approved);
        Assert.Equal(approved, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, Ce("01"), Ce("00")), "202608"));
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, Ce("02"), Ce("00")), "202608")); // the local value moved
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, Ce("01"), Ce("03")), "202608")); // DXP's value moved
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, Ce("01"), Ce("00")), "202612")); // another return
        var other = Ce("01");
        other.CourseCode = "HIST101";                                                                                   // any field of the upload
        Assert.NotEqual(approved, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Different, other, Ce("00")), "202608"));
        // A delete covers the record DXP holds; Match and Invalid have nothing to approve.
        var delete = ApprovalFingerprint.Of(Dxp(DxpDiffStatus.DxpOnly, null, Ce("00")), "202608");
        Assert.NotNull(delete);
        Assert.NotEqual(delete, ApprovalFingerprint.Of(Dxp(DxpDiffStatus.DxpOnly, null, Ce("01")), "202608"));
        Assert.Null(ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Match, Ce(), Ce()), "202608"));
        Assert.Null(ApprovalFingerprint.Of(Dxp(DxpDiffStatus.Invalid, Ce(), null), "202608"));
    }

    [Fact]
    public void A_DXP_approval_sends_only_listed_unchanged_changes_and_never_crosses_with_NZQA()
    {
        var file = ApprovalFile.FromDiffs(new[] { Diff(E(nsn: "100", year: 12), E(nsn: "100")) }, "Rawiri Parata", DateTimeOffset.Now, "test");
        Assert.True(file.Add(Dxp(DxpDiffStatus.Different, Ce("01", "ce-1"), Ce("00", "ce-1"))));
        Assert.True(file.Add(Dxp(DxpDiffStatus.DxpOnly, null, Ce("00", "ce-2"))));
        Assert.False(file.Add(Dxp(DxpDiffStatus.Match, Ce("00", "ce-3"), Ce("00", "ce-3"))));
        // A DXP entry whose kind and key look like an NZQA change's approves nothing at NZQA, and the reverse.
        Assert.True(file.Add(new DxpRecordDiff { Dataset = "learners", Kind = "Enrolment", LocalId = "200", Status = DxpDiffStatus.DxpOnly, ReturnId = "202608" }));
        File.WriteAllText(_file, file.ToJson());
        var loaded = ApprovalFile.Load(_file);
        Assert.Equal(4, loaded.Approved.Count);
        Assert.Equal(new[] { null, "Dxp", "Dxp", "Dxp" }, loaded.Approved.Select(a => a.Api));

        Assert.Null(loaded.Refusal(Dxp(DxpDiffStatus.Different, Ce("01", "ce-1"), Ce("00", "ce-1")), "202608"));
        Assert.Null(loaded.Refusal(Dxp(DxpDiffStatus.DxpOnly, null, Ce("00", "ce-2")), "202608"));
        Assert.StartsWith("Changed since approval", loaded.Refusal(Dxp(DxpDiffStatus.Different, Ce("02", "ce-1"), Ce("00", "ce-1")), "202608"));
        Assert.StartsWith("Changed since approval", loaded.Refusal(Dxp(DxpDiffStatus.Different, Ce("01", "ce-1"), Ce("00", "ce-1")), "202612"));
        Assert.StartsWith("Not approved", loaded.Refusal(Dxp(DxpDiffStatus.Different, Ce("01", "ce-9"), Ce("00", "ce-9")), "202608"));
        Assert.StartsWith("Not approved", loaded.Refusal(new DxpRecordDiff { Kind = "Enrolment", LocalId = "100", Status = DxpDiffStatus.DxpOnly }, "202608"));
        Assert.StartsWith("Not approved", loaded.Refusal(SyncPlanner.Plan(Diff(E(nsn: "200", year: 12), E(nsn: "200")), 257)));
        Assert.Null(loaded.Refusal(SyncPlanner.Plan(Diff(E(nsn: "100", year: 12), E(nsn: "100")), 257)));
    }
}
