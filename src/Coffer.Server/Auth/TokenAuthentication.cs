using System.Collections.Concurrent;
using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Authenticates requests by their <c>Authorization: token &lt;value&gt;</c> header. Unknown, revoked,
/// expired or missing tokens get 401. Looked-up callers are cached for a few seconds, so a busy
/// token does not cost a database read per request: a token revoked through this server stops
/// working at once (<see cref="Forget"/>), one revoked through another replica within that time.
/// </summary>
public sealed class TokenAuthentication(ICofferStore store, TimeProvider clock)
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    /// <summary>The caller of a request, or an error saying why it is not authenticated.</summary>
    public async Task<(Caller? Caller, string? Error)> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return (null, "this request requires an access token: send the header 'Authorization: token <value>'");
        }
        var parts = authorization.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !string.Equals(parts[0], "token", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the Authorization header must be 'token <value>'");
        }
        var hash = Convert.ToBase64String(TokenValues.Hash(parts[1].Trim()));
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(hash, out var cached) && cached.Until > now && IsUsable(cached.Caller.Token, now))
        {
            await TouchAsync(cached.Caller.Token, now, cancellationToken);
            return (cached.Caller, null);
        }

        var token = await store.FindTokenAsync(Convert.FromBase64String(hash), cancellationToken);
        if (token is null || !TokenValues.SameHash(token.ValueHash, Convert.FromBase64String(hash)) || !IsUsable(token, now))
        {
            _cache.TryRemove(hash, out _);
            return (null, "invalid access token");
        }
        var caller = await ResolveAsync(token, cancellationToken);
        if (caller is null)
        {
            return (null, "invalid access token");
        }
        _cache[hash] = (caller, now + CacheLifetime);
        await TouchAsync(token, now, cancellationToken);
        return (caller, null);
    }

    /// <summary>Drops the cached callers whose token <paramref name="revoked"/> says was just revoked.</summary>
    public void Forget(Func<AccessToken, bool> revoked)
    {
        foreach (var (hash, cached) in _cache)
        {
            if (revoked(cached.Caller.Token))
            {
                _cache.TryRemove(hash, out _);
            }
        }
    }

    private static bool IsUsable(AccessToken token, DateTimeOffset now) =>
        token.Revoked is null && (token.Expires is null || token.Expires > now);

    private async Task<Caller?> ResolveAsync(AccessToken token, CancellationToken cancellationToken)
    {
        switch (token.Kind)
        {
            case TokenKind.Personal when token.UserId is not null:
            {
                var user = await store.GetUserAsync(token.UserId, cancellationToken);
                if (user is null)
                {
                    return null;
                }
                var organizations = new List<Organization>();
                foreach (var membership in await store.ListMembershipsAsync(user.Id, cancellationToken))
                {
                    // A token from signing in reaches only the organization signed in to.
                    if (token.Session && token.OrganizationId is not null && membership.OrganizationId != token.OrganizationId)
                    {
                        continue;
                    }
                    if (await store.GetOrganizationAsync(membership.OrganizationId, cancellationToken) is { } organization)
                    {
                        organizations.Add(organization);
                    }
                }
                return new Caller(token, user, null, organizations);
            }
            case TokenKind.Organization or TokenKind.Team when token.OrganizationId is not null:
            {
                var organization = await store.GetOrganizationAsync(token.OrganizationId, cancellationToken);
                return organization is null ? null : new Caller(token, null, organization, [organization]);
            }
            default:
                return null;
        }
    }

    // Recording every use would make each read a write; once a minute per token is enough.
    private async Task TouchAsync(AccessToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_touched.TryGetValue(token.Id, out var last) && now - last < TouchInterval)
        {
            return;
        }
        _touched[token.Id] = now;
        await store.TouchTokenAsync(token.Id, now, cancellationToken);
    }
}
