namespace Coffer.Server.Storage;

/// <summary>Users' password hashes, and the sign-in sessions a password change ends.</summary>
public interface IPasswordStore
{
    /// <summary>The stored hash of the user's password, or null when they have none.</summary>
    Task<string?> GetPasswordHashAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Sets (or replaces) the user's password hash; <see cref="ConflictException"/> when the user does not exist.</summary>
    Task SetPasswordHashAsync(string userId, string hash, DateTimeOffset changedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a hash only if it is still <paramref name="expected"/> (a stronger hash of the same
    /// password, written after a sign-in); false when the password changed in between.
    /// </summary>
    Task<bool> UpgradePasswordHashAsync(string userId, string expected, string hash, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the user's sign-in session tokens that are still live, except <paramref name="keepTokenId"/>;
    /// returns how many were revoked.
    /// </summary>
    Task<int> RevokeSessionsAsync(string userId, string? keepTokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
