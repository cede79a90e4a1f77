using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>RSA public keys as JSON Web Keys (RFC 7517) and their thumbprints (RFC 7638).</summary>
internal static class Jwk
{
    /// <summary>The RFC 7638 thumbprint: base64url SHA-256 of the canonical <c>{"e","kty","n"}</c> JSON. Used as the key id.</summary>
    public static string Thumbprint(RSAParameters parameters)
    {
        var canonical = $$"""{"e":"{{Base64Url(parameters.Exponent!)}}","kty":"RSA","n":"{{Base64Url(parameters.Modulus!)}}"}""";
        return Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Writes a stored key's public half as a JWK.</summary>
    public static void Write(Utf8JsonWriter json, SigningKeyRecord key)
    {
        using var rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        json.WriteStartObject();
        json.WriteString("kty", "RSA");
        json.WriteString("use", "sig");
        json.WriteString("alg", key.Algorithm);
        json.WriteString("kid", key.Id);
        json.WriteString("n", Base64Url(parameters.Modulus!));
        json.WriteString("e", Base64Url(parameters.Exponent!));
        json.WriteEndObject();
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
