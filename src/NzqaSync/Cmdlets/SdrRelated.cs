using NzqaSync.Domain.Dxp;
using NzqaSync.Sources;

namespace NzqaSync.Cmdlets;

/// <summary>Reads -Learner and -Course (typed records or SMS rows) into the cross-collection check.</summary>
internal static class SdrRelated
{
    public static SdrCrossCheck Build(object[] learners, object[] courses)
    {
        if (learners == null && courses == null) return null;
        return new SdrCrossCheck(Read<DxpLearnerRecord>(learners, DxpLearnerRecord.DatasetName), Read<DxpCourseRecord>(courses, DxpCourseRecord.DatasetName));
    }

    private static IEnumerable<T> Read<T>(object[] items, string dataset) where T : class, IDxpRecord
    {
        if (items == null) return null;
        var reader = DxpRecordReader.For(dataset);
        return items.Where(i => i != null)
            .Select(i => reader.Read(i).Record as T)
            .Where(r => r != null)
            .Select(r => (T)DxpRecordNormaliser.Normalise(r))
            .ToList();
    }
}
