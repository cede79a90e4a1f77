namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public Task<string?> GetPasswordHashAsync(string userId, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<string?>("SELECT hash FROM user_passwords WHERE user_id = @userId", new { userId }, cancellationToken);

    public Task SetPasswordHashAsync(string userId, string hash, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, """
                INSERT INTO user_passwords (user_id, hash, changed) VALUES (@userId, @hash, @changed)
                ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, changed = excluded.changed
                """, new { userId, hash, changed = Millis(changedAt) }, cancellationToken),
            null, "the user does not exist", cancellationToken);

    public async Task<bool> UpgradePasswordHashAsync(string userId, string expected, string hash, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, "UPDATE user_passwords SET hash = @hash WHERE user_id = @userId AND hash = @expected",
                new { userId, expected, hash }, cancellationToken),
            null, null, cancellationToken) == 1;

    // "session = @yes" rather than a literal: SQLite stores booleans as 0/1, PostgreSQL as boolean.
    public Task<int> RevokeSessionsAsync(string userId, string? keepTokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write,
                "UPDATE access_tokens SET revoked = @revokedAt WHERE user_id = @userId AND session = @yes AND revoked IS NULL"
                    + (keepTokenId is null ? "" : " AND id <> @keepTokenId"),
                new { userId, keepTokenId, revokedAt = Millis(revokedAt), yes = true }, cancellationToken),
            null, null, cancellationToken);
}
