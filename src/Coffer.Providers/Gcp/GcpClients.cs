using Coffer.Providers.Http;

namespace Coffer.Providers.Gcp;

/// <summary>The Google Cloud client the providers share, built once from the host's options.</summary>
internal sealed class GcpClients(CofferProviderOptions options)
{
    public CofferProviderOptions Options { get; } = options;

    public GoogleApiClient Api { get; } = new(options.HttpClient ?? SharedHttpClient.Instance, new RemoteCall(options.RemoteCalls, options.TimeProvider));

    public GcpEndpoints Endpoints => Options.GcpEndpoints;
}
