namespace Coffer.Providers.Http;

/// <summary>
/// How long a provider waits for a remote service and how often it tries again. An evaluation has
/// its own deadline too; these bounds keep one slow service from using all of it.
/// </summary>
public sealed record RemoteCallOptions
{
    /// <summary>The defaults: 10 s per attempt, 30 s in all, 3 retries starting at 200 ms.</summary>
    public static RemoteCallOptions Default { get; } = new();

    /// <summary>How long one request may take before it is abandoned (and retried).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a call may take with all its retries.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a throttled, failed (5xx) or timed-out request is retried.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The largest response body read; a bigger one is a failure, not an allocation.</summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;
}
