using System.Text;
using System.Text.Json;

namespace Coffer.Server.Storage;

/// <summary>
/// Opaque page positions: the sort key of the last item of a page, as a base64url JSON array of
/// strings. Callers treat tokens as opaque; anything that does not decode to the expected shape is
/// a <see cref="FormatException"/> (a client error, never a server fault).
/// </summary>
internal static class ContinuationToken
{
    public static string Encode(params string[] key) =>
        Base64Url(JsonSerializer.SerializeToUtf8Bytes(key, ContinuationTokenJson.Default.StringArray));

    public static string[] Decode(string token, int parts)
    {
        string[]? key;
        try
        {
            key = JsonSerializer.Deserialize(FromBase64Url(token), ContinuationTokenJson.Default.StringArray);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            throw Invalid();
        }
        if (key is null || key.Length != parts || key.Any(part => part is null))
        {
            throw Invalid();
        }
        return key;
    }

    private static FormatException Invalid() => new("the continuation token is not valid");

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string token)
    {
        var base64 = new StringBuilder(token.Length + 3).Append(token).Replace('-', '+').Replace('_', '/');
        base64.Append('=', (4 - (base64.Length % 4)) % 4);
        return Convert.FromBase64String(base64.ToString());
    }
}
