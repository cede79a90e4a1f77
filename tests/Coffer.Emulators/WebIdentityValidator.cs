using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coffer.Emulators;

/// <summary>
/// Validates a web-identity token as STS does: the issuer must be a registered identity provider;
/// its keys come from the JWKS its discovery document points to, fetched over HTTP for each call
/// (STS caches, but fetching proves the path); signature, issuer, audience and lifetime must hold.
/// </summary>
public sealed class WebIdentityValidator
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public sealed record Outcome(string? Issuer, string? Audience, string? Subject, SigV4Verifier.Failure? Failure);

    public async Task<Outcome> ValidateAsync(string token, IReadOnlyDictionary<string, string[]> identityProviders, CancellationToken cancellationToken)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token))
        {
            return Fail("InvalidIdentityToken", "Couldn't parse the web identity token");
        }
        var unverified = handler.ReadJsonWebToken(token);
        if (!identityProviders.TryGetValue(unverified.Issuer, out var audiences))
        {
            return Fail("InvalidIdentityToken", $"No OpenIDConnect provider found in your account for {unverified.Issuer}");
        }

        IList<SecurityKey> keys;
        try
        {
            using var discovery = JsonDocument.Parse(await Http.GetStringAsync(unverified.Issuer + "/.well-known/openid-configuration", cancellationToken));
            var jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
            keys = new JsonWebKeySet(await Http.GetStringAsync(jwksUri, cancellationToken)).GetSigningKeys();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException)
        {
            return Fail("IDPCommunicationError", "Couldn't retrieve verification key from your identity provider, please reference AssumeRoleWithWebIdentity documentation for requirements");
        }

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = unverified.Issuer,
            ValidAudiences = audiences,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
        return result.Exception switch
        {
            null => new Outcome(unverified.Issuer, unverified.Audiences.Single(), unverified.Subject, null),
            SecurityTokenExpiredException => Fail("ExpiredTokenException", $"Token expired: current date/time {DateTime.UtcNow:O} must be before the expiration date/time {unverified.ValidTo:O}"),
            SecurityTokenInvalidAudienceException => Fail("InvalidIdentityToken", "Incorrect token audience"),
            SecurityTokenSignatureKeyNotFoundException => Fail("InvalidIdentityToken", "The key id of the token's signature is not in the issuer's JWKS"),
            SecurityTokenInvalidSignatureException => Fail("InvalidIdentityToken", "The token's signature is invalid"),
            _ => Fail("InvalidIdentityToken", "The web identity token is invalid"),
        };
    }

    private static Outcome Fail(string code, string message) => new(null, null, null, new SigV4Verifier.Failure(code, message));
}
