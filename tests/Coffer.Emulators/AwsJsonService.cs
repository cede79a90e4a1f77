using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// What every emulated JSON 1.1 service does before its operation runs: <c>POST /</c> with the
/// protocol's content type, a known <c>X-Amz-Target</c>, a valid signature, and a JSON object body.
/// </summary>
public static class AwsJsonService
{
    public static void Map(WebApplication app, SigV4Verifier verifier, IReadOnlyDictionary<string, Func<JsonElement, HttpContext, Task<IResult>>> operations)
    {
        app.MapPost("/", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();

            if (verifier.Verify(context.Request, body) is { } failure)
            {
                var status = failure.Code is "UnrecognizedClientException" or "ExpiredTokenException" or "InvalidSignatureException" ? 400 : 403;
                return AwsJsonProtocol.Error(failure.Code, failure.Message, status);
            }
            if (context.Request.ContentType != AwsJsonProtocol.ContentType)
            {
                return AwsJsonProtocol.Error("SerializationException", "Unsupported content type");
            }
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            if (!operations.TryGetValue(target, out var operation))
            {
                return AwsJsonProtocol.Error("UnknownOperationException", "");
            }
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return AwsJsonProtocol.Error("SerializationException", "Start of structure or map found where not expected.");
                }
                return await operation(document.RootElement.Clone(), context);
            }
            catch (JsonException)
            {
                return AwsJsonProtocol.Error("SerializationException", "Malformed JSON body.");
            }
        });
    }

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
