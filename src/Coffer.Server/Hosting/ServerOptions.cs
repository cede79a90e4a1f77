namespace Coffer.Server.Hosting;

/// <summary>
/// How the server runs. Each option comes from the command line, else from its environment variable,
/// else from the default.
/// </summary>
public sealed record ServerOptions
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Where the SQLite database, the root key and the bootstrap token live (<c>COFFER_DATA_DIR</c>).</summary>
    public string DataDirectory { get; init; } = "./.coffer-data";

    /// <summary><c>sqlite</c>, or a PostgreSQL connection string (<c>COFFER_DATABASE</c>).</summary>
    public string Database { get; init; } = "sqlite";

    /// <summary>The addresses to listen on, separated by <c>;</c> (<c>COFFER_URLS</c>).</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The organization created on first start (<c>COFFER_BOOTSTRAP_ORG</c>).</summary>
    public string BootstrapOrganization { get; init; } = "default";

    /// <summary>
    /// The server's public URL as clouds reach it (<c>COFFER_ISSUER_URL</c>); the OIDC issuer is
    /// <c>&lt;URL&gt;/oidc</c>. Null: the first listen address.
    /// </summary>
    public string? IssuerUrl { get; init; }

    /// <summary>
    /// How often the OIDC signing key is replaced (<c>COFFER_SIGNING_KEY_ROTATION</c>, read with the
    /// command line by <see cref="Program"/> so a bad value is a usage error).
    /// </summary>
    public TimeSpan SigningKeyRotation { get; init; } = Oidc.SigningKeyPolicy.DefaultRotationInterval;

    /// <summary>
    /// How many failed authentications (wrong passwords, invalid access tokens) one client address
    /// may make in a burst before it gets 429 (<c>COFFER_AUTH_FAILURE_LIMIT</c>); 0 turns limiting off.
    /// </summary>
    public int AuthenticationFailureLimit { get; init; } = 10;

    /// <summary>The time in which an address's allowance of failures refills completely (<c>COFFER_AUTH_FAILURE_WINDOW</c>).</summary>
    public TimeSpan AuthenticationFailureWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a token issued by signing in with a password lives (<c>COFFER_SESSION_LIFETIME</c>).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Addresses of reverse proxies whose <c>X-Forwarded-For</c> header names the client
    /// (<c>COFFER_TRUSTED_PROXIES</c>, separated by <c>,</c>); without one, the client is the
    /// connection's peer. Limits apply per client address, so behind a proxy this must be set.
    /// </summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxies { get; init; } = [];

    /// <summary>Reads the environment-variable layer; command-line values are applied on top by the caller.</summary>
    public static ServerOptions FromEnvironment()
    {
        var defaults = new ServerOptions();
        return new ServerOptions
        {
            DataDirectory = Environment.GetEnvironmentVariable("COFFER_DATA_DIR") is { Length: > 0 } dir ? dir : defaults.DataDirectory,
            Database = Environment.GetEnvironmentVariable("COFFER_DATABASE") is { Length: > 0 } db ? db : defaults.Database,
            Urls = Environment.GetEnvironmentVariable("COFFER_URLS") is { Length: > 0 } urls ? urls : defaults.Urls,
            BootstrapOrganization = Environment.GetEnvironmentVariable("COFFER_BOOTSTRAP_ORG") is { Length: > 0 } org ? org : defaults.BootstrapOrganization,
            IssuerUrl = Environment.GetEnvironmentVariable("COFFER_ISSUER_URL") is { Length: > 0 } issuer ? issuer : defaults.IssuerUrl,
        };
    }
}
