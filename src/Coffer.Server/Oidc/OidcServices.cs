using Coffer.Server.Hosting;

namespace Coffer.Server.Oidc;

/// <summary>Registers the OIDC issuer: its URL, signing keys, token minting and key maintenance.</summary>
public static class OidcServices
{
    public static IServiceCollection AddOidcIssuer(this IServiceCollection services, ServerOptions options)
    {
        if (options.IssuerUrl is { Length: > 0 } url)
        {
            // Fail at start-up, not at the first token.
            OidcIssuer.Normalize(url);
        }
        if (options.SigningKeyRotation < SigningKeyPolicy.MinRotationInterval)
        {
            throw new ArgumentException($"the signing key rotation interval must be at least {SigningKeyPolicy.MinRotationInterval.TotalHours:0}h");
        }
        services.AddSingleton(new SigningKeyPolicy { RotationInterval = options.SigningKeyRotation });
        services.AddSingleton<OidcIssuer>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<WorkloadIdentityIssuer>();
        services.AddHostedService<SigningKeyMaintenanceWorker>();
        return services;
    }
}
