using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Rotators;

namespace Coffer.Providers;

/// <summary>Registers Coffer's providers with a host's <see cref="ProviderRegistry"/>.</summary>
public static class CofferProviders
{
    /// <summary>The names of the providers <see cref="AddCofferProviders"/> registers.</summary>
    public static IReadOnlyList<string> ProviderNames { get; } =
        [AwsLoginProvider.Name, AwsParameterStoreProvider.Name, AwsSecretsProvider.Name];

    /// <summary>The names of the rotators <see cref="AddCofferProviders"/> registers.</summary>
    public static IReadOnlyList<string> RotatorNames { get; } = [PasswordRotator.Name, PassphraseRotator.Name];

    /// <summary>Adds <c>aws-login</c>, <c>aws-secrets</c>, <c>aws-parameter-store</c> and the rotators <c>password</c> and <c>passphrase</c>.</summary>
    public static ProviderRegistry AddCofferProviders(this ProviderRegistry registry, CofferProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var aws = new AwsClients(options ?? new CofferProviderOptions());
        return registry
            .Add(AwsLoginProvider.Name, new AwsLoginProvider(aws))
            .Add(AwsSecretsProvider.Name, new AwsSecretsProvider(aws))
            .Add(AwsParameterStoreProvider.Name, new AwsParameterStoreProvider(aws))
            .Add(PasswordRotator.Name, new PasswordRotator())
            .Add(PassphraseRotator.Name, new PassphraseRotator());
    }

    /// <summary>A registry holding Coffer's providers and nothing else.</summary>
    public static ProviderRegistry Create(CofferProviderOptions? options = null) => new ProviderRegistry().AddCofferProviders(options);
}
