using Coffer.Providers.Http;

namespace Coffer.Providers.Vault;

/// <summary>The Vault client the providers share, built once from the host's options.</summary>
internal sealed class VaultClients(CofferProviderOptions options)
{
    public CofferProviderOptions Options { get; } = options;

    public VaultClient Client { get; } = new(options.HttpClient ?? SharedHttpClient.Instance, new RemoteCall(options.RemoteCalls, options.TimeProvider));
}
