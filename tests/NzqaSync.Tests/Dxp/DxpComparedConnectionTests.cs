using System;
using NzqaSync.Compare;

namespace NzqaSync.Tests.Dxp;

/// <summary>Trial 5, D15 on the DXP side: a diff is sent only to the EDUMIS and DXP it was compared for.</summary>
public class DxpComparedConnectionTests
{
    private static DxpRecordDiff Diff() => new() { Kind = "Learner", LocalId = "L1", ComparedEdumis = 7001, ComparedBaseUri = "https://api.tec.govt.nz/dxp/" };

    [Fact]
    public void The_same_edumis_and_service_may_send_it()
    {
        Assert.Null(Diff().ComparedForOtherConnection(7001, new Uri("https://api.tec.govt.nz/dxp")));
        Assert.Null(new DxpRecordDiff { Kind = "Learner", LocalId = "L1" }.ComparedForOtherConnection(7002, new Uri("https://x.example/")));
    }

    [Fact]
    public void Another_edumis_or_service_may_not_and_the_reason_names_both()
    {
        var why = Diff().ComparedForOtherConnection(7002, new Uri("https://api.tec.govt.nz/dxp"));
        Assert.Contains("EDUMIS 7001", why);
        Assert.Contains("EDUMIS 7002", why);
        Assert.Contains("DXP at", Diff().ComparedForOtherConnection(7001, new Uri("https://other.example/dxp")));
    }
}
