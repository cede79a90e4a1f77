using Coffer.Providers.Http;

namespace Coffer.Providers.Aws;

/// <summary>The AWS clients the providers share, built once from the host's options.</summary>
internal sealed class AwsClients
{
    public AwsClients(CofferProviderOptions options)
    {
        Options = options;
        var http = options.HttpClient ?? SharedHttpClient.Instance;
        var call = new RemoteCall(options.RemoteCalls, options.TimeProvider);
        Sts = new StsClient(http, call, options.AwsEndpoints);
        Json = new AwsJsonClient(http, call, options.TimeProvider);
    }

    public CofferProviderOptions Options { get; }

    public StsClient Sts { get; }

    public AwsJsonClient Json { get; }

    public AwsEndpoints Endpoints => Options.AwsEndpoints;
}
