namespace NzqaSync.Api;

/// <summary>
/// The NZQA SMS API routes. NZQA has published no reference: every route here is our assumption
/// (docs/api-contract.md), kept in this one place so the real contract is a small change.
/// </summary>
public static class NzqaRoutes
{
    public const string DefaultScope = "https://api.nzqa.govt.nz/sms";
    public const int MaxBatchItems = 100;
    public const int PageSize = 5000;

    public static string Provider(int provider) => $"providers/{P(provider)}";
    public static string Enrolments(int provider) => $"providers/{P(provider)}/enrolments";
    public static string EnrolmentLeaving(int provider) => $"providers/{P(provider)}/enrolments/leaving";
    public static string Learners(int provider) => $"providers/{P(provider)}/learners";
    public static string Standards(int provider) => $"providers/{P(provider)}/standards";
    public static string StandardEntries(int provider) => $"providers/{P(provider)}/standards/entries";
    public static string StandardResults(int provider) => $"providers/{P(provider)}/standards/results";
    public static string StandardWithdrawals(int provider) => $"providers/{P(provider)}/standards/withdrawals";
    public const string Catalogue = "standards";

    private static string P(int provider) => provider.ToString(CultureInfo.InvariantCulture);
}
