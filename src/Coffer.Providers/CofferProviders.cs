using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Azure;
using Coffer.Providers.Gcp;
using Coffer.Providers.Oidc;
using Coffer.Providers.Rotators;
using Coffer.Providers.Vault;

namespace Coffer.Providers;

/// <summary>Registers Coffer's providers with a host's <see cref="ProviderRegistry"/>.</summary>
public static class CofferProviders
{
    /// <summary>The names of the providers <see cref="AddCofferProviders"/> registers.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } =
        [AwsLoginProvider.Name, AwsParameterStoreProvider.Name, AwsSecretsProvider.Name,
            AzureLoginProvider.Name, AzureSecretsProvider.Name,
            GcpLoginProvider.Name, GcpSecretsProvider.Name,
            VaultLoginProvider.Name, VaultSecretsProvider.Name, DebugOidcClaimsProvider.Name];

    /// <summary>The names of the rotators <see cref="AddCofferProviders"/> registers.</summary>
    public static IReadOnlyList<string> RotatorNames { get; } = [PasswordRotator.Name, PassphraseRotator.Name];

    /// <summary>
    /// Adds <c>aws-login</c>, <c>aws-secrets</c>, <c>aws-parameter-store</c>, <c>azure-login</c>,
    /// <c>azure-secrets</c>, <c>gcp-login</c>, <c>gcp-secrets</c>, <c>vault-login</c>,
    /// <c>vault-secrets</c>, <c>debug-oidc-claims</c> and the rotators <c>password</c> and <c>passphrase</c>.
    /// </summary>
    public static ProviderRegistry AddCofferProviders(this ProviderRegistry registry, CofferProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new CofferProviderOptions();
        var aws = new AwsClients(options);
        var azure = new AzureClients(options);
        var gcp = new GcpClients(options);
        var vault = new VaultClients(options);
        return registry
            .Add(AwsLoginProvider.Name, new AwsLoginProvider(aws))
            .Add(AwsSecretsProvider.Name, new AwsSecretsProvider(aws))
            .Add(AwsParameterStoreProvider.Name, new AwsParameterStoreProvider(aws))
            .Add(AzureLoginProvider.Name, new AzureLoginProvider(azure))
            .Add(AzureSecretsProvider.Name, new AzureSecretsProvider(azure))
            .Add(GcpLoginProvider.Name, new GcpLoginProvider(gcp))
            .Add(GcpSecretsProvider.Name, new GcpSecretsProvider(gcp))
            .Add(VaultLoginProvider.Name, new VaultLoginProvider(vault))
            .Add(VaultSecretsProvider.Name, new VaultSecretsProvider(vault))
            .Add(DebugOidcClaimsProvider.Name, new DebugOidcClaimsProvider(options))
            .Add(PasswordRotator.Name, new PasswordRotator())
            .Add(PassphraseRotator.Name, new PassphraseRotator());
    }

    /// <summary>A registry holding Coffer's providers and nothing else.</summary>
    public static ProviderRegistry Create(CofferProviderOptions? options = null) => new ProviderRegistry().AddCofferProviders(options);
}
