using System.Text;
using System.Text.Json;

namespace Coffer.Server.Api;

/// <summary>
/// Reads request bodies. YAML bodies are read as raw text whatever their Content-Type (the esc CLI
/// labels YAML as <c>application/json</c>); JSON bodies are parsed case-insensitively. Oversized
/// bodies get 413 before anything is parsed.
/// </summary>
public static class RequestBody
{
    public static async Task<string> ReadTextAsync(HttpContext context, int maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ApiError.BadRequest("the request body is not valid UTF-8");
        }
    }

    public static async Task<T> ReadJsonAsync<T>(HttpContext context, int maxBytes = 64 * 1024)
        where T : class =>
        await ReadOptionalJsonAsync<T>(context, maxBytes) ?? throw ApiError.BadRequest("the request needs a JSON body");

    /// <summary>
    /// A JSON body, or null when there is none. Whether there is one is known only by reading: a
    /// chunked body has no Content-Length.
    /// </summary>
    public static async Task<T?> ReadOptionalJsonAsync<T>(HttpContext context, int maxBytes = 64 * 1024)
        where T : class
    {
        var text = await ReadTextAsync(context, maxBytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            if (HasNulCharacter(text))
            {
                throw ApiError.BadRequest("strings in the request body must not contain NUL characters (\\u0000)");
            }
            return JsonSerializer.Deserialize<T>(text, ApiJson.Options) ?? throw ApiError.BadRequest("the request needs a JSON object");
        }
        catch (JsonException ex)
        {
            throw ApiError.BadRequest($"the request body is not valid JSON: {ex.Message}");
        }
    }

    // PostgreSQL text cannot hold NUL; refusing it here keeps every database behaving the same.
    private static bool HasNulCharacter(string json)
    {
        if (!json.Contains("\\u0000", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.GetString()!.Contains('\0', StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    private static ApiError TooLarge(int maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the request body is larger than the limit of {maxBytes} bytes");
}
