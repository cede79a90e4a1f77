using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Organizations;
using Coffer.Server.Storage;

namespace Coffer.Server.Accounts;

/// <summary>
/// Creates access tokens from requests: the value is generated here, returned once, and only its
/// hash is stored. As in ESC, a name is at most 40 characters and unique among its owner's tokens,
/// revoked ones included, and a token expires at most two years ahead.
/// </summary>
public sealed class TokenIssuer(ICofferStore store, TokenAuthentication authentication, TimeProvider clock)
{
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(2 * 365);

    public async Task<IResult> IssueAsync(
        CreateTokenRequest request, TokenKind kind, string? userId, string? organizationId, string? teamId, bool admin,
        IReadOnlyList<AccessToken> existing, Caller caller, CancellationToken cancellationToken)
    {
        var name = request.Name is { Length: > 0 and <= 40 } n
            ? n
            : throw ApiError.BadRequest("the token needs a name (\"name\") of at most 40 characters");
        if (existing.Any(t => t.Name == name))
        {
            throw ApiError.Conflict($"a token named {name} exists already");
        }
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = request.Expires is null or 0 ? null : DateTimeOffset.FromUnixTimeSeconds(request.Expires.Value);
        if (expires is { } at && (at <= now || at > now + LongestLifetime))
        {
            throw ApiError.BadRequest("expires must be a unix time in the next two years, or 0 for a token that does not expire");
        }
        var value = TokenValues.Generate();
        var token = new AccessToken(Guid.NewGuid().ToString("N"), TokenValues.Hash(value), kind, userId, organizationId, teamId,
            name, request.Description ?? "", now, null, expires, null, caller.Login, admin);
        var scope = Audit.AuditScope.Current;
        scope?.AddDetail("tokenId", token.Id);
        scope?.AddDetail("name", name);
        scope?.AddDetail("admin", admin);
        await store.CreateTokenAsync(token, cancellationToken);
        return Results.Ok(new { token = value, tokenInfo = OrganizationJson.Token(token) });
    }

    public async Task<IResult> RevokeAsync(string id, IReadOnlyList<AccessToken> owned, CancellationToken cancellationToken)
    {
        // Only the owner's list is searched, so another owner's token id is simply not found.
        if (owned.FirstOrDefault(t => t.Id == id) is not { } token || !await store.RevokeTokenAsync(token.Id, clock.GetUtcNow(), cancellationToken))
        {
            throw ApiError.NotFound($"token {id} not found");
        }
        authentication.Forget(t => t.Id == token.Id);
        return Results.NoContent();
    }
}
