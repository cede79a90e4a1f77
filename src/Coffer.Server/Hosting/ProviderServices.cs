using Coffer.Language.Hosting;
using Coffer.Providers;
using Coffer.Providers.Aws;
using Coffer.Server.Oidc;

namespace Coffer.Server.Hosting;

/// <summary>
/// Registers Coffer's providers, with the server's OIDC issuer minting their identity tokens.
/// <see cref="CofferProviderOptions"/> is a service so tests can point the providers at emulators
/// (through the <c>configure</c> callback of <see cref="ServerApplication.CreateAsync"/>). The
/// operator may point the AWS providers at other endpoints (VPC or FIPS endpoints, a local AWS
/// emulator) with the AWS SDKs' own variables, <c>AWS_ENDPOINT_URL_STS</c>,
/// <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c> and <c>AWS_ENDPOINT_URL_SSM</c>; environments, written by
/// users, never choose where credentials go.
/// </summary>
public static class ProviderServices
{
    public static IServiceCollection AddProviders(this IServiceCollection services)
    {
        services.AddSingleton(new CofferProviderOptions { AwsEndpoints = AwsEndpointsFromEnvironment() });
        services.AddSingleton<IProviderRegistry>(provider => CofferProviders.Create(
            provider.GetRequiredService<CofferProviderOptions>() with { IdentityTokens = provider.GetRequiredService<WorkloadIdentityIssuer>() }));
        return services;
    }

    private static AwsEndpoints AwsEndpointsFromEnvironment() => new()
    {
        Sts = EndpointVariable("AWS_ENDPOINT_URL_STS"),
        SecretsManager = EndpointVariable("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
        Ssm = EndpointVariable("AWS_ENDPOINT_URL_SSM"),
    };

    private static Uri? EndpointVariable(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : throw new ArgumentException($"{name} must be an http or https URL without credentials or a query, such as https://secretsmanager.us-east-1.amazonaws.com");
    }
}
