namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<AccessToken?> GetTokenAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TokenRow>($"SELECT {TokenColumns} FROM access_tokens WHERE id = @id", new { id }, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<AccessToken>> ListPersonalTokensAsync(string userId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<TokenRow>(
            $"SELECT {TokenColumns} FROM access_tokens WHERE user_id = @userId AND kind = 'personal' ORDER BY created DESC, id",
            new { userId }, cancellationToken)).Select(row => row.ToRecord())];

    // Two statements rather than "@teamId IS NULL OR ...": PostgreSQL cannot type an untyped null parameter.
    public async Task<IReadOnlyList<AccessToken>> ListOrganizationTokensAsync(string organizationId, TokenKind kind, string? teamId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<TokenRow>(
            $"SELECT {TokenColumns} FROM access_tokens WHERE organization_id = @organizationId AND kind = @kind"
                + (teamId is null ? "" : " AND team_id = @teamId") + " ORDER BY created DESC, id",
            new { organizationId, kind = TokenKinds.Format(kind), teamId }, cancellationToken)).Select(row => row.ToRecord())];

    public async Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, "UPDATE access_tokens SET revoked = @revokedAt WHERE id = @tokenId AND revoked IS NULL",
                new { tokenId, revokedAt = Millis(revokedAt) }, cancellationToken),
            null, null, cancellationToken) == 1;
}
