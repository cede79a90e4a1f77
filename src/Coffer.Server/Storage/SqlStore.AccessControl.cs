using Coffer.Server.Auth;

namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    private const string TeamColumns = "id AS Id, organization_id AS OrganizationId, name AS Name, description AS Description, created AS Created";
    private const string GrantColumns = """
        organization_id AS OrganizationId, subject_kind AS SubjectKind, subject_id AS SubjectId, project AS Project,
        environment AS Environment, permission AS Permission
        """;

    public async Task<OrganizationSettings> GetOrganizationSettingsAsync(string organizationId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<SettingsRow>(
            "SELECT default_permission AS DefaultPermission, members_can_create_environments AS MembersCanCreateEnvironments FROM organizations WHERE id = @organizationId",
            new { organizationId }, cancellationToken);
        return row is null ? OrganizationSettings.Default : new(PermissionNames.Parse(row.DefaultPermission), row.MembersCanCreateEnvironments);
    }

    public async Task<bool> SetOrganizationSettingsAsync(string organizationId, OrganizationSettings settings, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, """
                UPDATE organizations SET default_permission = @defaultPermission, members_can_create_environments = @membersCanCreate
                WHERE id = @organizationId
                """,
                new { organizationId, defaultPermission = PermissionNames.Format(settings.DefaultPermission), membersCanCreate = settings.MembersCanCreateEnvironments },
                cancellationToken),
            null, null, cancellationToken) == 1;

    public Task<IReadOnlyList<Membership>> ListMembersAsync(string organizationId, CancellationToken cancellationToken) =>
        QueryAsync<Membership>(
            "SELECT organization_id AS OrganizationId, user_id AS UserId, role AS Role FROM memberships WHERE organization_id = @organizationId ORDER BY user_id",
            new { organizationId }, cancellationToken);

    public Task<bool> RemoveMembershipAsync(string organizationId, string userId, CancellationToken cancellationToken) =>
        WriteAsync(
            async write =>
            {
                var parameters = new { organizationId, userId, kind = SubjectKind(GrantSubjectKind.User) };
                await ExecuteAsync(write, "DELETE FROM grants WHERE organization_id = @organizationId AND subject_kind = @kind AND subject_id = @userId", parameters, cancellationToken);
                await ExecuteAsync(write, """
                    DELETE FROM team_members
                    WHERE user_id = @userId AND team_id IN (SELECT id FROM teams WHERE organization_id = @organizationId)
                    """, parameters, cancellationToken);
                return await ExecuteAsync(write, "DELETE FROM memberships WHERE organization_id = @organizationId AND user_id = @userId", parameters, cancellationToken) == 1;
            },
            null, null, cancellationToken);

    public Task CreateTeamAsync(Team team, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, "INSERT INTO teams (id, organization_id, name, description, created) VALUES (@Id, @OrganizationId, @Name, @Description, @created)",
                new { team.Id, team.OrganizationId, team.Name, team.Description, created = Millis(team.Created) }, cancellationToken),
            $"team {team.Name} already exists", "the organization of the team does not exist", cancellationToken);

    public async Task<Team?> FindTeamAsync(string organizationId, string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE organization_id = @organizationId AND name = @name",
            new { organizationId, name }, cancellationToken))?.ToRecord();

    public async Task<Team?> GetTeamAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE id = @id", new { id }, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<Team>> ListTeamsAsync(string organizationId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<TeamRow>($"SELECT {TeamColumns} FROM teams WHERE organization_id = @organizationId ORDER BY name",
            new { organizationId }, cancellationToken)).Select(row => row.ToRecord())];

    public async Task<bool> SetTeamDescriptionAsync(string teamId, string description, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, "UPDATE teams SET description = @description WHERE id = @teamId", new { teamId, description }, cancellationToken),
            null, null, cancellationToken) == 1;

    public Task<bool> DeleteTeamAsync(string teamId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async write =>
            {
                var parameters = new { teamId, kind = SubjectKind(GrantSubjectKind.Team), now = Millis(now) };
                await ExecuteAsync(write, "DELETE FROM grants WHERE subject_kind = @kind AND subject_id = @teamId", parameters, cancellationToken);
                await ExecuteAsync(write, "UPDATE access_tokens SET revoked = @now WHERE kind = 'team' AND team_id = @teamId AND revoked IS NULL", parameters, cancellationToken);
                return await ExecuteAsync(write, "DELETE FROM teams WHERE id = @teamId", parameters, cancellationToken) == 1;
            },
            null, null, cancellationToken);

    public Task AddTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, "INSERT INTO team_members (team_id, user_id) VALUES (@teamId, @userId) ON CONFLICT DO NOTHING", new { teamId, userId }, cancellationToken),
            null, "the team or the user does not exist", cancellationToken);

    public async Task<bool> RemoveTeamMemberAsync(string teamId, string userId, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, "DELETE FROM team_members WHERE team_id = @teamId AND user_id = @userId", new { teamId, userId }, cancellationToken),
            null, null, cancellationToken) == 1;

    public async Task<IReadOnlyList<User>> ListTeamMembersAsync(string teamId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<UserRow>("""
            SELECT u.id AS Id, u.login AS Login, u.name AS Name, u.email AS Email, u.created AS Created
            FROM team_members m JOIN users u ON u.id = m.user_id
            WHERE m.team_id = @teamId ORDER BY u.login
            """, new { teamId }, cancellationToken)).Select(row => row.ToRecord())];

    public async Task<IReadOnlyList<Team>> ListUserTeamsAsync(string organizationId, string userId, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<TeamRow>("""
            SELECT t.id AS Id, t.organization_id AS OrganizationId, t.name AS Name, t.description AS Description, t.created AS Created
            FROM team_members m JOIN teams t ON t.id = m.team_id
            WHERE t.organization_id = @organizationId AND m.user_id = @userId ORDER BY t.name
            """, new { organizationId, userId }, cancellationToken)).Select(row => row.ToRecord())];

    public Task SetGrantAsync(Grant grant, CancellationToken cancellationToken) =>
        WriteAsync(write => UpsertGrantAsync(write, grant, cancellationToken), null, "the organization of the grant does not exist", cancellationToken);

    private static Task<int> UpsertGrantAsync(WriteTransaction write, Grant grant, CancellationToken cancellationToken) =>
        ExecuteAsync(write, """
            INSERT INTO grants (organization_id, subject_kind, subject_id, project, environment, permission)
            VALUES (@OrganizationId, @kind, @SubjectId, @Project, @Environment, @permission)
            ON CONFLICT (organization_id, project, environment, subject_kind, subject_id) DO UPDATE SET permission = excluded.permission
            """,
            new { grant.OrganizationId, kind = SubjectKind(grant.SubjectKind), grant.SubjectId, grant.Project, grant.Environment, permission = PermissionNames.Format(grant.Permission) },
            cancellationToken);

    public async Task<bool> RemoveGrantAsync(string organizationId, GrantSubjectKind subjectKind, string subjectId, string project, string environment, CancellationToken cancellationToken) =>
        await WriteAsync(
            write => ExecuteAsync(write, """
                DELETE FROM grants
                WHERE organization_id = @organizationId AND subject_kind = @kind AND subject_id = @subjectId AND project = @project AND environment = @environment
                """,
                new { organizationId, kind = SubjectKind(subjectKind), subjectId, project, environment }, cancellationToken),
            null, null, cancellationToken) == 1;

    public async Task<IReadOnlyList<Grant>> ListGrantsAsync(string organizationId, string project, string environment, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<GrantRow>(
            $"SELECT {GrantColumns} FROM grants WHERE organization_id = @organizationId AND project = @project AND environment = @environment ORDER BY subject_kind, subject_id",
            new { organizationId, project, environment }, cancellationToken)).Select(row => row.ToRecord())];

    public async Task<IReadOnlyList<Grant>> ListGrantsApplyingToAsync(string organizationId, string project, string environment, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<GrantRow>(
            $"""
            SELECT {GrantColumns} FROM grants
            WHERE organization_id = @organizationId AND project = @project AND environment IN (@environment, @wholeProject)
            ORDER BY environment, subject_kind, subject_id
            """,
            new { organizationId, project, environment, wholeProject = Grant.WholeProject }, cancellationToken)).Select(row => row.ToRecord())];

    private static string SubjectKind(GrantSubjectKind kind) => kind switch
    {
        GrantSubjectKind.User => "user",
        GrantSubjectKind.Team => "team",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown grant subject"),
    };

    private static GrantSubjectKind ParseSubjectKind(string stored) => stored switch
    {
        "user" => GrantSubjectKind.User,
        "team" => GrantSubjectKind.Team,
        _ => throw new InvalidOperationException($"the database holds an unknown grant subject '{stored}'"),
    };

    private sealed class SettingsRow
    {
        public string DefaultPermission { get; set; } = "";
        public bool MembersCanCreateEnvironments { get; set; }
    }

    private sealed class TeamRow
    {
        public string Id { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Description { get; set; } = "";
        public long Created { get; set; }

        public Team ToRecord() => new(Id, OrganizationId, Name, Description, Time(Created));
    }

    private sealed class GrantRow
    {
        public string OrganizationId { get; set; } = "";
        public string SubjectKind { get; set; } = "";
        public string SubjectId { get; set; } = "";
        public string Project { get; set; } = "";
        public string Environment { get; set; } = "";
        public string Permission { get; set; } = "";

        public Grant ToRecord() => new(OrganizationId, ParseSubjectKind(SubjectKind), SubjectId, Project, Environment, PermissionNames.Parse(Permission));
    }
}
