using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Coffer.Emulators;

/// <summary>
/// Vault's JWT auth method: <c>POST /v1/auth/&lt;mount&gt;/login {role, jwt}</c>. The mount is
/// configured with <c>oidc_discovery_url</c> (keys are fetched over HTTP through the discovery
/// document at each login; Vault caches them, fetching proves the path) and <c>bound_issuer</c>.
/// The role binds audiences, a subject and claims, names the claim that identifies the user and
/// gives the token's policies and TTL. Vault's default 150 s leeway applies to expiry.
/// </summary>
public sealed partial class VaultEmulator
{
    private static readonly HttpClient DiscoveryClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private static readonly TimeSpan ExpirationLeeway = TimeSpan.FromSeconds(150);

    /// <summary>A JWT auth role.</summary>
    /// <param name="BoundAudiences">The <c>aud</c> values accepted; a token with an audience needs one of them.</param>
    /// <param name="UserClaim">The claim naming the user (<c>sub</c>); it must be present.</param>
    /// <param name="BoundSubject">The exact <c>sub</c> required, or null.</param>
    /// <param name="BoundClaims">Claims and their accepted values; a claim holding a list must hold one of them.</param>
    /// <param name="GlobClaims">Whether <see cref="BoundClaims"/> are globs (<c>bound_claims_type=glob</c>, <c>*</c> matches any run).</param>
    /// <param name="TokenPolicies">The policies of the token a login gets.</param>
    /// <param name="TokenTtl">The lifetime of that token.</param>
    public sealed record JwtRole(
        IReadOnlyList<string> BoundAudiences,
        string UserClaim = "sub",
        string? BoundSubject = null,
        IReadOnlyDictionary<string, string[]>? BoundClaims = null,
        bool GlobClaims = false,
        IReadOnlyList<string>? TokenPolicies = null,
        TimeSpan? TokenTtl = null);

    /// <summary>A successful JWT login: the token's claims as Vault saw them and the token issued.</summary>
    public sealed record JwtLogin(string Mount, string Role, string Subject, IReadOnlyList<string> Audiences, VaultTokenStore.Token Token);

    /// <summary>Every successful JWT login, in order.</summary>
    public ConcurrentQueue<JwtLogin> JwtLogins { get; } = new();

    /// <summary><c>vault auth enable -path=&lt;mount&gt; jwt</c> and <c>vault write auth/&lt;mount&gt;/config oidc_discovery_url=… bound_issuer=…</c>.</summary>
    public void EnableJwtAuth(string mount, string discoveryUrl, string? boundIssuer, string ns = "") =>
        Namespace(ns).JwtMounts[mount.Trim('/')] = new JwtAuthMount(discoveryUrl.TrimEnd('/'), boundIssuer);

    /// <summary><c>vault write auth/&lt;mount&gt;/role/&lt;name&gt; role_type=jwt …</c>.</summary>
    public void AddJwtRole(string mount, string name, JwtRole role, string ns = "") => Namespace(ns).JwtMounts[mount.Trim('/')].Roles[name] = role;

    private static bool TryJwtMount(VaultNamespace space, string path, out string mount)
    {
        mount = "";
        if (!path.StartsWith("auth/", StringComparison.Ordinal) || !path.EndsWith("/login", StringComparison.Ordinal) || path.Length <= "auth//login".Length)
        {
            return false;
        }
        mount = path["auth/".Length..^"/login".Length];
        return space.JwtMounts.ContainsKey(mount);
    }

