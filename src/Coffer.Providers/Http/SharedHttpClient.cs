namespace Coffer.Providers.Http;

/// <summary>The client providers use when the host gives none.</summary>
internal static class SharedHttpClient
{
    private static readonly Lazy<HttpClient> Client = new(() => new HttpClient(new SocketsHttpHandler
    {
        // A redirect would send a signed request, or a token, somewhere the provider did not choose.
        AllowAutoRedirect = false,
        // Endpoints move between addresses; pooled connections should notice.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    public static HttpClient Instance => Client.Value;
}
