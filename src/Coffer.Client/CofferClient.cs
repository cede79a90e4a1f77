using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Coffer.Client.Models;
using Coffer.Client.Serialization;

namespace Coffer.Client;

/// <summary>
/// A client of the Coffer REST API — the same API as Pulumi ESC, so it also works against any
/// ESC-compatible server. Every method throws <see cref="CofferApiException"/> when the server
/// answers with an error, and <see cref="HttpRequestException"/> when it cannot be reached.
/// </summary>
public sealed partial class CofferClient : IDisposable
{
    private const string RevisionHeader = "Pulumi-ESC-Revision";
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _root;

    /// <summary>Creates a client of the server at <paramref name="serverUrl"/> (its root, such as <c>https://coffer.example.com</c>).</summary>
    /// <param name="serverUrl">The server's root URL; the client appends <c>/api/…</c>.</param>
    /// <param name="accessToken">The access token sent as <c>Authorization: token …</c>.</param>
    /// <param name="httpClient">An HTTP client to use (its base address is ignored); by default the client creates and owns one.</param>
    public CofferClient(Uri serverUrl, string accessToken, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        ServerUrl = serverUrl;
        _root = serverUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        AccessToken = accessToken;
    }

    // A client without a token, for signing in.
    private CofferClient(Uri serverUrl, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(serverUrl);
        ServerUrl = serverUrl;
        _root = serverUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient();
        AccessToken = "";
    }

    /// <summary>The server's root URL.</summary>
    public Uri ServerUrl { get; }

    private string AccessToken { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static string EnvironmentUrl(EnvironmentPath path) =>
        $"/api/esc/environments/{Escape(path.Organization)}/{Escape(path.Project)}/{Escape(path.Name)}";

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            }
        }
        return query.ToString();
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static StringContent Json<T>(T body, JsonTypeInfo<T> type) =>
        new(JsonSerializer.Serialize(body, type), Encoding.UTF8, "application/json");

    private static StringContent Yaml(string yaml) => new(yaml, Encoding.UTF8, "application/x-yaml");

    /// <summary>A request to this server with the headers every call carries (token, accepted type, user agent).</summary>
    internal HttpRequestMessage CreateRequest(HttpMethod method, string pathAndQuery, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, _root + pathAndQuery) { Content = content };
        if (AccessToken.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("token", AccessToken);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("coffer-client", typeof(CofferClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null, bool streaming = false)
    {
        using var request = CreateRequest(method, pathAndQuery, content);
        configure?.Invoke(request);
        var response = await _http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
        return response;
    }

    private async Task SendNoContentAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, pathAndQuery, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request and deserializes its answer. With <paramref name="async"/> false it blocks
    /// instead (<see cref="HttpClient.Send(HttpRequestMessage, HttpCompletionOption, CancellationToken)"/>)
    /// and returns a completed task: see <see cref="OpenAndReadEnvironment"/>.
    /// </summary>
    private async Task<T> SendJsonAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken, bool async = true)
    {
        // Sends the request itself rather than through SendAsync: each async method that waits
        // for the network costs a short-lived program (the CLI) its JIT compilation at the first
        // request, and this is the path of nearly every call.
        using var request = CreateRequest(method, pathAndQuery, content);
        using var response = async
            ? await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false)
            : _http.Send(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = async ? await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false) : ReadBuffered(response.Content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Error(response, body);
        }
        return Deserialize(response, body, type);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        Deserialize(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false), type);

    // The content of a response sent with ResponseContentRead is already in memory.
    private static byte[] ReadBuffered(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = content.ReadAsStream(cancellationToken);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static T Deserialize<T>(HttpResponseMessage response, byte[] body, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new CofferApiException(response.StatusCode, "the server sent an empty response where data was expected");
        }
        catch (JsonException ex)
        {
            throw new CofferApiException($"the server sent a response this client does not understand ({ex.Message})", ex);
        }
    }

    private static async Task<CofferApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Error(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>The server's <c>{"code", "message", "diagnostics"}</c> body; the status text when the body is not that.</summary>
    private static CofferApiException Error(HttpResponseMessage response, byte[] content)
    {
        ErrorBody? body = null;
        try
        {
            // As text: bytes that are not UTF-8 become replacement characters, not an exception.
            var text = Encoding.UTF8.GetString(content);
            body = text.Length == 0 ? null : JsonSerializer.Deserialize(text, ClientJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
        }
        var message = body?.Message is { Length: > 0 } m ? m : DefaultMessage(response.StatusCode, response.ReasonPhrase);
        if ((int)response.StatusCode >= 500 && response.Headers.TryGetValues("X-Pulumi-Request-ID", out var ids))
        {
            message += $" (request {ids.First()})";
        }
        return new CofferApiException(response.StatusCode, message, body?.Diagnostics);
    }

    private static string DefaultMessage(HttpStatusCode status, string? reason) => status switch
    {
        HttpStatusCode.Unauthorized => "the access token is missing or invalid",
        HttpStatusCode.Forbidden => "permission denied",
        HttpStatusCode.NotFound => "not found",
        HttpStatusCode.TooManyRequests => "request rate limit exceeded",
        _ => $"the server answered {(int)status} {reason}".TrimEnd(),
    };

    private static int RevisionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RevisionHeader, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw new CofferApiException(response.StatusCode, $"the server did not send the {RevisionHeader} header");
}
