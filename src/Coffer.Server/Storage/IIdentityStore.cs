namespace Coffer.Server.Storage;

/// <summary>Organizations, users, memberships and access tokens.</summary>
public interface IIdentityStore
{
    /// <summary>True when the store holds no organization yet (the server then bootstraps one).</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    Task<Organization?> FindOrganizationAsync(string name, CancellationToken cancellationToken);

    Task<Organization?> GetOrganizationAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates an organization; <see cref="ConflictException"/> when the name is taken.</summary>
    Task CreateOrganizationAsync(Organization organization, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the bootstrap organization, its administrator, the membership and the administrator's
    /// token in one transaction: all of them or, on <see cref="ConflictException"/> (one of them
    /// exists already), none.
    /// </summary>
    Task BootstrapAsync(Organization organization, User admin, Membership membership, AccessToken token, CancellationToken cancellationToken);

    Task<User?> GetUserAsync(string id, CancellationToken cancellationToken);

    Task<User?> FindUserAsync(string login, CancellationToken cancellationToken);

    /// <summary>Creates a user; <see cref="ConflictException"/> when the login is taken.</summary>
    Task CreateUserAsync(User user, CancellationToken cancellationToken);

    /// <summary>Adds or updates a membership; <see cref="ConflictException"/> when the organization or user does not exist.</summary>
    Task SetMembershipAsync(Membership membership, CancellationToken cancellationToken);

    Task<IReadOnlyList<Membership>> ListMembershipsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a token; <see cref="ConflictException"/> when its id or value hash is in use, or its
    /// user or organization does not exist.
    /// </summary>
    Task CreateTokenAsync(AccessToken token, CancellationToken cancellationToken);

    /// <summary>The token whose value hashes to <paramref name="valueHash"/>, revoked or not.</summary>
    Task<AccessToken?> FindTokenAsync(byte[] valueHash, CancellationToken cancellationToken);

    /// <summary>Records when a token was last used (never moving the time backwards).</summary>
    Task TouchTokenAsync(string tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    Task<AccessToken?> GetTokenAsync(string id, CancellationToken cancellationToken);

    /// <summary>A user's personal tokens, revoked ones included, newest first.</summary>
    Task<IReadOnlyList<AccessToken>> ListPersonalTokensAsync(string userId, CancellationToken cancellationToken);

    /// <summary>An organization's tokens of one kind (of one team, for team tokens), revoked ones included, newest first.</summary>
    Task<IReadOnlyList<AccessToken>> ListOrganizationTokensAsync(string organizationId, TokenKind kind, string? teamId, CancellationToken cancellationToken);

    /// <summary>Revokes a token at <paramref name="revokedAt"/>; false when it does not exist or was revoked already.</summary>
    Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
