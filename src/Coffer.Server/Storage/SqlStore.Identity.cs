namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    private const string OrganizationColumns = "id AS Id, name AS Name, created AS Created";
    private const string UserColumns = "id AS Id, login AS Login, name AS Name, email AS Email, created AS Created";
    private const string TokenColumns = """
        id AS Id, value_hash AS ValueHash, kind AS Kind, user_id AS UserId, organization_id AS OrganizationId,
        team_id AS TeamId, name AS Name, description AS Description, created AS Created, last_used AS LastUsed,
        expires AS Expires, revoked AS Revoked, created_by AS CreatedBy, admin AS Admin, session AS Session
        """;

    private const string MembershipUpsert = """
        INSERT INTO memberships (organization_id, user_id, role) VALUES (@OrganizationId, @UserId, @Role)
        ON CONFLICT (organization_id, user_id) DO UPDATE SET role = excluded.role
        """;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        await QuerySingleOrDefaultAsync<int?>("SELECT 1 FROM organizations LIMIT 1", null, cancellationToken) is null;

    public async Task<Organization?> FindOrganizationAsync(string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<OrganizationRow>($"SELECT {OrganizationColumns} FROM organizations WHERE name = @name", new { name }, cancellationToken))?.ToRecord();

    public async Task<Organization?> GetOrganizationAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<OrganizationRow>($"SELECT {OrganizationColumns} FROM organizations WHERE id = @id", new { id }, cancellationToken))?.ToRecord();

    public Task CreateOrganizationAsync(Organization organization, CancellationToken cancellationToken) =>
        WriteAsync(write => InsertOrganizationAsync(write, organization, cancellationToken), $"organization {organization.Name} already exists", null, cancellationToken);

    public Task BootstrapAsync(Organization organization, User admin, Membership membership, AccessToken token, CancellationToken cancellationToken) =>
        WriteAsync(
            async write =>
            {
                await InsertOrganizationAsync(write, organization, cancellationToken);
                await InsertUserAsync(write, admin, cancellationToken);
                await ExecuteAsync(write, MembershipUpsert, membership, cancellationToken);
                await InsertTokenAsync(write, token, cancellationToken);
            },
            $"organization {organization.Name}, user {admin.Login} or their token already exists", null, cancellationToken);

    public async Task<User?> GetUserAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }, cancellationToken))?.ToRecord();

    public async Task<User?> FindUserAsync(string login, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE login = @login", new { login }, cancellationToken))?.ToRecord();

    public Task CreateUserAsync(User user, CancellationToken cancellationToken) =>
        WriteAsync(write => InsertUserAsync(write, user, cancellationToken), $"user {user.Login} already exists", null, cancellationToken);

    public Task SetMembershipAsync(Membership membership, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, MembershipUpsert, membership, cancellationToken),
            null, "the organization or the user of the membership does not exist", cancellationToken);

    public Task<IReadOnlyList<Membership>> ListMembershipsAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync<Membership>(
            "SELECT organization_id AS OrganizationId, user_id AS UserId, role AS Role FROM memberships WHERE user_id = @userId ORDER BY organization_id",
            new { userId }, cancellationToken);

    public Task CreateTokenAsync(AccessToken token, CancellationToken cancellationToken) =>
        WriteAsync(
            write => InsertTokenAsync(write, token, cancellationToken),
            "a token with this id or value already exists", "the user or organization of the token does not exist", cancellationToken);

    public async Task<AccessToken?> FindTokenAsync(byte[] valueHash, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TokenRow>($"SELECT {TokenColumns} FROM access_tokens WHERE value_hash = @valueHash", new { valueHash }, cancellationToken))?.ToRecord();

    // Never moves backwards, so concurrent requests with the same token leave the latest use.
    public Task TouchTokenAsync(string tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, "UPDATE access_tokens SET last_used = @usedAt WHERE id = @tokenId AND (last_used IS NULL OR last_used < @usedAt)",
                new { tokenId, usedAt = Millis(usedAt) }, cancellationToken),
            null, null, cancellationToken);

    private static Task<int> InsertOrganizationAsync(WriteTransaction write, Organization organization, CancellationToken cancellationToken) =>
        ExecuteAsync(write, "INSERT INTO organizations (id, name, created) VALUES (@Id, @Name, @created)",
            new { organization.Id, organization.Name, created = Millis(organization.Created) }, cancellationToken);

    private static Task<int> InsertUserAsync(WriteTransaction write, User user, CancellationToken cancellationToken) =>
        ExecuteAsync(write, "INSERT INTO users (id, login, name, email, created) VALUES (@Id, @Login, @Name, @Email, @created)",
            new { user.Id, user.Login, user.Name, user.Email, created = Millis(user.Created) }, cancellationToken);

    private static Task<int> InsertTokenAsync(WriteTransaction write, AccessToken token, CancellationToken cancellationToken) =>
        ExecuteAsync(write, """
            INSERT INTO access_tokens (id, value_hash, kind, user_id, organization_id, team_id, name, description,
                                       created, last_used, expires, revoked, created_by, admin, session)
            VALUES (@Id, @ValueHash, @kind, @UserId, @OrganizationId, @TeamId, @Name, @Description,
                    @created, @lastUsed, @expires, @revoked, @CreatedBy, @Admin, @Session)
            """,
            new
            {
                token.Id, token.ValueHash, kind = TokenKinds.Format(token.Kind), token.UserId, token.OrganizationId, token.TeamId,
                token.Name, token.Description, created = Millis(token.Created), lastUsed = Millis(token.LastUsed),
                expires = Millis(token.Expires), revoked = Millis(token.Revoked), token.CreatedBy, token.Admin, token.Session,
            }, cancellationToken);
}
