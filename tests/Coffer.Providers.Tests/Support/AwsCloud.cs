using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Http;
using Coffer.Emulators;

namespace Coffer.Providers.Tests.Support;

/// <summary>
/// One emulated AWS account on loopback, shared by the provider tests: an OIDC issuer standing in
/// for the server's, STS trusting it, Secrets Manager and Parameter Store in <see cref="Region"/>.
/// Tests use their own secret and parameter names so they can share it.
/// </summary>
public sealed class AwsCloud : IAsyncLifetime
{
    public const string Organization = "acme";
    public const string Region = "us-east-1";

    /// <summary>A role any environment of the payments project may assume.</summary>
    public const string PaymentsRole = "arn:aws:iam::111122223333:role/payments-reader";

    internal AwsCredentialStore Credentials { get; } = new();

    internal TestOidcIssuer Issuer { get; private set; } = null!;

    internal StsEmulator Sts { get; private set; } = null!;

    internal SecretsManagerEmulator SecretsManager { get; private set; } = null!;

    internal ParameterStoreEmulator ParameterStore { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Issuer = await TestOidcIssuer.StartAsync();
        Sts = await StsEmulator.StartAsync(Credentials);
        SecretsManager = await SecretsManagerEmulator.StartAsync(Credentials, Region);
        ParameterStore = await ParameterStoreEmulator.StartAsync(Credentials, Region);
        Sts.AddIdentityProvider(Issuer.Issuer, $"aws:{Organization}");
        Sts.AddRole(PaymentsRole, new StsEmulator.RoleTrust(Issuer.Issuer, $"aws:{Organization}", $"pulumi:environments:org:{Organization}:env:payments/*", TimeSpan.FromHours(1)));
    }

    public async Task DisposeAsync()
    {
        await ParameterStore.DisposeAsync();
        await SecretsManager.DisposeAsync();
        await Sts.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    /// <summary>The server's stand-in token issuer for <see cref="Organization"/>.</summary>
    internal TestWorkloadIdentityTokens Tokens() => new(Issuer, Organization);

    /// <summary>Coffer's providers pointed at this account, with short timeouts and backoff for tests.</summary>
    internal ProviderRegistry Providers(TestWorkloadIdentityTokens? tokens = null, RemoteCallOptions? calls = null) => CofferProviders.Create(new CofferProviderOptions
    {
        IdentityTokens = tokens ?? Tokens(),
        AwsEndpoints = new AwsEndpoints { Sts = Sts.Endpoint, SecretsManager = SecretsManager.Endpoint, Ssm = ParameterStore.Endpoint },
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
public sealed class AwsCloudCollection : ICollectionFixture<AwsCloud>
{
    public const string Name = "aws cloud";
}