    private async Task<IResult> JwtLoginAsync(HttpContext context, string ns, string mountName, CancellationToken cancellationToken)
    {
        var mount = Namespace(ns).JwtMounts[mountName];
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return Errors(400, "failed to parse JSON input");
        }
        var roleName = Text(body.Value, "role");
        var jwt = Text(body.Value, "jwt");
        if (string.IsNullOrEmpty(roleName))
        {
            return Errors(400, "missing role");
        }
        if (!mount.Roles.TryGetValue(roleName, out var role))
        {
            return Errors(400, $"role \"{roleName}\" could not be found");
        }
        if (string.IsNullOrEmpty(jwt))
        {
            return Errors(400, "missing token");
        }

        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(jwt))
        {
            return Errors(400, "error validating token: invalid JWT");
        }
        IList<SecurityKey> keys;
        try
        {
            using var discovery = JsonDocument.Parse(await DiscoveryClient.GetStringAsync(mount.DiscoveryUrl + "/.well-known/openid-configuration", cancellationToken));
            if (discovery.RootElement.GetProperty("issuer").GetString() != mount.DiscoveryUrl)
            {
                return Errors(500, "error checking oidc discovery URL: issuer did not match the issuer returned by provider");
            }
            keys = new JsonWebKeySet(await DiscoveryClient.GetStringAsync(discovery.RootElement.GetProperty("jwks_uri").GetString(), cancellationToken)).GetSigningKeys();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            return Errors(500, "error checking oidc discovery URL: failed to fetch the provider's keys");
        }

        var unverified = handler.ReadJsonWebToken(jwt);
        var result = await handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = mount.BoundIssuer is not null,
            ValidIssuer = mount.BoundIssuer,
            // Audiences are Vault's role check below, with Vault's messages.
            ValidateAudience = false,
            ClockSkew = ExpirationLeeway,
        });
        switch (result.Exception)
        {
            case null:
                break;
            case SecurityTokenExpiredException:
                return Errors(400, "error validating token: invalid expiration time (exp) claim: token is expired");
            case SecurityTokenNotYetValidException:
                return Errors(400, "error validating token: invalid not before (nbf) claim: token not yet valid");
            case SecurityTokenInvalidIssuerException:
                return Errors(400, "error validating token: invalid issuer (iss) claim");
            case SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException:
                return Errors(400, "error validating token: failed to verify id token signature");
            default:
                return Errors(400, "error validating token: invalid token");
        }

        var audiences = unverified.Audiences.ToList();
        if (role.BoundAudiences.Count == 0 && audiences.Count > 0)
        {
            return Errors(400, "audience claim found in JWT but no audiences bound to the role");
        }
        if (role.BoundAudiences.Count > 0 && !audiences.Any(role.BoundAudiences.Contains))
        {
            return Errors(400, "error validating token: invalid audience (aud) claim: audience claim does not match any expected audience");
        }
        if (role.BoundSubject is not null && unverified.Subject != role.BoundSubject)
        {
            return Errors(400, "error validating token: invalid subject (sub) claim");
        }
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(unverified.EncodedPayload));
        foreach (var (claim, allowed) in role.BoundClaims ?? new Dictionary<string, string[]>())
        {
            if (!payload.RootElement.TryGetProperty(claim, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return Errors(400, $"error validating claims: claim \"{claim}\" is missing");
            }
            var values = value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(ClaimText).ToList()
                : [ClaimText(value)];
            if (!values.Any(v => allowed.Any(a => role.GlobClaims ? Glob(a, v) : a == v)))
            {
                return Errors(400, $"error validating claims: claim \"{claim}\" does not match any associated bound claim values");
            }
        }
        if (!unverified.TryGetPayloadValue<string>(role.UserClaim, out var user) || string.IsNullOrEmpty(user))
        {
            return Errors(400, $"claim \"{role.UserClaim}\" not found in token");
        }

        var ttl = role.TokenTtl ?? TimeSpan.FromHours(768);
        var token = Tokens.Issue(ns, role.TokenPolicies ?? [], ttl, $"{mountName}-{user}", new Dictionary<string, string> { ["role"] = roleName });
        JwtLogins.Enqueue(new JwtLogin(mountName, roleName, unverified.Subject, audiences, token));
        return Success(null, Auth(token));
    }

    private async Task<IResult> CreateChildTokenAsync(HttpContext context, VaultTokenStore.Token parent)
    {
        var body = await ReadBodyAsync(context);
        if (body is null)
        {
            return Errors(400, "failed to parse JSON input");
        }
        var policies = body.Value.TryGetProperty("policies", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => p.GetString() ?? "").ToList()
            : parent.Policies.Where(p => p != "default").ToList();
        if (!parent.Policies.Contains(VaultPolicy.Root) && policies.Any(p => p != "default" && !parent.Policies.Contains(p)))
        {
            return Errors(400, "child policies must be subset of parent");
        }
        var ttl = Duration(Text(body.Value, "explicit_max_ttl")) ?? Duration(Text(body.Value, "ttl")) ?? parent.Ttl;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Value.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in meta.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return Errors(400, "meta must be a map of strings to strings");
                }
                metadata[property.Name] = property.Value.GetString()!;
            }
        }
        var displayName = "token-" + (Text(body.Value, "display_name") ?? "");
        var token = Tokens.Issue(parent.Namespace, policies, ttl, displayName.TrimEnd('-'), metadata, parent.Value);
        return Success(null, Auth(token));
    }

    private static Dictionary<string, object?> Auth(VaultTokenStore.Token token) => new()
    {
        ["client_token"] = token.Value,
        ["accessor"] = Guid.NewGuid().ToString("N")[..24],
        ["policies"] = token.Policies,
        ["token_policies"] = token.Policies,
        ["metadata"] = token.Metadata,
        ["lease_duration"] = (long)token.Ttl.TotalSeconds,
        ["renewable"] = true,
        ["entity_id"] = Guid.NewGuid().ToString(),
        ["token_type"] = "service",
        ["orphan"] = token.Parent is null,
    };

    private static string ClaimText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static async Task<JsonElement?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Vault's duration parameters: seconds as a number, or <c>90s</c>, <c>15m</c>, <c>2h</c>.</summary>
    private static TimeSpan? Duration(string? text)
    {
        var match = text is null ? Match.Empty : Regex.Match(text, "^([0-9]+)([smh]?)$");
        if (!match.Success)
        {
            return null;
        }
        var n = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "h" => TimeSpan.FromHours(n), "m" => TimeSpan.FromMinutes(n), _ => TimeSpan.FromSeconds(n) };
    }

    /// <summary>Vault's glob for bound claims: <c>*</c> matches any run of characters.</summary>
    private static bool Glob(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.Singleline);

    private sealed record JwtAuthMount(string DiscoveryUrl, string? BoundIssuer)
    {
        public ConcurrentDictionary<string, JwtRole> Roles { get; } = new(StringComparer.Ordinal);
    }
}
