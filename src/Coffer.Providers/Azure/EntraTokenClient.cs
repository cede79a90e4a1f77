using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Http;

namespace Coffer.Providers.Azure;

/// <summary>
/// The Entra ID token endpoint's client-credentials grant (v2.0), with a client secret or with a
/// client assertion (<c>urn:ietf:params:oauth:client-assertion-type:jwt-bearer</c>): the federated
/// credential exchange that turns a Coffer identity token into an Azure access token.
/// </summary>
internal sealed class EntraTokenClient(HttpClient http, RemoteCall call, AzureEndpoints endpoints, TimeProvider clock)
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");

    /// <summary>An access token and when it expires.</summary>
    public sealed record AccessToken(string Token, DateTimeOffset ExpiresOn)
    {
        public override string ToString() => $"AccessToken {{ ExpiresOn = {ExpiresOn:O} }}";
    }

    public async Task<AccessToken> RequestAsync(AzureClientCredentials credentials, string scope, string provider, CancellationToken cancellationToken)
    {
        var form = new List<(string, string)>
        {
            ("client_id", credentials.ClientId),
            ("scope", scope),
            ("grant_type", "client_credentials"),
        };
        if (credentials.ClientAssertion is { } assertion)
        {
            form.Add(("client_assertion_type", AssertionType));
            form.Add(("client_assertion", assertion));
        }
        else
        {
            form.Add(("client_secret", credentials.ClientSecret!));
        }
        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}")));
        var endpoint = endpoints.TokenEndpoint(credentials.TenantId);

        RemoteResponse response;
        try
        {
            response = await call.SendAsync(
                http,
                () =>
                {
                    var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                    message.Content.Headers.ContentType = FormContentType;
                    return message;
                },
                (message, content) =>
                {
                    if (message.IsSuccessStatusCode)
                    {
                        return new RemoteResponse(message.StatusCode, content, null, null, false);
                    }
                    var (code, text) = ReadError(content);
                    var transient = message.StatusCode == HttpStatusCode.TooManyRequests || (int)message.StatusCode >= 500 || code == "temporarily_unavailable";
                    return new RemoteResponse(message.StatusCode, content, code, text, transient);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteCallException ex)
        {
            throw Failure(provider, credentials, ex.Message);
        }

        if (!response.IsSuccess)
        {
            var code = response.ErrorCode ?? $"HTTP {(int)response.Status}";
            var text = RemoteErrorText.Clean(response.ErrorMessage, credentials.Secrets);
            throw Failure(provider, credentials, text.Length == 0 ? code : $"{code}: {text}");
        }
        return ReadToken(response.Body) ?? throw Failure(provider, credentials, "the answer holds no access token");
    }

    private static ProviderException Failure(string provider, AzureClientCredentials credentials, string reason) =>
        new($"{provider}: Entra ID token request for client \"{credentials.ClientId}\" in tenant \"{credentials.TenantId}\" failed: {reason}");

    private AccessToken? ReadToken(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String || token.GetString()!.Length == 0)
            {
                return null;
            }
            var seconds = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt32(out var s) ? s : 3600;
            return new AccessToken(token.GetString()!, clock.GetUtcNow().AddSeconds(Math.Clamp(seconds, 0, 86_400)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The OAuth error and the first line of its description: Entra appends trace and correlation
    /// ids and a timestamp on further lines, which only make the message differ between attempts.
    /// </summary>
    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }
            var code = root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
            var description = root.TryGetProperty("error_description", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            var firstLine = description?.Split(['\r', '\n'], 2)[0].Trim();
            return (code, firstLine);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
