using Coffer.Emulators;
using Coffer.Language.Hosting;
using Coffer.Providers.Http;

namespace Coffer.Providers.Tests.Support;

/// <summary>
/// One emulated Vault on loopback, shared by the provider tests, configured as a Vault that trusts
/// Coffer: a JWT auth mount whose discovery URL is the (stand-in) issuer, roles for the payments
/// project, KV v1 and v2 mounts and policies. Tests use their own secret paths so they can share it.
/// </summary>
public sealed class VaultServer : IAsyncLifetime
{
    public const string Organization = AwsCloud.Organization;

    /// <summary>Reads <c>secret/data/payments/*</c> and <c>kv/payments/*</c>.</summary>
    public const string PaymentsPolicy = "payments-reader";

    /// <summary>A role any environment of the payments project may log in with.</summary>
    public const string PaymentsRole = "payments";

    internal TestOidcIssuer Issuer { get; private set; } = null!;

    internal VaultEmulator Vault { get; private set; } = null!;

    public string Address => Vault.Address;

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Vault = await VaultEmulator.StartAsync();
        Vault.EnableKv("secret", 2);
        Vault.EnableKv("kv", 1);
        Vault.AddPolicy(PaymentsPolicy, new Dictionary<string, string[]>
        {
            ["secret/data/payments/*"] = ["read"],
            ["kv/payments/*"] = ["read"],
            ["secret/data/payments/forbidden"] = ["deny"],
        });
        Vault.AddPolicy("child-maker", new Dictionary<string, string[]> { ["auth/token/create"] = ["create", "update"] });
        Vault.EnableJwtAuth("jwt", Issuer.Issuer, Issuer.Issuer);
        Vault.AddJwtRole("jwt", PaymentsRole, new VaultEmulator.JwtRole(
            [Organization],
            BoundClaims: new Dictionary<string, string[]> { ["sub"] = [$"pulumi:environments:org:{Organization}:env:payments/*"] },
            GlobClaims: true,
            TokenPolicies: [PaymentsPolicy],
            TokenTtl: TimeSpan.FromMinutes(20)));
    }

    public async Task DisposeAsync()
    {
        await Vault.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    /// <summary>The server's stand-in token issuer for <see cref="Organization"/>.</summary>
    internal TestWorkloadIdentityTokens Tokens() => new(Issuer, Organization);

    /// <summary>Coffer's providers with short timeouts and backoff for tests.</summary>
    internal ProviderRegistry Providers(TestWorkloadIdentityTokens? tokens = null, RemoteCallOptions? calls = null) => CofferProviders.Create(new CofferProviderOptions
    {
        IdentityTokens = tokens ?? Tokens(),
        RemoteCalls = calls ?? new RemoteCallOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        },
    });

    /// <summary>A token with the payments policy, as an operator would hand out.</summary>
    internal string PaymentsToken(TimeSpan? ttl = null) => Vault.CreateToken([PaymentsPolicy], ttl ?? TimeSpan.FromHours(1));
}

[CollectionDefinition(Name)]
public sealed class VaultServerCollection : ICollectionFixture<VaultServer>
{
    public const string Name = "vault server";
}
