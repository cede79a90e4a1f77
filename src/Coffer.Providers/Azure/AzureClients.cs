using Coffer.Providers.Http;

namespace Coffer.Providers.Azure;

/// <summary>The Azure clients the providers share, built once from the host's options.</summary>
internal sealed class AzureClients
{
    public AzureClients(CofferProviderOptions options)
    {
        Options = options;
        Http = options.HttpClient ?? SharedHttpClient.Instance;
        Entra = new EntraTokenClient(Http, new RemoteCall(options.RemoteCalls, options.TimeProvider), options.AzureEndpoints, options.TimeProvider);
    }

    public CofferProviderOptions Options { get; }

    public HttpClient Http { get; }

    public EntraTokenClient Entra { get; }

    public AzureEndpoints Endpoints => Options.AzureEndpoints;
}
