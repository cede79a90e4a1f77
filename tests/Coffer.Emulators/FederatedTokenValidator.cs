using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coffer.Emulators;

/// <summary>
/// What a cloud's token service checks in an external identity token before federating it: the
/// signature against the issuer's JWKS (found through its discovery document and fetched over HTTP
/// for each call, so a key rotated out of the JWKS stops working), the issuer, one of the accepted
/// audiences, and the lifetime. Each emulator turns the verdict into its own service's error.
/// </summary>
public sealed class FederatedTokenValidator
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public enum Verdict
    {
        Valid,
        Malformed,
        IssuerUnreachable,
        Expired,
        WrongAudience,
        UnknownSigningKey,
        BadSignature,
        Invalid,
    }

    public sealed record Outcome(Verdict Verdict, string Issuer, IReadOnlyList<string> Audiences, string Subject, DateTime ValidTo);

    /// <summary>The token's claims, unverified, or null when it is not a JWT.</summary>
    public static JsonWebToken? Read(string token)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token) : null;
    }

    public async Task<Outcome> ValidateAsync(string token, string expectedIssuer, IReadOnlyCollection<string> audiences, CancellationToken cancellationToken)
    {
        var unverified = Read(token);
        if (unverified is null)
        {
            return new Outcome(Verdict.Malformed, "", [], "", default);
        }
        Outcome Result(Verdict verdict) => new(verdict, unverified.Issuer, [.. unverified.Audiences], unverified.Subject ?? "", unverified.ValidTo);

        IList<SecurityKey> keys;
        try
        {
            using var discovery = JsonDocument.Parse(await Http.GetStringAsync(expectedIssuer.TrimEnd('/') + "/.well-known/openid-configuration", cancellationToken));
            var jwksUri = discovery.RootElement.GetProperty("jwks_uri").GetString()!;
            keys = new JsonWebKeySet(await Http.GetStringAsync(jwksUri, cancellationToken)).GetSigningKeys();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return Result(Verdict.IssuerUnreachable);
        }

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = expectedIssuer,
            ValidAudiences = audiences,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
        });
        return Result(result.Exception switch
        {
            null => Verdict.Valid,
            SecurityTokenExpiredException => Verdict.Expired,
            SecurityTokenInvalidAudienceException => Verdict.WrongAudience,
            SecurityTokenSignatureKeyNotFoundException => Verdict.UnknownSigningKey,
            SecurityTokenInvalidSignatureException => Verdict.BadSignature,
            _ => Verdict.Invalid,
        });
    }
}
