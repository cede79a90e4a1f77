using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Http;

namespace Coffer.Providers.Vault;

/// <summary>
/// Calls Vault's HTTP API: <c>&lt;address&gt;/v1/&lt;path&gt;</c> with the token in
/// <c>X-Vault-Token</c> and the namespace in <c>X-Vault-Namespace</c>. Vault reports failures as
/// <c>{"errors": ["..."]}</c> with the HTTP status; 429 (rate-limit quotas) and 5xx (sealed,
/// standby, internal errors) are retried.
/// </summary>
internal sealed class VaultClient(HttpClient http, RemoteCall call)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    /// <summary>One API call.</summary>
    /// <param name="Address">The server, from <see cref="VaultAddress.Parse"/>.</param>
    /// <param name="Method">GET to read, POST to log in or create.</param>
    /// <param name="Path">The path under <c>/v1/</c>, already encoded (<see cref="VaultPath.Encode"/>).</param>
    /// <param name="Namespace">The Vault Enterprise namespace, or null.</param>
    /// <param name="Token">The Vault token to send, or null (logins).</param>
    /// <param name="Body">The JSON body, or null.</param>
    public sealed record Request(Uri Address, HttpMethod Method, string Path, string? Namespace, string? Token, byte[]? Body);

    /// <summary>What a call is about, for its failure message.</summary>
    /// <param name="Provider">The provider (<c>vault-secrets</c>).</param>
    /// <param name="Operation">The operation as people know it (<c>read</c>, <c>JWT login</c>).</param>
    /// <param name="Subject">What it was about, already quoted (<c>"secret/data/api"</c>).</param>
    /// <param name="Secrets">What the request carried that must never appear in a message.</param>
    public sealed record CallDescription(string Provider, string Operation, string Subject, IReadOnlyList<string?> Secrets);

    /// <summary>Sends the request and returns Vault's answer, or throws <see cref="ProviderException"/>.</summary>
    public async Task<JsonDocument> SendAsync(Request request, CallDescription description, CancellationToken cancellationToken)
    {
        var uri = new Uri(request.Address, "v1/" + request.Path);
        RemoteResponse response;
        try
        {
            response = await call.SendAsync(
                http,
                () =>
                {
                    var message = new HttpRequestMessage(request.Method, uri);
                    if (request.Body is not null)
                    {
                        message.Content = new ByteArrayContent(request.Body);
                        message.Content.Headers.ContentType = JsonContentType;
                    }
                    if (request.Token is not null)
                    {
                        message.Headers.TryAddWithoutValidation("X-Vault-Token", request.Token);
                    }
                    if (request.Namespace is not null)
                    {
                        message.Headers.TryAddWithoutValidation("X-Vault-Namespace", request.Namespace);
                    }
                    // Vault refuses browser-like requests without it on some endpoints; the CLI sends it too.
                    message.Headers.TryAddWithoutValidation("X-Vault-Request", "true");
                    return message;
                },
                (message, content) => message.IsSuccessStatusCode
                    ? new RemoteResponse(message.StatusCode, content, null, null, false)
                    : new RemoteResponse(message.StatusCode, content, null, ReadErrors(content), IsTransient(message.StatusCode)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteCallException ex)
        {
            throw Failure(description, ex.Message);
        }

        if (!response.IsSuccess)
        {
            var text = RemoteErrorText.Clean(response.ErrorMessage, description.Secrets);
            var status = $"HTTP {(int)response.Status}";
            throw Failure(description, text.Length == 0 ? $"{status}{Meaning(response.Status)}" : $"{status}: {text}");
        }
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            throw Failure(description, "the answer is not JSON");
        }
    }

    public static ProviderException Failure(CallDescription description, string reason) =>
        new($"{description.Provider}: Vault {description.Operation} of {description.Subject} failed: {reason}");

    private static bool IsTransient(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    /// <summary>What a bare status means in Vault, for answers with an empty <c>errors</c> list.</summary>
    private static string Meaning(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => " (nothing at this path)",
        HttpStatusCode.Forbidden => " (permission denied)",
        HttpStatusCode.ServiceUnavailable => " (Vault is sealed or unavailable)",
        // Standby nodes redirect to the active one; redirects are not followed, so a token is never
        // sent to an address the definition did not name.
        HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect => " (redirected: name the active node or the load balancer in address)",
        _ => "",
    };

    /// <summary>The <c>errors</c> of a Vault error body, joined; null when the body has none (a proxy's page).</summary>
    private static string? ReadErrors(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array)
            {
                var texts = errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
                return texts.Count == 0 ? null : string.Join("; ", texts);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the status alone describes the failure.
        }
        return null;
    }
}
