using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coffer.Server.Tests.Oidc;

/// <summary>Reads a server's issuer documents over HTTP and checks tokens against them, as a relying party does.</summary>
public static class IssuerKeys
{
    public static async Task<JsonElement> DiscoveryAsync(LoopbackCofferServer server) =>
        await server.GetJsonAsync("oidc/.well-known/openid-configuration");

    public static async Task<JsonElement> JwksAsync(LoopbackCofferServer server) =>
        await server.GetJsonAsync("oidc/.well-known/jwks");

    public static async Task<IReadOnlyList<string>> KeyIdsAsync(LoopbackCofferServer server) =>
        [.. (await JwksAsync(server)).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    /// <summary>Validates <paramref name="token"/> against the keys <paramref name="server"/> publishes; throws when it does not verify.</summary>
    public static async Task<JsonWebToken> VerifyAsync(LoopbackCofferServer server, string token, string audience, bool checkLifetime = true)
    {
        var discovery = await DiscoveryAsync(server);
        var issuer = discovery.GetProperty("issuer").GetString()!;
        var keys = new JsonWebKeySet((await JwksAsync(server)).GetRawText()).GetSigningKeys();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = audience,
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = checkLifetime,
            ClockSkew = TimeSpan.Zero,
        });
        if (!result.IsValid)
        {
            throw new InvalidOperationException("the token does not verify: " + result.Exception?.Message, result.Exception);
        }
        return (JsonWebToken)result.SecurityToken;
    }

    /// <summary>The key id in a token's header.</summary>
    public static string KeyIdOf(string token) => new JsonWebToken(token).Kid;
}
