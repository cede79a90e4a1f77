using Coffer.Emulators;
using Coffer.Providers;
using Coffer.Providers.Azure;
using Coffer.Providers.Gcp;
using Coffer.Providers.Http;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// An emulated Azure tenant (Entra ID, Key Vault over TLS) and Google Cloud project (STS, IAM
/// Credentials, Secret Manager) that trust a real Coffer server on loopback as an OIDC issuer, and
/// that server with its providers pointed at them. Both clouds fetch the server's discovery document
/// and JWKS over HTTP to check every token.
/// </summary>
public sealed class CloudsTrustingCoffer : IAsyncLifetime
{
    public const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string App = "11111111-2222-3333-4444-555555555555";
    public const string Vault = "payments-kv";
    public const string KeyVaultSecret = "correct-horse-key-vault";
    public const long Project = 123456789012;
    public const string ServiceAccount = "payments-reader@payments-prod.iam.gserviceaccount.com";
    public const string SecretManagerSecret = "correct-horse-secret-manager";

    private readonly TempFolder _folder = new();
    private HttpClient _http = null!;

    public AccessTokenStore AccessTokens { get; } = new();

    public EntraEmulator Entra { get; private set; } = null!;

    public KeyVaultEmulator KeyVault { get; private set; } = null!;

    public GoogleStsEmulator GoogleSts { get; private set; } = null!;

    public IamCredentialsEmulator Iam { get; private set; } = null!;

    public SecretManagerEmulator SecretManager { get; private set; } = null!;

    public LoopbackCofferServer Server { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Entra = await EntraEmulator.StartAsync(AccessTokens);
        KeyVault = await KeyVaultEmulator.StartAsync(AccessTokens);
        GoogleSts = await GoogleStsEmulator.StartAsync(AccessTokens);
        Iam = await IamCredentialsEmulator.StartAsync(AccessTokens);
        SecretManager = await SecretManagerEmulator.StartAsync(AccessTokens);
        _http = KeyVault.CreateHttpClient();
        Server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), configure: services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton(new CofferProviderOptions
            {
                // Trusts the Key Vault emulator's test authority; every other check stays as in production.
                HttpClient = _http,
                AzureEndpoints = new AzureEndpoints { Authority = Entra.Authority },
                GcpEndpoints = new GcpEndpoints { Sts = GoogleSts.Endpoint, IamCredentials = Iam.Endpoint, SecretManager = SecretManager.Endpoint },
                RemoteCalls = new RemoteCallOptions
                {
                    AttemptTimeout = TimeSpan.FromSeconds(5),
                    TotalTimeout = TimeSpan.FromSeconds(10),
                    MaxRetries = 2,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                },
            });
        });

        var issuer = (await IssuerKeys.DiscoveryAsync(Server)).GetProperty("issuer").GetString()!;
        var organization = LoopbackCofferServer.Organization;
        Entra.AddApplication(Tenant, new EntraEmulator.Application(App, [],
            [
                new EntraEmulator.FederatedCredential(issuer, $"pulumi:environments:org:{organization}:env:payments/azure-login", $"azure:{organization}"),
                new EntraEmulator.FederatedCredential(issuer, $"pulumi:environments:org:{organization}:env:payments/azure-login-2", $"azure:{organization}"),
            ]));
        KeyVault.AddVault(Vault, Tenant);
        KeyVault.GrantRead(Vault, App);
        KeyVault.SetSecret(Vault, "db-password", KeyVaultSecret);

        var provider = new GoogleStsEmulator.PoolProvider(Project, "coffer-pool", "coffer-oidc", issuer, [$"gcp:{organization}"]);
        GoogleSts.AddProvider(provider);
        Iam.AddServiceAccount(new IamCredentialsEmulator.ServiceAccount(ServiceAccount, [provider.Principal($"pulumi:environments:org:{organization}:env:payments/") + "*"]));
        SecretManager.AddVersion(Project, "db-password", SecretManagerSecret);
        SecretManager.GrantAccess(Project, "db-password", "serviceAccount:" + ServiceAccount);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        await SecretManager.DisposeAsync();
        await Iam.DisposeAsync();
        await GoogleSts.DisposeAsync();
        await KeyVault.DisposeAsync();
        await Entra.DisposeAsync();
        _folder.Dispose();
    }
}
