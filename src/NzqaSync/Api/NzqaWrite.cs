using System.Net.Http;

namespace NzqaSync.Api;

/// <summary>A change NZQA's batch API makes, as sync plans it; <see cref="NzqaWrites"/> gives its HTTP verb and route.</summary>
public enum NzqaWrite
{
    CreateEnrolment,
    UpdateEnrolment,
    RecordLeaving,
    CreateLearner,
    UpdateLearner,
    CreateEntry,
    SubmitResult,
    WithdrawEntry,
}

/// <summary>The verb and route of each <see cref="NzqaWrite"/> (docs/api-contract.md): the API layer's, not sync's.</summary>
public static class NzqaWrites
{
    private static readonly HttpMethod Patch = new HttpMethod("PATCH");

    public static HttpMethod Method(NzqaWrite write)
    {
        switch (write)
        {
            case NzqaWrite.UpdateEnrolment:
            case NzqaWrite.UpdateLearner: return Patch;
            case NzqaWrite.SubmitResult: return HttpMethod.Put;
            default: return HttpMethod.Post;
        }
    }

    /// <summary>"POST", "PATCH" or "PUT".</summary>
    public static string Verb(NzqaWrite write) => Method(write).Method;

    public static string Route(NzqaWrite write, int provider)
    {
        switch (write)
        {
            case NzqaWrite.CreateEnrolment:
            case NzqaWrite.UpdateEnrolment: return NzqaRoutes.Enrolments(provider);
            case NzqaWrite.RecordLeaving: return NzqaRoutes.EnrolmentLeaving(provider);
            case NzqaWrite.CreateLearner:
            case NzqaWrite.UpdateLearner: return NzqaRoutes.Learners(provider);
            case NzqaWrite.CreateEntry: return NzqaRoutes.StandardEntries(provider);
            case NzqaWrite.SubmitResult: return NzqaRoutes.StandardResults(provider);
            case NzqaWrite.WithdrawEntry: return NzqaRoutes.StandardWithdrawals(provider);
            default: throw new ArgumentOutOfRangeException(nameof(write), write, null);
        }
    }
}
