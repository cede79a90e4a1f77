using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Oidc;

/// <summary>Writes RS256-signed JWTs (RFC 7519) in compact form.</summary>
internal static class JwtWriter
{
    public static string Sign(string keyId, RSA key, Action<Utf8JsonWriter> writeClaims)
    {
        var header = Json(json =>
        {
            json.WriteString("alg", SigningKeys.Algorithm);
            json.WriteString("kid", keyId);
            json.WriteString("typ", "JWT");
        });
        var payload = Json(writeClaims);
        var signingInput = Jwk.Base64Url(header) + "." + Jwk.Base64Url(payload);
        byte[] signature;
        // One RSA instance per key is shared by concurrent opens; its members are not documented as thread-safe.
        lock (key)
        {
            signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        return signingInput + "." + Jwk.Base64Url(signature);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
