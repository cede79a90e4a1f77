namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    public async Task<IReadOnlyList<(EnvironmentRecord Environment, int Revision)>> ListReferrersAsync(
        string organizationId, IReadOnlyList<string> referenceNames, bool allRevisions, CancellationToken cancellationToken)
    {
        if (referenceNames.Count == 0)
        {
            return [];
        }
        var sql = allRevisions
            ? $"""
                SELECT {EnvironmentColumns}, r.revision AS Revision
                FROM environments e
                JOIN (SELECT DISTINCT environment_id, revision FROM environment_references
                      WHERE {_dialect.InList("referenced_name", "@names")}) r ON r.environment_id = e.id
                WHERE e.organization_id = @organizationId
                ORDER BY e.project, e.name, r.revision
                """
            : $"""
                SELECT {EnvironmentColumns}, e.latest_revision AS Revision
                FROM environments e
                WHERE e.organization_id = @organizationId
                  AND EXISTS (SELECT 1 FROM environment_references r
                              WHERE r.environment_id = e.id AND r.revision = e.latest_revision
                                AND {_dialect.InList("r.referenced_name", "@names")})
                ORDER BY e.project, e.name
                """;
        var rows = await QueryAsync<ReferrerRow>(sql, new { organizationId, names = referenceNames.ToArray() }, cancellationToken);
        return [.. rows.Select(r => (r.ToRecord(), r.Revision))];
    }
}
