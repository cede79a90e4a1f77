using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Providers.Aws;
using Coffer.Providers.Http;

namespace Coffer.Providers.Gcp;

/// <summary>
/// Sends one request to a Google API and reads its JSON answer. Failures become a
/// <see cref="ProviderException"/> naming the provider, the call and Google's error (the REST
/// <c>{"error": {"status", "message"}}</c> or OAuth's <c>{"error", "error_description"}</c>), with
/// every token the call carried blanked out.
/// </summary>
internal sealed class GoogleApiClient(HttpClient http, RemoteCall call)
{
    /// <summary>What the call is, for messages: <c>gcp-login: IAM generateAccessToken for "sa@…"</c>.</summary>
    public sealed record CallDescription(string Provider, string Operation, string Target);

    public async Task<JsonDocument> SendAsync(
        HttpMethod method,
        Uri uri,
        byte[]? body,
        string? contentType,
        string? bearerToken,
        CallDescription description,
        IEnumerable<string?> secrets,
        CancellationToken cancellationToken)
    {
        RemoteResponse response;
        try
        {
            response = await call.SendAsync(
                http,
                () =>
                {
                    var message = new HttpRequestMessage(method, uri);
                    if (body is not null)
                    {
                        message.Content = new ByteArrayContent(body);
                        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
                    }
                    if (bearerToken is not null)
                    {
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
                    }
                    return message;
                },
                (message, content) =>
                {
                    if (message.IsSuccessStatusCode)
                    {
                        return new RemoteResponse(message.StatusCode, content, null, null, false);
                    }
                    var (code, text) = ReadError(content);
                    var transient = message.StatusCode == HttpStatusCode.TooManyRequests || (int)message.StatusCode >= 500;
                    return new RemoteResponse(message.StatusCode, content, code, text, transient);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteCallException ex)
        {
            throw Failure(description, ex.Message);
        }

        if (!response.IsSuccess)
        {
            var status = (int)response.Status;
            var code = response.ErrorCode is { } known ? $"{known} ({status})" : $"HTTP {status}";
            var text = RemoteErrorText.Clean(response.ErrorMessage, [.. secrets, bearerToken]);
            throw Failure(description, text.Length == 0 ? code : $"{code}: {text}");
        }
        try
        {
            var document = JsonDocument.Parse(response.Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }
            document.Dispose();
        }
        catch (JsonException)
        {
        }
        throw Failure(description, "the answer is not a JSON object");
    }

    public static ProviderException Failure(CallDescription description, string reason) =>
        new($"{description.Provider}: {description.Operation} for {description.Target} failed: {reason}");

    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return (null, null);
            }
            if (error.ValueKind == JsonValueKind.Object)
            {
                string? Field(string key) => error.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return (Field("status"), Field("message"));
            }
            if (error.ValueKind == JsonValueKind.String)
            {
                var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                return (error.GetString(), description);
            }
        }
        catch (JsonException)
        {
        }
        return (null, null);
    }
}
