using Coffer.Emulators;
using Coffer.Providers;
using Coffer.Providers.Http;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// An emulated Vault whose JWT auth method trusts a real Coffer server on loopback (its
/// <c>oidc_discovery_url</c> and <c>bound_issuer</c> are the server's issuer), and that server.
/// Vault fetches the server's discovery document and JWKS over HTTP to check every login.
/// </summary>
public sealed class VaultTrustingCoffer : IAsyncLifetime
{
    public const string PaymentsRole = "payments";
    public const string OtherAudienceRole = "other-org";
    public const string BillingRole = "billing";
    public const string DatabasePassword = "correct-horse-battery-staple";

    private readonly TempFolder _folder = new();

    public VaultEmulator Vault { get; private set; } = null!;

    public LoopbackCofferServer Server { get; private set; } = null!;

    public string Issuer { get; private set; } = "";

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Vault = await VaultEmulator.StartAsync();
        Vault.EnableKv("secret", 2);
        Vault.AddPolicy("payments-reader", new Dictionary<string, string[]> { ["secret/data/payments/*"] = ["read"] });
        Vault.PutSecret("secret", "payments/db", new Dictionary<string, object> { ["password"] = DatabasePassword });
        Server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), configure: services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton(new CofferProviderOptions
            {
                RemoteCalls = new RemoteCallOptions
                {
                    AttemptTimeout = TimeSpan.FromSeconds(5),
                    TotalTimeout = TimeSpan.FromSeconds(10),
                    MaxRetries = 2,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(20),
                },
            });
        });

        Issuer = (await IssuerKeys.DiscoveryAsync(Server)).GetProperty("issuer").GetString()!;
        var organization = LoopbackCofferServer.Organization;
        Vault.EnableJwtAuth("jwt", Issuer, Issuer);
        Vault.AddJwtRole("jwt", PaymentsRole, new VaultEmulator.JwtRole(
            [organization],
            BoundClaims: new Dictionary<string, string[]> { ["sub"] = [$"pulumi:environments:org:{organization}:env:payments/*"] },
            GlobClaims: true,
            TokenPolicies: ["payments-reader"],
            TokenTtl: TimeSpan.FromMinutes(15)));
        Vault.AddJwtRole("jwt", OtherAudienceRole, new VaultEmulator.JwtRole(["other"], TokenPolicies: ["payments-reader"]));
        Vault.AddJwtRole("jwt", BillingRole, new VaultEmulator.JwtRole(
            [organization],
            BoundClaims: new Dictionary<string, string[]> { ["sub"] = [$"pulumi:environments:org:{organization}:env:billing/*"] },
            GlobClaims: true,
            TokenPolicies: ["payments-reader"]));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Vault.DisposeAsync();
        _folder.Dispose();
    }
}
