using Coffer.Language.Hosting;
using Coffer.Providers;
using Coffer.Server.Oidc;

namespace Coffer.Server.Hosting;

/// <summary>
/// Registers Coffer's providers, with the server's OIDC issuer minting their identity tokens.
/// <see cref="CofferProviderOptions"/> is a service so tests can point the providers at emulators
/// (through the <c>configure</c> callback of <see cref="ServerApplication.CreateAsync"/>); no option
/// or environment variable sets it, so users never choose where providers send credentials.
/// </summary>
public static class ProviderServices
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton(new CofferProviderOptions());
        services.AddSingleton<IProviderRegistry>(provider => CofferProviders.Create(
            provider.GetRequiredService<CofferProviderOptions>() with { IdentityTokens = provider.GetRequiredService<WorkloadIdentityIssuer>() }));
        return services;
    }
}
