using Coffer.Emulators;
using Coffer.Language.Hosting;
using Coffer.Providers.Gcp;
using Coffer.Providers.Http;

namespace Coffer.Providers.Tests.Support;

/// <summary>
/// One emulated Google Cloud project on loopback: an OIDC issuer standing in for the server's, a
/// workload identity pool provider trusting it (audience <c>gcp:acme</c>), a service account the
/// payments environments may impersonate, and Secret Manager.
/// </summary>
public sealed class GcpCloud : IAsyncLifetime
{
    public const string Organization = "acme";
    public const long Project = 123456789012;
    public const string Pool = "coffer-pool";
    public const string Provider = "coffer-oidc";
    public const string OtherAudienceProvider = "other-org";
    public const string ServiceAccount = "payments-reader@payments-prod.iam.gserviceaccount.com";
    public const string UserToken = "ya29.user-token-for-static-logins";

    internal AccessTokenStore AccessTokens { get; } = new();

    internal TestOidcIssuer Issuer { get; private set; } = null!;

    internal GoogleStsEmulator Sts { get; private set; } = null!;

    internal IamCredentialsEmulator Iam { get; private set; } = null!;

    internal SecretManagerEmulator SecretManager { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Sts = await GoogleStsEmulator.StartAsync(AccessTokens);
        Iam = await IamCredentialsEmulator.StartAsync(AccessTokens);
        SecretManager = await SecretManagerEmulator.StartAsync(AccessTokens);
        var provider = new GoogleStsEmulator.PoolProvider(Project, Pool, Provider, Issuer.Issuer, [$"gcp:{Organization}"]);
        Sts.AddProvider(provider);
        Sts.AddProvider(new GoogleStsEmulator.PoolProvider(Project, Pool, OtherAudienceProvider, Issuer.Issuer, ["gcp:other"]));
        Iam.AddServiceAccount(new IamCredentialsEmulator.ServiceAccount(
            ServiceAccount, [provider.Principal($"pulumi:environments:org:{Organization}:env:payments/") + "*", "user:alice@example.com"]));
        AccessTokens.Add(UserToken, new AccessTokenStore.Grant("user:alice@example.com", "cloud-platform", "", DateTimeOffset.UtcNow.AddDays(1)));
    }

    public async Task DisposeAsync()
    {
        await SecretManager.DisposeAsync();
        await Iam.DisposeAsync();
        await Sts.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    internal TestWorkloadIdentityTokens Tokens() => new(Issuer, Organization);

    internal ProviderRegistry Providers(TestWorkloadIdentityTokens? tokens = null) => CofferProviders.Create(new CofferProviderOptions
    {
        IdentityTokens = tokens ?? Tokens(),
        GcpEndpoints = new GcpEndpoints { Sts = Sts.Endpoint, IamCredentials = Iam.Endpoint, SecretManager = SecretManager.Endpoint },
        RemoteCalls = new RemoteCallOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        },
    });
}

[CollectionDefinition(Name)]
public sealed class GcpCloudCollection : ICollectionFixture<GcpCloud>
{
    public const string Name = "gcp cloud";
}
