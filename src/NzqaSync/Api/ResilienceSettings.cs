namespace NzqaSync.Api;

/// <summary>How hard a call is retried. Defaults suit a school's network; tests shorten the delays.</summary>
public sealed class ResilienceSettings
{
    public int MaxRetryAttempts { get; set; } = 6;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);
    /// <summary>A Retry-After longer than this is not waited for: the call fails with the service's words.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
