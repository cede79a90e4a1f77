using Coffer.Emulators;
using Coffer.Language.Hosting;
using Coffer.Providers.Azure;
using Coffer.Providers.Http;

namespace Coffer.Providers.Tests.Support;

/// <summary>
/// One emulated Azure tenant on loopback: an OIDC issuer standing in for the server's, Entra ID's
/// token endpoint with an app that trusts it through a federated credential and one with a client
/// secret, and Key Vault (over TLS, under its real host names) with vault <see cref="Vault"/>.
/// </summary>
public sealed class AzureCloud : IAsyncLifetime
{
    public const string Organization = "acme";
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string OtherTenant = "0b1c2d3e-0000-4000-8000-000000000001";
    public const string FederatedApp = "11111111-2222-3333-4444-555555555555";
    public const string SecretApp = "66666666-7777-8888-9999-000000000000";
    public const string ClientSecret = "app-client-secret-value~0123456789";
    public const string Vault = "payments-kv";
    public const string ForeignVault = "other-tenant-kv";

    internal AccessTokenStore AccessTokens { get; } = new();

    internal TestOidcIssuer Issuer { get; private set; } = null!;

    internal EntraEmulator Entra { get; private set; } = null!;

    internal KeyVaultEmulator KeyVault { get; private set; } = null!;

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Entra = await EntraEmulator.StartAsync(AccessTokens);
        KeyVault = await KeyVaultEmulator.StartAsync(AccessTokens);
        _http = KeyVault.CreateHttpClient();
        Entra.AddApplication(Tenant, new EntraEmulator.Application(
            FederatedApp, [], [new EntraEmulator.FederatedCredential(Issuer.Issuer, $"pulumi:environments:org:{Organization}:env:payments/prod", $"azure:{Organization}")]));
        Entra.AddApplication(Tenant, new EntraEmulator.Application(SecretApp, [ClientSecret], []));
        Entra.AddApplication(OtherTenant, new EntraEmulator.Application(SecretApp, [ClientSecret], []));
        KeyVault.AddVault(Vault, Tenant);
        KeyVault.GrantRead(Vault, FederatedApp);
        KeyVault.GrantRead(Vault, SecretApp);
        KeyVault.AddVault(ForeignVault, OtherTenant);
        KeyVault.GrantRead(ForeignVault, SecretApp);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await KeyVault.DisposeAsync();
        await Entra.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    internal TestWorkloadIdentityTokens Tokens() => new(Issuer, Organization);

    /// <summary>Coffer's providers pointed at this tenant, with short timeouts and backoff for tests.</summary>
    internal ProviderRegistry Providers(TestWorkloadIdentityTokens? tokens = null, HttpClient? http = null, RemoteCallOptions? calls = null) => CofferProviders.Create(new CofferProviderOptions
    {
        HttpClient = http ?? _http,
        IdentityTokens = tokens ?? Tokens(),
        AzureEndpoints = new AzureEndpoints { Authority = Entra.Authority },
        RemoteCalls = calls ?? new RemoteCallOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(5),
            TotalTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        },
    });
}

[CollectionDefinition(Name)]
public sealed class AzureCloudCollection : ICollectionFixture<AzureCloud>
{
    public const string Name = "azure cloud";
}
