namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<EnvironmentRecord?> FindEnvironmentAsync(string organizationId, string project, string name, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<EnvironmentRow>(
            $"SELECT {EnvironmentColumns} FROM environments e WHERE e.organization_id = @organizationId AND e.project = @project AND e.name = @name",
            new { organizationId, project, name }, cancellationToken))?.ToRecord();

    public async Task<EnvironmentUnderAccess?> FindEnvironmentUnderAccessAsync(string organizationId, string project, string name, CancellationToken cancellationToken) =>
        (await _dialect.QueryHotRowAsync<EnvironmentUnderAccessRow>(
            FindEnvironmentUnderAccessSql, [("organizationId", organizationId), ("project", project), ("name", name)], cancellationToken))?.ToUnderAccess();

    public bool LookupsAreRoundTrips => _dialect.HasRoundTrips;

    public async Task<IReadOnlyList<EnvironmentUnderAccess>> FindEnvironmentsUnderAccessAsync(string organizationId, IReadOnlyList<(string Project, string Name)> names, CancellationToken cancellationToken)
    {
        var found = new List<EnvironmentUnderAccess>(names.Count);
        if (!LookupsAreRoundTrips)
        {
            // SQLite: a prepared lookup each costs no more than one query for all.
            foreach (var (project, name) in names)
            {
                if (await FindEnvironmentUnderAccessAsync(organizationId, project, name, cancellationToken) is { } environment)
                {
                    found.Add(environment);
                }
            }
            return found;
        }
        // PostgreSQL: the names as two arrays, so the statement's text (and its prepared plan) is the same for any number of them.
        var rows = await QueryAsync<EnvironmentUnderAccessRow>(
            $"""
            SELECT {EnvironmentColumns}, o.access_version AS AccessVersion
            FROM environments e JOIN organizations o ON o.id = e.organization_id
            JOIN unnest(@projects, @names) AS wanted(project, name) ON e.project = wanted.project AND e.name = wanted.name
            WHERE e.organization_id = @organizationId
            """,
            new { organizationId, projects = names.Select(n => n.Project).ToArray(), names = names.Select(n => n.Name).ToArray() },
            cancellationToken);
        found.AddRange(rows.Select(row => row.ToUnderAccess()));
        return found;
    }

    private const string FindEnvironmentUnderAccessSql =
        $"SELECT {EnvironmentColumns}, o.access_version AS AccessVersion FROM environments e JOIN organizations o ON o.id = e.organization_id WHERE e.organization_id = @organizationId AND e.project = @project AND e.name = @name";

    public async Task<EnvironmentRecord?> GetEnvironmentAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<EnvironmentRow>($"SELECT {EnvironmentColumns} FROM environments e WHERE e.id = @id", new { id }, cancellationToken))?.ToRecord();

    public async Task<Page<EnvironmentUnderAccess>> ListEnvironmentsAsync(IReadOnlyList<string> organizationIds, string? continuation, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // Decoded first, so a bad token is a FormatException even when there is nothing to list.
        var after = continuation is null ? null : ContinuationToken.Decode(continuation, 3);
        if (organizationIds.Count == 0)
        {
            return new Page<EnvironmentUnderAccess>([], null);
        }
        var sql = $"""
            SELECT {EnvironmentColumns}, o.name AS OrganizationName, o.access_version AS AccessVersion
            FROM environments e JOIN organizations o ON o.id = e.organization_id
            WHERE {_dialect.InList("e.organization_id", "@organizationIds")}
            {(after is null ? "" : "AND (o.name, e.project, e.name) > (@afterOrganization, @afterProject, @afterName)")}
            ORDER BY o.name, e.project, e.name
            LIMIT @take
            """;
        // One more than asked for tells whether there is a next page without a second query.
        var rows = await QueryAsync<ListedEnvironmentRow>(sql, new
        {
            organizationIds = organizationIds.ToArray(),
            afterOrganization = after?[0],
            afterProject = after?[1],
            afterName = after?[2],
            take = limit + 1,
        }, cancellationToken);
        if (rows.Count <= limit)
        {
            return new Page<EnvironmentUnderAccess>([.. rows.Select(r => r.ToUnderAccess())], null);
        }
        var last = rows[limit - 1];
        return new Page<EnvironmentUnderAccess>([.. rows.Take(limit).Select(r => r.ToUnderAccess())], ContinuationToken.Encode(last.OrganizationName, last.Project, last.Name));
    }

    public Task CreateEnvironmentAsync(EnvironmentRecord environment, RevisionRecord firstRevision, IReadOnlyList<string> references, CancellationToken cancellationToken, Grant? creatorGrant = null)
    {
        if (firstRevision.EnvironmentId != environment.Id || firstRevision.Number != environment.LatestRevision)
        {
            throw new ArgumentException("the first revision must belong to the environment and be its latest revision", nameof(firstRevision));
        }
        if (creatorGrant is not null && (creatorGrant.OrganizationId != environment.OrganizationId || creatorGrant.Project != environment.Project || creatorGrant.Environment != environment.Name))
        {
            throw new ArgumentException("the creator's grant must be on the environment created", nameof(creatorGrant));
        }
        return WriteAsync(async write =>
        {
            await ExecuteAsync(write, """
                INSERT INTO environments (id, organization_id, project, name, created, modified, latest_revision,
                                          deletion_protected, wrapped_data_key, key_version)
                VALUES (@Id, @OrganizationId, @Project, @Name, @created, @modified, @LatestRevision,
                        @DeletionProtected, @WrappedDataKey, @KeyVersion)
                """,
                new
                {
                    environment.Id, environment.OrganizationId, environment.Project, environment.Name,
                    created = Millis(environment.Created), modified = Millis(environment.Modified), environment.LatestRevision,
                    environment.DeletionProtected, environment.WrappedDataKey, environment.KeyVersion,
                }, cancellationToken);
            await InsertRevisionAsync(write, firstRevision, cancellationToken);
            await InsertReferencesAsync(write, environment.Id, firstRevision.Number, references, cancellationToken);
            if (creatorGrant is not null)
            {
                await UpsertGrantAsync(write, creatorGrant, cancellationToken);
            }
        },
        $"environment {environment.Project}/{environment.Name} already exists",
        "the organization of the environment does not exist",
        cancellationToken);
    }

    public Task DeleteEnvironmentAsync(string environmentId, CancellationToken cancellationToken) =>
        WriteAsync(async write =>
        {
            // Revisions, tags and references go with the environment (ON DELETE CASCADE); sessions
            // have no foreign key because other owners share their table.
            await ExecuteAsync(write, "DELETE FROM open_sessions WHERE environment_id = @environmentId", new { environmentId }, cancellationToken);
            // Grants name the environment rather than its id: a new environment of the same name
            // must not inherit them.
            await ExecuteAsync(write, """
                DELETE FROM grants WHERE (organization_id, project, environment) IN
                    (SELECT organization_id, project, name FROM environments WHERE id = @environmentId)
                """, new { environmentId }, cancellationToken);
            await ExecuteAsync(write, "DELETE FROM environments WHERE id = @environmentId", new { environmentId }, cancellationToken);
        }, null, null, cancellationToken);

    public Task SetDeletionProtectionAsync(string environmentId, bool protectedFromDeletion, CancellationToken cancellationToken) =>
        WriteAsync(async write =>
        {
            if (await ExecuteAsync(write, "UPDATE environments SET deletion_protected = @protectedFromDeletion WHERE id = @environmentId",
                    new { environmentId, protectedFromDeletion }, cancellationToken) == 0)
            {
                throw EnvironmentGone();
            }
        }, null, null, cancellationToken);

    private static ConflictException EnvironmentGone() => new("the environment was deleted");

    private sealed class ListedEnvironmentRow : EnvironmentUnderAccessRow
    {
        public string OrganizationName { get; set; } = "";
    }
}
