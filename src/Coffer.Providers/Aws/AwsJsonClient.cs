using System.Net.Http.Headers;
using System.Text.Json;
using Coffer.Language.Hosting;
using Coffer.Providers.Aws.Signing;
using Coffer.Providers.Http;

namespace Coffer.Providers.Aws;

/// <summary>
/// Calls an AWS service that speaks the JSON 1.1 protocol (Secrets Manager, SSM): a signed
/// <c>POST /</c> with <c>X-Amz-Target: Service.Operation</c> and a JSON body.
/// </summary>
internal sealed class AwsJsonClient(HttpClient http, RemoteCall call, TimeProvider time)
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");

    /// <summary>What a call is about, for its failure message.</summary>
    /// <param name="Provider">The provider name (<c>aws-secrets</c>).</param>
    /// <param name="Operation">The operation as people know it (<c>Secrets Manager GetSecretValue</c>).</param>
    /// <param name="Subject">What it was asked for (<c>"prod/db"</c>), already quoted, or empty.</param>
    public sealed record CallDescription(string Provider, string Operation, string Subject);

    /// <summary>Sends the request and returns the parsed answer, or throws <see cref="ProviderException"/>.</summary>
    public async Task<JsonDocument> CallAsync(
        Uri endpoint,
        string signingService,
        string region,
        string target,
        byte[] body,
        AwsCredentials credentials,
        CallDescription description,
        CancellationToken cancellationToken)
    {
        RemoteResponse response;
        try
        {
            response = await call.SendAsync(
                http,
                () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = JsonContentType;
                    request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
                    SigV4Signer.Sign(request, body, credentials, region, signingService, time.GetUtcNow());
                    return request;
                },
                (message, content) =>
                {
                    if (message.IsSuccessStatusCode)
                    {
                        return new RemoteResponse(message.StatusCode, content, null, null, false);
                    }
                    var (code, text) = AwsServiceError.ReadJsonError(message, content);
                    return new RemoteResponse(message.StatusCode, content, code, text, AwsServiceError.IsTransient(message.StatusCode, code));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteCallException ex)
        {
            throw Failure(description, ex.Message);
        }

        if (!response.IsSuccess)
        {
            var code = response.ErrorCode ?? $"HTTP {(int)response.Status}";
            var text = RemoteErrorText.Clean(response.ErrorMessage, [credentials.SecretAccessKey, credentials.SessionToken]);
            throw Failure(description, text.Length == 0 ? code : $"{code}: {text}");
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

    private static ProviderException Failure(CallDescription description, string reason)
    {
        var subject = description.Subject.Length == 0 ? "" : $" of {description.Subject}";
        return new ProviderException($"{description.Provider}: {description.Operation}{subject} failed: {reason}");
    }
}
