namespace Coffer.Server.Oidc;

/// <summary>
/// How long tokens live and when signing keys change. Every replica must run with the same
/// rotation interval; the other times are fixed so replicas always agree on them.
/// </summary>
public sealed record SigningKeyPolicy
{
    public static readonly TimeSpan DefaultRotationInterval = TimeSpan.FromDays(30);

    /// <summary>The shortest rotation interval accepted (tokens and grace periods must fit well inside it).</summary>
    public static readonly TimeSpan MinRotationInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The lifetime of a minted token. A token is exchanged within seconds of being minted (retries
    /// included), so it need not live longer; ESC's live an hour.
    /// </summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a replica uses the keys it read before reading them again.</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long after it is created a rotated-in key starts signing: longer than
    /// <see cref="CacheLifetime"/>, so every replica publishes a key before any replica signs with it.
    /// </summary>
    public static readonly TimeSpan ActivationDelay = TimeSpan.FromMinutes(1);

    /// <summary>Tolerated difference between the clocks of replicas and relying parties.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public TimeSpan RotationInterval { get; init; } = DefaultRotationInterval;

    /// <summary>How long before it signs a scheduled key is published, so relying parties that cache the JWKS already have it.</summary>
    public TimeSpan Prepublication => Min(TimeSpan.FromDays(1), RotationInterval / 2);

    /// <summary>How long a replaced key stays published: until every token it signed has expired.</summary>
    public static TimeSpan RetiredKeyGrace => TokenLifetime + ClockSkew;

    /// <summary>How often a replica checks whether a key is due.</summary>
    public TimeSpan MaintenancePeriod => Min(TimeSpan.FromHours(1), Prepublication / 4);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
