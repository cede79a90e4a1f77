using Dapper;

namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    /// <summary>
    /// Applies every pending migration in one transaction. Replicas starting together take turns
    /// (an advisory lock in PostgreSQL, the write lock in SQLite); the later ones find nothing to do.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = SchemaMigration.For(_dialect.Name);
        await _dialect.PrepareAsync(cancellationToken);
        await using var write = await _dialect.BeginWriteAsync(cancellationToken);
        await _dialect.LockSchemaAsync(write, cancellationToken);
        await ExecuteAsync(write, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied bigint NOT NULL
            )
            """, null, cancellationToken);
        var applied = (await write.Connection.QueryAsync<int>(new CommandDefinition(
            "SELECT version FROM schema_migrations", transaction: write.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        var newest = migrations[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
        {
            // An older server must not write to a schema it does not know.
            throw new InvalidOperationException(
                $"the database schema is at version {applied.Max()}, newer than this server's {newest}; upgrade the server");
        }
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(write, migration.Sql, null, cancellationToken);
            await ExecuteAsync(write, "INSERT INTO schema_migrations (version, name, applied) VALUES (@Version, @Name, @applied)",
                new { migration.Version, migration.Name, applied = Millis(DateTimeOffset.UtcNow) }, cancellationToken);
        }
        await write.CommitAsync(cancellationToken);
    }
}
