using System.Buffers;
using System.Text.Json;
using Coffer.Server.Api;

namespace Coffer.Server.Oidc;

/// <summary>
/// The issuer's public documents, readable without a token (relying parties fetch them):
/// <c>/oidc/.well-known/openid-configuration</c> and <c>/oidc/.well-known/jwks</c>.
/// </summary>
public static class OidcEndpoints
{
    /// <summary>The path prefix the authentication middleware lets through without a token.</summary>
    public const string PublicPrefix = OidcIssuer.PathBase + "/.well-known/";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(OidcIssuer.PathBase + "/.well-known/openid-configuration", Discovery).ExcludeFromDescription();
        app.MapGet(OidcIssuer.PathBase + "/.well-known/jwks", JwksAsync).ExcludeFromDescription();
    }

    private static IResult Discovery(OidcIssuer issuer) => Responses.RawJson(Json(json =>
    {
        json.WriteString("issuer", issuer.Url);
        json.WriteString("jwks_uri", issuer.JwksUrl);
        WriteArray(json, "response_types_supported", "id_token");
        WriteArray(json, "subject_types_supported", "public");
        WriteArray(json, "id_token_signing_alg_values_supported", SigningKeys.Algorithm);
        WriteArray(json, "scopes_supported", "openid");
        WriteArray(json, "claims_supported", "iss", "sub", "aud", "iat", "nbf", "exp", "jti", "org", "env", "current_env", "root_env", "root_env_revision", "trigger_user");
    }));

    private static async Task<IResult> JwksAsync(SigningKeys keys, CancellationToken cancellationToken)
    {
        var published = await keys.PublishedAsync(cancellationToken);
        return Responses.RawJson(Json(json =>
        {
            json.WriteStartArray("keys");
            foreach (var key in published)
            {
                Jwk.Write(json, key);
            }
            json.WriteEndArray();
        }));
    }

    private static void WriteArray(Utf8JsonWriter json, string name, params string[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
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
