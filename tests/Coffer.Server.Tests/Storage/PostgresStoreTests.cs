using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Npgsql;

namespace Coffer.Server.Tests.Storage;

/// <summary>
/// The store contract on PostgreSQL: a database of this class on the private test cluster. Store
/// instances opened here have their own connection pools, as separate server replicas do.
/// </summary>
[RequiresPostgres]
public sealed class PostgresStoreTests(PostgresCluster postgres) : StoreContractTests, IClassFixture<PostgresCluster>
{
    protected override string DialectName => "postgres";

    protected override ICofferStore OpenStore() => StoreFactory.Open(postgres.ConnectionString, "unused-data-directory");

    protected override async Task<EmptyDatabase> CreateEmptyDatabaseAsync()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        return new EmptyDatabase(
            () => StoreFactory.Open(connectionString, "unused-data-directory"),
            async sql =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(sql, connection);
                return await command.ExecuteScalarAsync();
            });
    }

    [DatabaseFact]
    public async Task A_store_opened_from_a_postgres_uri_reaches_the_same_database()
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        var uri = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}?sslmode=disable";
        var organization = await NewOrganizationAsync();

        await using var store = StoreFactory.Open(uri, "unused-data-directory");

        Assert.Equal(organization, await store.GetOrganizationAsync(organization.Id, None));
    }

    // The test cluster's own collation is C, so ordering tests alone would not notice a column
    // that lost its COLLATE "C" and would sort by locale on a production database.
    [DatabaseFact]
    public async Task Name_columns_compare_byte_wise_whatever_the_database_collation()
    {
        var database = await CreateEmptyDatabaseAsync();
        await Track(database.Open()).MigrateAsync(None);

        var columns = (string?)await database.ScalarAsync("""
            SELECT string_agg(table_name || '.' || column_name, ',' ORDER BY table_name, column_name)
            FROM information_schema.columns WHERE table_schema = 'public' AND collation_name = 'C'
            """);

        Assert.NotNull(columns);
        Assert.Equal(
            ["audit_events.action", "audit_events.actor", "audit_events.environment", "audit_events.project",
             "environment_references.referenced_name", "environment_tags.name", "environments.name", "environments.project",
             "grants.environment", "grants.project", "organizations.name", "revision_tags.name", "teams.name", "users.login"],
            columns.Split(','));
    }

    // Row locks only make racing writers queue; the conditional update is what keeps them apart.
    // Without the locks, writers that lose retry a bounded number of times and then give up with a
    // conflict — but no revision is ever lost, doubled or overwritten.
    [DatabaseFact]
    public async Task Without_row_locks_concurrent_blind_writes_still_never_share_a_number()
    {
        var environment = await NewEnvironmentAsync();
        var replicas = Enumerable.Range(0, 2).Select(_ => Track(new SqlStore(new PostgresDialect(postgres.ConnectionString, lockRowsForUpdate: false)))).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = replicas.SelectMany((replica, r) => Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var definition = $"values:\n  writer: {r}-{i}\n";
            try
            {
                return (Number: (int?)await replica.AddRevisionAsync(environment.Id, null, definition, Bob, T0, [], None), Definition: definition);
            }
            catch (ConflictException)
            {
                return (Number: (int?)null, Definition: definition);
            }
        }))).ToList();

        start.SetResult();
        var outcomes = await Task.WhenAll(writes);

        var succeeded = outcomes.Where(o => o.Number is not null).ToList();
        Assert.NotEmpty(succeeded);
        Assert.Equal(Enumerable.Range(2, succeeded.Count), succeeded.Select(s => s.Number!.Value).Order());
        var stored = await Store.ListRevisionsAsync(environment.Id, null, 1000, None);
        Assert.Equal(1 + succeeded.Count, stored.Count);
        var byNumber = stored.ToDictionary(r => r.Number, r => r.Definition);
        Assert.All(succeeded, s => Assert.Equal(s.Definition, byNumber[s.Number!.Value]));
    }
}
