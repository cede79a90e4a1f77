using Coffer.Providers.Aws;
using Coffer.Providers.Azure;
using Coffer.Providers.Gcp;
using Coffer.Providers.Http;
using Coffer.Providers.Oidc;

namespace Coffer.Providers;

/// <summary>How the host configures Coffer's providers. Nothing here can be set from an environment.</summary>
public sealed record CofferProviderOptions
{
    /// <summary>
    /// The HTTP client the providers send with; a shared client that follows no redirects when null.
    /// Its own <see cref="HttpClient.Timeout"/> should be infinite: <see cref="RemoteCalls"/> bounds calls.
    /// </summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Issues identity tokens for OIDC logins; without it, OIDC logins fail with a clear message.</summary>
    public IWorkloadIdentityTokens? IdentityTokens { get; init; }

    /// <summary>Where the AWS providers send requests.</summary>
    public AwsEndpoints AwsEndpoints { get; init; } = AwsEndpoints.Public;

    /// <summary>Where the Azure providers send requests.</summary>
    public AzureEndpoints AzureEndpoints { get; init; } = AzureEndpoints.Public;

    /// <summary>Where the Google Cloud providers send requests.</summary>
    public GcpEndpoints GcpEndpoints { get; init; } = GcpEndpoints.Public;

    /// <summary>Timeouts and retries of every remote call.</summary>
    public RemoteCallOptions RemoteCalls { get; init; } = RemoteCallOptions.Default;

    /// <summary>How many requests one <c>fn::open</c> call may have in flight (for example secrets fetched at once).</summary>
    public int MaxConcurrentRequestsPerOpen { get; init; } = 4;

    /// <summary>The clock (request signatures, backoff delays, timeouts).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
