using Coffer.Emulators;
using Coffer.Providers;
using Coffer.Providers.Aws;
using Coffer.Providers.Http;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// An emulated AWS account (STS, Secrets Manager) whose IAM trusts a real Coffer server on loopback
/// as an OIDC identity provider, and that server with its providers pointed at the account. STS
/// fetches the server's discovery document and JWKS over HTTP to check every token.
/// </summary>
public sealed class AwsAccountTrustingCoffer : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string PaymentsRole = "arn:aws:iam::111122223333:role/payments-reader";
    public const string OtherAudienceRole = "arn:aws:iam::111122223333:role/other-org-reader";
    public const string BillingRole = "arn:aws:iam::111122223333:role/billing-reader";
    public const string AttributesRole = "arn:aws:iam::111122223333:role/ops-prod-admin";
    public const string DatabaseSecret = "correct-horse-battery-staple";

    private readonly TempFolder _folder = new();

    public AwsCredentialStore Credentials { get; } = new();

    public StsEmulator Sts { get; private set; } = null!;

    public SecretsManagerEmulator SecretsManager { get; private set; } = null!;

    public LoopbackCofferServer Server { get; private set; } = null!;

    /// <summary>The server's issuer, as its discovery document names it.</summary>
    public string Issuer { get; private set; } = "";

    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        Sts = await StsEmulator.StartAsync(Credentials);
        SecretsManager = await SecretsManagerEmulator.StartAsync(Credentials, Region);
        SecretsManager.Add("payments/db", DatabaseSecret);
        Server = await LoopbackCofferServer.StartAsync(_folder.NewSubfolder(), configure: services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.AddSingleton(new CofferProviderOptions
            {
                AwsEndpoints = new AwsEndpoints { Sts = Sts.Endpoint, SecretsManager = SecretsManager.Endpoint },
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
        var audience = $"aws:{LoopbackCofferServer.Organization}";
        var hour = TimeSpan.FromHours(1);
        Sts.AddIdentityProvider(Issuer, audience);
        Sts.AddRole(PaymentsRole, new StsEmulator.RoleTrust(Issuer, audience, "pulumi:environments:org:acme:env:payments/*", hour));
        Sts.AddRole(OtherAudienceRole, new StsEmulator.RoleTrust(Issuer, "aws:other", "pulumi:environments:org:other:env:*", hour));
        Sts.AddRole(BillingRole, new StsEmulator.RoleTrust(Issuer, audience, "pulumi:environments:org:acme:env:billing/*", hour));
        Sts.AddRole(AttributesRole, new StsEmulator.RoleTrust(
            Issuer, audience, "pulumi:environments:pulumi.organization.login:acme:rootEnvironment.name:ops/prod:pulumi.user.login:admin", hour));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await SecretsManager.DisposeAsync();
        await Sts.DisposeAsync();
        _folder.Dispose();
    }
}
