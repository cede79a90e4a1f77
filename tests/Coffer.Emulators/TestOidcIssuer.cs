using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coffer.Emulators;

/// <summary>
/// An OIDC issuer on loopback standing in for the server's: it publishes a discovery document and
/// its JWKS over HTTP and signs RS256 tokens with a real RSA key. It also holds a second key it
/// never publishes, to sign tokens a relying party must reject.
/// </summary>
public sealed class TestOidcIssuer : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly RsaSecurityKey _publishedKey;
    private readonly RsaSecurityKey _unpublishedKey;
    private int _jwksFetches;
    private int _jwksFailures;

    private TestOidcIssuer(LoopbackServer server, RsaSecurityKey publishedKey, RsaSecurityKey unpublishedKey)
    {
        _server = server;
        _publishedKey = publishedKey;
        _unpublishedKey = unpublishedKey;
    }

    /// <summary>The issuer URL (<c>iss</c>), as the server's would be: <c>&lt;base&gt;/oidc</c>.</summary>
    public string Issuer => new Uri(_server.BaseAddress, "oidc").ToString();

    /// <summary>How many times the JWKS was fetched.</summary>
    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Makes the next <paramref name="times"/> JWKS requests fail with 503, as an issuer that is briefly down.</summary>
    public void FailJwks(int times) => Volatile.Write(ref _jwksFailures, times);

    public static async Task<TestOidcIssuer> StartAsync()
    {
        var published = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "coffer-" + Guid.NewGuid().ToString("N")[..8] };
        var unpublished = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "unpublished-" + Guid.NewGuid().ToString("N")[..8] };
        TestOidcIssuer? issuer = null;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/oidc/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer!.Issuer,
                ["jwks_uri"] = issuer.Issuer + "/.well-known/jwks",
                ["response_types_supported"] = new[] { "id_token" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            }));
            app.MapGet("/oidc/.well-known/jwks", () =>
            {
                Interlocked.Increment(ref issuer!._jwksFetches);
                if (Interlocked.Decrement(ref issuer._jwksFailures) >= 0)
                {
                    return Results.StatusCode(503);
                }
                Interlocked.Exchange(ref issuer._jwksFailures, 0);
                var parameters = published.Rsa.ExportParameters(includePrivateParameters: false);
                return Results.Json(new Dictionary<string, object>
                {
                    ["keys"] = new[]
                    {
                        new Dictionary<string, string>
                        {
                            ["kty"] = "RSA",
                            ["use"] = "sig",
                            ["alg"] = "RS256",
                            ["kid"] = published.KeyId,
                            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                        },
                    },
                });
            });
        });
        issuer = new TestOidcIssuer(server, published, unpublished);
        return issuer;
    }

    /// <summary>Signs a token with these claims; with the unpublished key when <paramref name="withUnpublishedKey"/>.</summary>
    public string Sign(string audience, string subject, DateTimeOffset issuedAt, TimeSpan lifetime, IReadOnlyDictionary<string, object>? extraClaims = null, bool withUnpublishedKey = false)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>())
        {
            ["sub"] = subject,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(withUnpublishedKey ? _unpublishedKey : _publishedKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
